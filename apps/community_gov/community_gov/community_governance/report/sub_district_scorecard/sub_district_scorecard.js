frappe.query_reports["Sub District Scorecard"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() - 1 },
		{ fieldname: "trend_years", label: __("Years in Chart"), fieldtype: "Int", default: 4 },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Sub District", label: __("Sub District") },
				{ value: "Community", label: __("Community") },
			],
			default: "Sub District",
		},
	],
	get_chart_data: () => community_gov.chart_with_text_tooltips(),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.escape_report_text(value, column);
		return default_formatter(value, row, column, data);
	},
};
