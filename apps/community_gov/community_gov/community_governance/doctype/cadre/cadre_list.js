frappe.listview_settings["Cadre"] = {
	add_fields: ["status", "position"],
	get_indicator(doc) {
		const colors = { Active: "green", Adjusted: "orange", Retired: "gray", Resigned: "gray" };
		// Frappe puts the label and the filter into the list's HTML as they are.
		const esc = frappe.utils.escape_html;
		return [esc(__(doc.status)), colors[doc.status] || "gray", `status,=,${esc(doc.status)}`];
	},
};
