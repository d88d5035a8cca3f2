frappe.ui.form.on("Target Agreement", {
	refresh(frm) {
		show_total_weight(frm);
	},

	// HR records the paper the secretary signed: how and where it was signed is asked for first.
	before_workflow_action(frm) {
		return community_gov.prompt_workflow_reason(frm, "Record Paper Signature", __("Signing Note"));
	},
});

frappe.ui.form.on("Agreement Target", {
	weight: show_total_weight,
	targets_remove: show_total_weight,
});

function show_total_weight(frm) {
	if (frm.doc.docstatus !== 0) return;
	const total = (frm.doc.targets || []).reduce((sum, row) => sum + flt(row.weight), 0);
	if (frm.doc.total_weight !== total) frm.set_value("total_weight", total);
	if (Math.abs(total - 100) > 0.001) {
		frm.dashboard.set_headline_alert(__("The weights add up to {0}; they must add up to 100", [total]), "orange");
	} else {
		frm.dashboard.clear_headline();
	}
}

community_gov.show_stored_text_as_text("Target Agreement");
