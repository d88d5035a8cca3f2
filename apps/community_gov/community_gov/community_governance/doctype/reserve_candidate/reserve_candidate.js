frappe.ui.form.on("Reserve Candidate", {
	setup(frm) {
		frm.set_query("mentor", () => ({ filters: { status: "Active", name: ["!=", frm.doc.cadre || ""] } }));
	},

	refresh(frm) {
		if (frm.doc.community) {
			frappe.db.get_value("Community", frm.doc.community, ["reserve_count", "reserve_flag"]).then(({ message }) => {
				if (!message) return;
				const text = __("{0} has {1} reserves in the pool", [frm.doc.community, message.reserve_count]);
				frm.dashboard.set_headline_alert(
					message.reserve_flag ? `${text} (${__(message.reserve_flag)})` : text,
					message.reserve_flag ? "orange" : "blue"
				);
			});
		}
	},

	// Withdrawing needs a reason; it is stored before the workflow action reloads the document.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Withdraw") return;
		return new Promise((resolve, reject) => {
			const dialog = frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Withdrawal Reason"), reqd: 1 },
				({ reason }) =>
					frappe.xcall("community_gov.api.set_reason", { doctype: frm.doctype, name: frm.doc.name, reason }).then(resolve, reject),
				__("Withdraw"),
				__("Withdraw")
			);
			dialog.onhide = () => reject();
		});
	},
});
