frappe.query_reports["Terms Ending"] = {
	filters: [
		{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District" },
		{
			fieldname: "post",
			label: __("Post"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				...frappe.boot.community_gov_options.cadre_positions.map((value) => ({ value, label: __(value) })),
			],
		},
		// Empty: from the first day of this quarter, through four quarters.
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		// Every current term already past its end (the 换届 or appointment is late), whatever the dates.
		{ fieldname: "include_overdue", label: __("Include Overdue"), fieldtype: "Check", default: 1 },
	],
	whole_number_chart_axis: true, // numbers of terms
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		value = community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		});
		if (column.fieldname === "days_left" && data && data.days_left < 0) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
