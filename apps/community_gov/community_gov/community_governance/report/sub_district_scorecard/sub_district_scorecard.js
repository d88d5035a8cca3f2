frappe.query_reports["Sub District Scorecard"] = {
	filters: [
		// Empty until `onload` fills it: the latest year with approved assessments.
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
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
	// The rank is a column of its own (exported); the row numbers would repeat it.
	get_datatable_options: (options) => ({ ...options, serialNoColumn: false }),
	onload: (report) => community_gov.setup_report(report, { year: (years) => years.assessment_year }),
	get_chart_data: () => community_gov.chart_with_text_tooltips(),
	formatter: (value, row, column, data, default_formatter) =>
		community_gov.format_report_cell(value, row, column, data, default_formatter),
};
