frappe.ui.form.on("Cadre Term", {
	refresh(frm) {
		// Terms are started and ended by appointments, elections and cadres leaving; say so on those.
		if (frm.doc.appointment || frm.doc.election_record) {
			frm.set_intro(__("This term follows its appointment or election; cancel that record to undo it."));
		}
	},
});

community_gov.show_stored_text_as_text("Cadre Term");
