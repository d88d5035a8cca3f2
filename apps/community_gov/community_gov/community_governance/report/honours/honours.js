// Honours (荣誉表彰): counts by year, level and kind, or the honours one by one (honours.py).
frappe.query_reports["Honours"] = {
	filters: [
		// Empty: every year. From Year 2017 gives seed 004's "since 2017".
		{ fieldname: "from_year", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "to_year", label: __("To Year"), fieldtype: "Int" },
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Summary", label: __("Summary") },
				{ value: "Detail", label: __("Detail") },
			],
			default: "Summary",
		},
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
			fieldname: "kind",
			label: __("Kind"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Role Model", label: __("Role Model") },
				{ value: "Outstanding Party Member", label: __("Outstanding Party Member") },
				{ value: "Outstanding Party Worker", label: __("Outstanding Party Worker") },
				{ value: "Top Ten Secretary", label: __("Top Ten Secretary") },
				{
					value: "Two Representatives One Member Recommendation",
					label: __("Two Representatives One Member Recommendation"),
				},
				{ value: "Other", label: __("Other") },
			],
		},
		{
			fieldname: "level",
			label: __("Level"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Sub District", label: __("Sub District") },
				{ value: "District", label: __("District") },
				{ value: "City", label: __("City") },
				{ value: "Province", label: __("Province") },
				{ value: "National", label: __("National") },
			],
		},
	],
	whole_number_chart_axis: true, // numbers of honours
	onload: (report) => community_gov.setup_report(report),
	formatter: (value, row, column, data, default_formatter) =>
		community_gov.format_report_cell(value, row, column, data, default_formatter, {
			full_name: ["Cadre", "cadre"],
		}),
};
