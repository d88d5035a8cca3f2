frappe.query_reports["Top Ten Secretaries"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: Number(frappe.datetime.get_today().slice(0, 4)) - 1,
			reqd: 1,
		},
		{ fieldname: "window_years", label: __("Window (Years)"), fieldtype: "Int", default: 3, reqd: 1 },
		{ fieldname: "score_weight", label: __("Assessment Score Weight (%)"), fieldtype: "Float", default: 60 },
		{ fieldname: "satisfaction_weight", label: __("Satisfaction Weight (%)"), fieldtype: "Float", default: 20 },
		{ fieldname: "training_weight", label: __("Training Weight (%)"), fieldtype: "Float", default: 20 },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "limit", label: __("Number to Rank"), fieldtype: "Int", default: 10, reqd: 1 },
	],
	get_chart_data: () => community_gov.chart_with_text_tooltips(),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.escape_report_text(value, column);
		return default_formatter(value, row, column, data);
	},
};
