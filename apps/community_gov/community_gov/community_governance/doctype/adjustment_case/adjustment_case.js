frappe.ui.form.on("Adjustment Case", {
	refresh(frm) {
		const can_act =
			frappe.user.has_role("Organization Department") || frappe.user.has_role("System Manager");
		if (can_act && frm.doc.status === "Adjusted" && !frm.doc.successor_appointment) {
			frm.add_custom_button(__("Choose Successor"), () => choose_successor(frm)).addClass("btn-primary");
		}
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

// The community's reserves for secretary; those still In Training are shown but cannot be chosen yet.
function choose_successor(frm) {
	// Messages, dialog titles and the table render HTML: every stored value goes in escaped.
	const esc = frappe.utils.escape_html;
	frm.call("get_successor_candidates").then(({ message: candidates }) => {
		if (!candidates.length) {
			frappe.msgprint(__("{0} has no Qualified or In Training reserve for secretary", [esc(frm.doc.community)]));
			return;
		}
		const rows = candidates
			.map(
				(c) => `<tr>
					<td>${esc(c.full_name)}</td><td>${esc(__(c.current_position || ""))}</td><td>${esc(__(c.education || ""))}</td>
					<td><span class="indicator-pill ${c.status === "Qualified" ? "green" : "orange"}">${esc(__(c.status))}</span></td>
					<td>${c.status === "Qualified" ? `<button class="btn btn-xs btn-primary" data-name="${esc(c.name)}">${__("Choose")}</button>` : ""}</td>
				</tr>`
			)
			.join("");
		const dialog = new frappe.ui.Dialog({
			title: __("Successor for {0}", [esc(frm.doc.community)]),
			fields: [{ fieldtype: "HTML", fieldname: "candidates" }],
		});
		dialog.fields_dict.candidates.$wrapper.html(
			`<table class="table table-bordered"><thead><tr><th>${__("Full Name")}</th><th>${__("Current Position")}</th>
			<th>${__("Education")}</th><th>${__("Status")}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
		);
		dialog.$wrapper.on("click", "button[data-name]", (event) => {
			frm.call("start_succession", { reserve_candidate: event.currentTarget.dataset.name }).then(({ message }) => {
				dialog.hide();
				frappe.set_route("Form", "Appointment", message);
			});
		});
		dialog.show();
	});
}

community_gov.show_stored_text_as_text("Adjustment Case");
