frappe.listview_settings["Adjustment Case"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Proposed: "red", "Under Review": "orange", Adjusted: "blue", Retained: "green", Withdrawn: "gray" };
		// Frappe puts the label and the filter into the list's HTML as they are.
		const esc = frappe.utils.escape_html;
		return [esc(__(doc.status)), colors[doc.status] || "gray", `status,=,${esc(doc.status)}`];
	},
	onload(listview) {
		if (!(frappe.user.has_role("Organization Department") || frappe.user.has_role("System Manager"))) return;
		listview.page.add_inner_button(__("Run Adjustment Sweep"), () =>
			frappe.call("community_gov.assessment.api.run_sweep").then(({ message }) => {
				frappe.msgprint(
					__("Checked {0} cadres: {1} cases opened, {2} withdrawn, {3} at risk", [
						message.evaluated,
						message.opened.length,
						message.withdrawn.length,
						message.at_risk,
					])
				);
				listview.refresh();
			})
		);
	},
};
