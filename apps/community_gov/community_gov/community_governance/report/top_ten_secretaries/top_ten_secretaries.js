frappe.query_reports["Top Ten Secretaries"] = {
	filters: [
		// Empty until `onload` fills it: the latest year with approved assessments.
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", reqd: 1 },
		{ fieldname: "window_years", label: __("Window (Years)"), fieldtype: "Int", default: 3, reqd: 1 },
		{ fieldname: "score_weight", label: __("Assessment Score Weight (%)"), fieldtype: "Int", default: 60 },
		{ fieldname: "satisfaction_weight", label: __("Satisfaction Weight (%)"), fieldtype: "Int", default: 20 },
		{ fieldname: "training_weight", label: __("Training Weight (%)"), fieldtype: "Int", default: 20 },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "limit", label: __("Number to Rank"), fieldtype: "Int", default: 10, reqd: 1 },
	],
	// The rank is a column of its own (exported); the row numbers would repeat it.
	get_datatable_options: (options) => ({ ...options, serialNoColumn: false }),
	onload: (report) => community_gov.setup_report(report, { year: (years) => years.assessment_year }),
	get_chart_data: () => community_gov.chart_with_text_tooltips(),
	formatter: (value, row, column, data, default_formatter) =>
		community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		}),
};
