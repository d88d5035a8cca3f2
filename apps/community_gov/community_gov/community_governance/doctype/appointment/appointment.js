frappe.ui.form.on("Appointment", {
	setup(frm) {
		frm.set_query("reserve_candidate", () => ({
			filters: { cadre: frm.doc.cadre, target_post: frm.doc.post, status: "Qualified" },
		}));
	},
});
