frappe.listview_settings["Training Session"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Planned: "gray", Open: "blue", "In Progress": "orange", Completed: "green", Cancelled: "red" };
		// Frappe puts the label and the filter into the list's HTML as they are.
		const esc = frappe.utils.escape_html;
		return [esc(__(doc.status)), colors[doc.status] || "gray", `status,=,${esc(doc.status)}`];
	},
};
