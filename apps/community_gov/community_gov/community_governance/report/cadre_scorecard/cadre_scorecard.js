frappe.query_reports["Cadre Scorecard"] = {
	filters: [
		{ fieldname: "cadre", label: __("Cadre"), fieldtype: "Link", options: "Cadre" },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" },
		{
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: ["", ...frappe.boot.community_gov_options.cadre_positions],
			default: "Secretary",
		},
		// Empty until `onload` fills them: the four years up to the latest with assessments or training.
		{ fieldname: "from_year", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "to_year", label: __("To Year"), fieldtype: "Int" },
	],
	onload: (report) =>
		community_gov.setup_report(report, {
			from_year: (years) => years.latest_year - 3,
			to_year: (years) => years.latest_year,
		}),
	formatter: (value, row, column, data, default_formatter) =>
		community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		}),
};
