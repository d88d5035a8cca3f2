frappe.query_reports["Career Post Eligibility"] = {
	filters: [
		{
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: frappe.boot.community_gov_options.cadre_positions.map((value) => ({ value, label: __(value) })),
			default: "Secretary",
			reqd: 1,
		},
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "as_on_date",
			label: __("As on Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{ fieldname: "only_eligible", label: __("Only Eligible"), fieldtype: "Check" },
	],
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		});
		if (column.fieldname === "failures" && data && data.failures) value = `<span class="text-danger">${value}</span>`;
		return value;
	},
};
