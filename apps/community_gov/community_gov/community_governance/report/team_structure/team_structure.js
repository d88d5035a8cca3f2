frappe.query_reports["Team Structure"] = {
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
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Sub District", label: __("Sub District") },
				{ value: "Total", label: __("Total Only") },
			],
			default: "Sub District",
		},
	],
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		if (data && data.is_total && column.fieldname === "sub_district") {
			return `<b>${frappe.utils.escape_html(data.sub_district)}</b>`;
		}
		value = community_gov.escape_report_text(value, column);
		value = default_formatter(value, row, column, data);
		return data && data.is_total ? `<b>${value}</b>` : value;
	},
};
