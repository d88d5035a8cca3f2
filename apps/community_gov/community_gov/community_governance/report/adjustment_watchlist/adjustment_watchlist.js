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
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.escape_report_text(value, column);
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "grade" && data && data.grade && data.case_status === undefined) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
