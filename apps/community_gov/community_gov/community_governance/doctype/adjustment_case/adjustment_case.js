frappe.ui.form.on("Adjustment Case", {
	refresh(frm) {
		const can_act =
			(frappe.user.has_role("Organization Department") || frappe.user.has_role("System Manager")) &&
			frm.has_perm("write");
		if (can_act && frm.doc.status === "Adjusted" && !frm.doc.successor_appointment) {
			frm.add_custom_button(__("Choose Successor"), () => choose_successor(frm)).addClass("btn-primary");
		}
		if (!can_act || !["Proposed", "Under Review"].includes(frm.doc.status)) return;

		if (frm.doc.status === "Proposed") {
			frm.add_custom_button(__("Start Review"), () => frm.call("start_review").then(() => frm.reload_doc()));
		}
		frm.add_custom_button(__("Decide to Adjust"), () => decide(frm, "Adjusted"), __("Decide"));
		frm.add_custom_button(__("Decide to Retain"), () => decide(frm, "Retained"), __("Decide"));
	},
});

// A decision on a secretary needs its basis (reason, meeting minutes or document number, date) and is
// confirmed with its consequence spelled out: it cannot be undone.
function decide(frm, decision) {
	const esc = frappe.utils.escape_html;
	const action = decision === "Adjusted" ? __("Decide to Adjust") : __("Decide to Retain");
	const dialog = new frappe.ui.Dialog({
		title: action,
		fields: [
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Decision Reason"), reqd: 1 },
			{
				fieldname: "reference",
				fieldtype: "Data",
				label: __("Decision Reference"),
				reqd: 1,
				description: __("The meeting minutes or document the decision rests on, e.g. the number of the department's meeting minutes"),
			},
			{ fieldname: "decision_date", fieldtype: "Date", label: __("Decision Date"), reqd: 1, default: frappe.datetime.get_today() },
		],
		primary_action_label: action,
		primary_action(values) {
			const who = `${esc(frm.doc.full_name || frm.doc.cadre)}(${esc(__(frm.doc.position || ""))},${esc(frm.doc.community || "")})`;
			const consequence =
				decision === "Adjusted"
					? __("{0} will be adjusted: the cadre's status becomes Adjusted and a successor is chosen for the post.", [who])
					: __("{0} will be retained in the post and the case closes.", [who]);
			frappe.confirm(
				`${consequence}<br><br>${__("The decision cannot be undone. Continue?")}`,
				() =>
					frm.call("decide", { decision, ...values }).then(() => {
						dialog.hide();
						frm.reload_doc();
					})
			);
		},
	});
	dialog.show();
}

// The community's reserves for secretary; those still In Training are shown but cannot be chosen yet.
function appointable(candidate) {
	return ["Elected", "Qualified"].includes(candidate.status);
}

function choose_successor(frm) {
	// Messages, dialog titles and the table render HTML: every stored value goes in escaped.
	const esc = frappe.utils.escape_html;
	frm.call("get_successor_candidates").then(({ message: candidates }) => {
		if (!candidates.length) {
			frappe.msgprint(__("{0} has no Elected, Qualified or In Training reserve for secretary", [esc(frm.doc.community)]));
			return;
		}
		const rows = candidates
			.map(
				(c) => `<tr>
					<td>${esc(c.full_name)}</td><td>${esc(__(c.current_position || ""))}</td><td>${esc(__(c.education || ""))}</td>
					<td><span class="indicator-pill ${appointable(c) ? "green" : "orange"}">${esc(__(c.status))}</span></td>
					<td>${appointable(c) ? `<button class="btn btn-xs btn-primary" data-name="${esc(c.name)}">${__("Choose")}</button>` : ""}</td>
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
