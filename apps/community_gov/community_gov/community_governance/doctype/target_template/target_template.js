frappe.ui.form.on("Target Template", {
	refresh: show_total_weight,
});

frappe.ui.form.on("Target Template Item", {
	weight: show_total_weight,
	targets_remove: show_total_weight,
});

// The agreements issued from the template need weights that add up to 100, as every agreement does.
function show_total_weight(frm) {
	const total = (frm.doc.targets || []).reduce((sum, row) => sum + flt(row.weight), 0);
	if (frm.doc.total_weight !== total) frm.set_value("total_weight", total);
	if (Math.abs(total - 100) > 0.001) {
		frm.dashboard.set_headline_alert(__("The weights add up to {0}; they must add up to 100", [total]), "orange");
	} else {
		frm.dashboard.clear_headline();
	}
}

community_gov.show_stored_text_as_text("Target Template");
