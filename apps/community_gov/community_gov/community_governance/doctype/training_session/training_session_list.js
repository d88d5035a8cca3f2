frappe.listview_settings["Training Session"] = {
	add_fields: ["status"],
	// "Menu" and "Assigned" as this DocType names them (菜单式自选, 组织调训), not as Frappe does.
	formatters: { enrolment_mode: community_gov.option_pill("Training Session") },
	// One indicator: the session's own status. Without these Frappe shows "Draft" for every session not yet
	// completed (a session is submitted when it is completed), so an enrolling session wore two states.
	has_indicator_for_draft: true,
	has_indicator_for_cancelled: true,
	get_indicator(doc) {
		// From the status map in community_gov.rules.training (boot).
		const colours = frappe.boot.training_session_statuses.colours;
		// Frappe puts the label and the filter into the list's HTML as they are.
		const esc = frappe.utils.escape_html;
		return [esc(__(doc.status)), colours[doc.status] || "gray", `status,=,${esc(doc.status)}`];
	},
};
