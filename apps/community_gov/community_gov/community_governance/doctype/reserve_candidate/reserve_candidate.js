frappe.ui.form.on("Reserve Candidate", {
	setup(frm) {
		frm.set_query("mentor", () => ({ filters: { status: "Active", name: ["!=", frm.doc.cadre || ""] } }));
	},

	refresh(frm) {
		if (frm.doc.community) {
			frappe.db.get_value("Community", frm.doc.community, ["reserve_count", "reserve_flag"]).then(({ message }) => {
				if (!message) return;
				// The headline renders HTML: stored values go in escaped.
				const esc = frappe.utils.escape_html;
				const text = __("{0} has {1} reserves in the pool", [esc(frm.doc.community), cint(message.reserve_count)]);
				frm.dashboard.set_headline_alert(
					message.reserve_flag ? `${text} (${esc(__(message.reserve_flag))})` : text,
					message.reserve_flag ? "orange" : "blue"
				);
			});
		}
	},

	before_workflow_action(frm) {
		return community_gov.prompt_workflow_reason(frm, "Withdraw", __("Withdrawal Reason"));
	},
});

community_gov.show_stored_text_as_text("Reserve Candidate");
