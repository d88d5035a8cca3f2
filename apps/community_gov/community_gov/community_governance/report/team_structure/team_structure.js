frappe.query_reports["Team Structure"] = {
	filters: [
		{
			// Empty: every position at once (the whole team); group by Position for a row per position.
			fieldname: "position",
			label: __("Position"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("All Positions") },
				...frappe.boot.community_gov_options.cadre_positions.map((value) => ({ value, label: __(value) })),
			],
			default: "Secretary",
		},
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "community_type",
			label: __("Community Type"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Urban", label: __("Urban") },
				{ value: "Village-to-Residential", label: __("Village-to-Residential") },
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
				{ value: "Sub District", label: __("Sub District") },
				{ value: "Community Type", label: __("Community Type") },
				{ value: "Position", label: __("Position") },
				{ value: "Ethnicity", label: __("Ethnicity") },
				{ value: "Total", label: __("Total Only") },
			],
			default: "Sub District",
		},
	],
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		const group_fields = ["sub_district", "community_type", "position", "ethnicity"];
		if (data && data.is_total && group_fields.includes(column.fieldname)) {
			return `<b>${frappe.utils.escape_html(data[column.fieldname])}</b>`;
		}
		value = community_gov.escape_report_text(value, column);
		value = default_formatter(value, row, column, data);
		return data && data.is_total ? `<b>${value}</b>` : value;
	},
};
