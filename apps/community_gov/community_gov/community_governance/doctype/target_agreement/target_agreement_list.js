frappe.listview_settings["Target Agreement"] = {
	onload(listview) {
		const may_issue =
			["Organization Department", "Sub District Reviewer", "System Manager"].some((role) => frappe.user.has_role(role)) &&
			frappe.model.can_create("Target Agreement");
		if (may_issue) listview.page.add_inner_button(__("Issue Agreements"), () => issue_agreements(listview));
		// The selected agreements sent for signature in one action (community_gov.batch.workflow_actions).
		community_gov.batch.add_workflow_actions(listview, [
			{ action: "Send for Signature", label: __("Batch Send for Signature") },
			{ action: "Record Paper Signature", label: __("Batch Record Paper Signature"), reason_label: __("Signing Note") },
			{ action: "Return to Draft", label: __("Batch Return to Draft") },
		]);
	},
};

// A year's agreements in one action: one per active cadre of the chosen sub-districts and positions who has
// none for the year, from a target template, each sent for signature; then who got one and who was skipped.
function issue_agreements(listview) {
	const positions = (frappe.boot.community_gov_options || {}).cadre_positions || [];
	const dialog = new frappe.ui.Dialog({
		title: __("Issue Agreements"),
		fields: [
			{ fieldname: "year", fieldtype: "Int", label: __("Year"), reqd: 1, default: new Date().getFullYear() },
			{
				fieldname: "template",
				fieldtype: "Link",
				label: __("Target Template"),
				options: "Target Template",
				reqd: 1,
				onchange() {
					const template = dialog.get_value("template");
					if (!template) return;
					frappe.db.get_doc("Target Template", template).then((doc) => {
						if (doc.year) dialog.set_value("year", doc.year);
						dialog.set_value("positions", (doc.positions || []).map((row) => row.position));
					});
				},
			},
			{
				fieldname: "sub_districts",
				fieldtype: "MultiSelectList",
				label: __("Sub District"),
				description: __("Leave empty for every sub-district you may see"),
				// The list draws labels and descriptions as HTML: names go in escaped.
				get_data: (txt) =>
					frappe.db
						.get_link_options("Sub District", txt)
						.then((options) =>
							options.map(({ value }) => ({ value, label: frappe.utils.escape_html(value), description: "" }))
						),
			},
			{
				fieldname: "positions",
				fieldtype: "MultiSelectList",
				label: __("Position"),
				description: __("Leave empty for the template's positions"),
				get_data: () => positions.map((value) => ({ value, label: __(value), description: "" })),
			},
		],
		primary_action_label: __("Issue Agreements"),
		primary_action(values) {
			dialog.disable_primary_action();
			frappe
				.xcall("community_gov.assessment.issuing.issue_agreements", {
					year: values.year,
					template: values.template,
					sub_districts: values.sub_districts || [],
					positions: values.positions || [],
				})
				.then((summary) => {
					dialog.hide();
					show_summary(summary);
					listview.refresh();
				})
				.finally(() => dialog.enable_primary_action());
		},
	});
	dialog.show();
}

function show_summary(summary) {
	const esc = frappe.utils.escape_html;
	const counts = summary.counts;
	const row = (r, cell) =>
		`<tr><td>${esc(r.full_name)}</td><td>${esc(r.community || "")}</td><td>${esc(r.sub_district || "")}</td><td>${cell}</td></tr>`;
	const created = summary.created
		.map((r) => row(r, `<a href="/app/target-agreement/${encodeURIComponent(r.agreement)}">${esc(r.agreement)}</a>`))
		.join("");
	const skipped = summary.skipped.map((r) => row(r, `${esc(r.reason_label)}: ${esc(r.detail)}`)).join("");
	const table = (title, body, last) =>
		body
			? `<h5>${title}</h5><div style="max-height: 16rem; overflow-y: auto"><table class="table table-bordered table-sm">
				<thead><tr><th>${__("Full Name")}</th><th>${__("Community")}</th><th>${__("Sub District")}</th><th>${last}</th></tr></thead>
				<tbody>${body}</tbody></table></div>`
			: "";
	frappe.msgprint({
		title: __("Issue Agreements"),
		wide: true,
		message: `<p>${__("{0}: {1} agreements created and sent for signature, {2} cadres skipped ({3} already have one, {4} not in post, {5} refused)", [
			esc(String(summary.year)),
			counts.created,
			counts.skipped,
			counts.has_agreement,
			counts.inactive,
			counts.refused,
		])}</p>${table(__("Created"), created, __("Target Agreement"))}${table(__("Skipped"), skipped, __("Reason"))}`,
	});
}
