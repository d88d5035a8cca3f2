frappe.query_reports["Adjustment Watchlist"] = {
	filters: [
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{
			fieldname: "section",
			label: __("Section"),
			fieldtype: "Select",
			options: [
				{ value: "All", label: __("All") },
				{ value: "At Risk", label: __("At Risk") },
				{ value: "Open Cases", label: __("Open Cases") },
				{ value: "Decided Cases", label: __("Decided Cases") },
			],
			default: "All",
		},
	],
	whole_number_chart_axis: true, // numbers of cases
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		});
		if (column.fieldname === "grade" && data && data.grade === __("Fail")) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
