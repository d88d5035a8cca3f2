// The kinds of gap, as community_gov.rules.staffing.GAP_KINDS lists them.
const STAFFING_GAP_KINDS = [
	"Vacant Secretary Post",
	"Two Secretaries in Post",
	"Key Community Without First Secretary",
	"Secretary Not Filed with County",
	"Secretary Not Full-time",
	"Reserve Below College",
];

frappe.query_reports["Staffing Watch"] = {
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
			fieldname: "kind",
			label: __("Gap"),
			fieldtype: "Select",
			options: [{ value: "", label: "" }, ...STAFFING_GAP_KINDS.map((kind) => ({ value: kind, label: __(kind) }))],
		},
	],
	onload: (report) => community_gov.setup_report(report),
	formatter(value, row, column, data, default_formatter) {
		// The person (a cadre or a reserve candidate): its name, as text, linked to its record.
		if (column.fieldname === "person_name" && data && data.person && data.person_doctype && value) {
			const a = document.createElement("a");
			a.href = `/app/${frappe.router.slug(data.person_doctype)}/${encodeURIComponent(data.person)}`;
			a.textContent = value;
			return a.outerHTML;
		}
		return community_gov.format_report_cell(value, row, column, data, default_formatter);
	},
};
