frappe.ui.form.on("Annual Assessment", {
	setup(frm) {
		frm.set_query("target_agreement", () => ({
			filters: { cadre: frm.doc.cadre, year: frm.doc.year, docstatus: 1 },
		}));
	},

	refresh(frm) {
		if (frm.doc.grade) {
			const colors = { Excellent: "green", Competent: "blue", "Basically Competent": "orange", Fail: "red" };
			frm.dashboard.set_headline_alert(
				__("Total score {0}: {1}", [frm.doc.total_score, __(frm.doc.grade)]),
				colors[frm.doc.grade] || "gray"
			);
		}
		if (frm.doc.return_reason && frm.doc.workflow_state === "Returned") {
			frm.set_intro(__("Returned: {0}", [frm.doc.return_reason]), "red");
		}
	},

	// The Return action reloads the document, so the reason is stored first.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return") return;
		return new Promise((resolve, reject) => {
			const dialog = frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Return Reason"), reqd: 1 },
				({ reason }) =>
					frappe
						.xcall("community_gov.api.set_reason", { doctype: frm.doctype, name: frm.doc.name, reason })
						.then(resolve, reject),
				__("Return"),
				__("Return")
			);
			dialog.onhide = () => reject();
		});
	},
});
