frappe.ui.form.on("Annual Assessment", {
	setup(frm) {
		frm.set_query("target_agreement", () => ({
			filters: { cadre: frm.doc.cadre, year: frm.doc.year, docstatus: 1 },
		}));
	},

	refresh(frm) {
		// Headlines render HTML: every stored value goes in escaped.
		const esc = frappe.utils.escape_html;
		if (frm.doc.grade) {
			const colors = { Excellent: "green", Competent: "blue", "Basically Competent": "orange", Fail: "red" };
			frm.dashboard.set_headline_alert(
				__("Total score {0}: {1}", [frm.doc.total_score, esc(__(frm.doc.grade))]),
				colors[frm.doc.grade] || "gray"
			);
		}
		if (frm.doc.return_reason && frm.doc.workflow_state === "Returned") {
			frm.set_intro(__("Returned: {0}", [esc(frm.doc.return_reason)]), "red");
		}
	},

	before_workflow_action(frm) {
		return community_gov.prompt_workflow_reason(frm, "Return", __("Return Reason"));
	},
});

community_gov.show_stored_text_as_text("Annual Assessment");
