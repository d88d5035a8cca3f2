frappe.ui.form.on("Election Record", {
	setup(frm) {
		// The reserves standing for this post of this community; the 换届 covering the community.
		frm.set_query("reserve_candidate", () => ({
			filters: {
				cadre: frm.doc.cadre,
				target_post: frm.doc.post,
				community: frm.doc.community,
				status: ["in", ["In Training", "Qualified"]],
			},
		}));
		// Any 换届 covering the community, a completed one too (its elections may be entered afterwards).
		frm.set_query("general_election", () => ({
			filters: frm.doc.community ? [["General Election Community", "community", "=", frm.doc.community]] : [],
		}));
	},
	reserve_candidate(frm) {
		if (!frm.doc.reserve_candidate) return;
		frappe.db
			.get_value("Reserve Candidate", frm.doc.reserve_candidate, ["cadre", "community", "target_post"])
			.then(({ message }) => {
				if (!message) return;
				frm.set_value({ cadre: message.cadre, community: message.community, post: message.target_post });
			});
	},
});

community_gov.show_stored_text_as_text("Election Record");
