frappe.ui.form.on("Adjustment Case", {
	refresh(frm) {
		const can_act =
			frappe.user.has_role("Organization Department") || frappe.user.has_role("System Manager");
		if (!can_act || !["Proposed", "Under Review"].includes(frm.doc.status)) return;

		if (frm.doc.status === "Proposed") {
			frm.add_custom_button(__("Start Review"), () => frm.call("start_review").then(() => frm.reload_doc()));
		}
		const decide = (decision, reason_required) =>
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Decision Reason"), reqd: reason_required },
				({ reason }) => frm.call("decide", { decision, reason }).then(() => frm.reload_doc()),
				__(decision),
				__(decision)
			);
		frm.add_custom_button(__("Adjusted"), () => decide("Adjusted", 0), __("Decide"));
		frm.add_custom_button(__("Retained"), () => decide("Retained", 1), __("Decide"));
	},
});
