frappe.query_reports["Cadre Scorecard"] = {
	filters: [
		{ fieldname: "cadre", label: __("Cadre"), fieldtype: "Link", options: "Cadre" },
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" },
		{
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: ["", "Secretary", "Deputy Secretary", "Committee Member", "Director", "First Secretary", "Community Worker"],
			default: "Secretary",
		},
		{ fieldname: "from_year", label: __("From Year"), fieldtype: "Int", default: new Date().getFullYear() - 4 },
		{ fieldname: "to_year", label: __("To Year"), fieldtype: "Int", default: new Date().getFullYear() - 1 },
	],
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.escape_report_text(value, column);
		return default_formatter(value, row, column, data);
	},
};
