frappe.listview_settings["Cadre"] = {
	add_fields: ["status", "position"],
	get_indicator(doc) {
		const colors = { Active: "green", Adjusted: "orange", Retired: "gray", Resigned: "gray" };
		// Frappe puts the label and the filter into the list's HTML as they are.
		const esc = frappe.utils.escape_html;
		return [esc(__(doc.status)), colors[doc.status] || "gray", `status,=,${esc(doc.status)}`];
	},
	onload(listview) {
		// Portal accounts for a sub-district's cadres in one action (community_gov.batch.accounts).
		community_gov.batch.add_portal_accounts_button(listview);
	},
};
