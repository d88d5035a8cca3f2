// Cadre Pay (干部报酬待遇): everything as of the date, the post and community held then included (cadre_pay.py).
frappe.query_reports["Cadre Pay"] = {
	filters: [
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{ fieldname: "community", label: __("Community"), fieldtype: "Link", options: "Community" },
		{ fieldname: "cadre", label: __("Cadre"), fieldtype: "Link", options: "Cadre" },
		{
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("All") },
				...frappe.boot.community_gov_options.cadre_positions.map((value) => ({ value, label: __(value) })),
			],
		},
		{
			fieldname: "as_on_date",
			label: __("As on Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Cadre", label: __("Cadre") },
				{ value: "Sub District", label: __("Sub District") },
			],
			default: "Cadre",
		},
		{ fieldname: "below_standard_only", label: __("Only Paid Below Standard"), fieldtype: "Check" },
	],
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		});
		if (!data) return value;
		if (column.fieldname === "difference" && data.below_standard) value = `<span class="text-danger">${value}</span>`;
		if (column.fieldname === "missing_insurances" && data.missing_insurances) {
			value = `<span class="text-warning">${value}</span>`;
		}
		return data.is_total ? `<b>${value}</b>` : value;
	},
};
