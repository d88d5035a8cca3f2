frappe.ui.form.on("Appointment", {
	setup(frm) {
		frm.set_query("reserve_candidate", () => ({
			filters: { cadre: frm.doc.cadre, target_post: frm.doc.post, status: ["in", ["Qualified", "Elected"]] },
		}));
	},
});

community_gov.show_stored_text_as_text("Appointment");
