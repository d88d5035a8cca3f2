frappe.query_reports["Training Coverage"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Statistics", label: __("Statistics") },
				{ value: "Cadre Compliance", label: __("Cadre Compliance") },
				{ value: "Non-Compliant Only", label: __("Non-Compliant Only") },
			],
			default: "Statistics",
		},
		{ fieldname: "level", label: __("Level"), fieldtype: "Select", options: ["", "City", "District", "Sub District"] },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: ["", "Secretary", "Deputy Secretary", "Committee Member", "Director", "First Secretary", "Community Worker"],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.escape_report_text(value, column);
		return default_formatter(value, row, column, data);
	},
};
