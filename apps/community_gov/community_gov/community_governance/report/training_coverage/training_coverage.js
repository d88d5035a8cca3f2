frappe.query_reports["Training Coverage"] = {
	filters: [
		// Empty until `onload` fills it: the latest year with completed training.
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Statistics", label: __("Statistics") },
				{ value: "Plan vs Held", label: __("Plan vs Held") },
				{ value: "Cadre Compliance", label: __("Cadre Compliance") },
				{ value: "Non-Compliant Only", label: __("Non-Compliant Only") },
			],
			default: "Statistics",
		},
		{ fieldname: "level", label: __("Level"), fieldtype: "Select", options: ["", ...frappe.boot.community_gov_options.training_levels] },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: ["", ...frappe.boot.community_gov_options.cadre_positions],
		},
	],
	whole_number_chart_axis: true, // person-times
	onload: (report) => community_gov.setup_report(report, { year: (years) => years.training_year }),
	formatter: (value, row, column, data, default_formatter) =>
		community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		}),
};
