frappe.query_reports["Reserve Pool Status"] = {
	filters: [
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "community",
			label: __("Community"),
			fieldtype: "Link",
			options: "Community",
			get_query: () => {
				const sub_district = frappe.query_report.get_filter_value("sub_district");
				return sub_district ? { filters: { sub_district } } : {};
			},
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Community", label: __("Community") },
				{ value: "Sub District", label: __("Sub District") },
			],
			default: "Community",
		},
		{ fieldname: "only_flagged", label: __("Only Communities Outside the Range"), fieldtype: "Check" },
		// Reserves whose cultivation began, nominated in or after this year; empty: any year.
		{ fieldname: "cultivated_since", label: __("Cultivated Since"), fieldtype: "Int" },
	],
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.escape_report_text(value, column);
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "flag" && data && data.flag) value = `<span class="text-danger">${value}</span>`;
		return value;
	},
};
