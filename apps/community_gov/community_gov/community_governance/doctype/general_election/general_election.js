frappe.ui.form.on("General Election", {
	refresh(frm) {
		if (frm.is_new()) return;
		show_progress(frm);
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Add Communities of a Sub District"), () => add_sub_district(frm));
		}
	},
});

// How many covered communities have voted (a submitted election of this 换届), within the viewer's scope.
function show_progress(frm) {
	frm.call("get_progress").then(({ message: progress }) => {
		if (!progress || !progress.covered) return;
		// The headline renders HTML: stored values go in escaped.
		const esc = frappe.utils.escape_html;
		let text = __("{0} of {1} covered communities have a submitted election; {2} have none yet", [
			progress.with_election,
			progress.covered,
			progress.without_election,
		]);
		if (progress.without.length) {
			const shown = progress.without.slice(0, 10).map(esc).join("、");
			text += `: ${shown}${progress.without.length > 10 ? " …" : ""}`;
		}
		frm.dashboard.set_headline_alert(text, progress.without_election ? "orange" : "green");
	});
}

function add_sub_district(frm) {
	frappe.prompt(
		[{ fieldname: "sub_district", label: __("Sub District"), fieldtype: "Link", options: "Sub District", reqd: 1 }],
		async ({ sub_district }) => {
			if (frm.is_dirty()) await frm.save();
			const { message: added } = await frm.call("add_sub_district_communities", { sub_district });
			frappe.show_alert({ message: __("{0} communities added", [added]), indicator: "green" });
			frm.reload_doc();
		},
		__("Add Communities of a Sub District"),
		__("Add")
	);
}

community_gov.show_stored_text_as_text("General Election");
