frappe.ui.form.on("Training Session", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		frm.dashboard.set_headline_alert(
			__("{0} of {1} seats taken", [frm.doc.enrolled_count || 0, frm.doc.capacity || 0]),
			frm.doc.enrolled_count >= frm.doc.capacity ? "orange" : "blue"
		);
		// The actions are for those who may change this session (its level and sub-district decide:
		// docinfo's permissions carry the app's record rules); nobody else sees a button that only refuses.
		if (!frm.has_perm("write")) return;
		// The moves set_status allows, from the status map in community_gov.rules.training (boot).
		const moves = frappe.boot.training_session_statuses.moves[frm.doc.status] || [];
		const labels = { Enrolling: __("Open Enrolment"), "In Progress": __("Start Session") };
		moves
			.filter((status) => status !== "Cancelled") // asks for a reason: its own button below
			.forEach((status) =>
				frm.add_custom_button(
					labels[status] || __(status),
					() => frm.call("set_status", { status }).then(() => frm.reload_doc()),
					__("Status")
				)
			);
		if (moves.includes("Cancelled"))
			frm.add_custom_button(
				__("Cancel Session"),
				() =>
					frappe.prompt(
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Cancellation Reason"), reqd: 1 },
						({ reason }) => frm.call("set_status", { status: "Cancelled", reason }).then(() => frm.reload_doc()),
						__("Cancel Session"),
						__("Cancel Session")
					),
				__("Status")
			);
		// Attendance from a sign-in sheet (community_gov.batch.attendance): the sheet lists the attendees.
		if (!["Completed", "Cancelled"].includes(frm.doc.status)) {
			frm.add_custom_button(
				__("Download Sign-in Sheet"),
				() => community_gov.batch.download_attendance_sheet(frm.doc.name),
				__("Attendance")
			);
			frm.add_custom_button(
				__("Import Attendance"),
				() => community_gov.batch.import_attendance(frm.doc.name, () => frm.reload_doc()),
				__("Attendance")
			);
		}
		// A session that can still move on (not completed or cancelled) takes more attendees.
		if (moves.length)
			frm.add_custom_button(__("Assign Audience"), () =>
				frappe.prompt(
					{ fieldname: "sub_district", fieldtype: "Link", options: "Sub District", label: __("Only Sub District") },
					({ sub_district }) =>
						frm.call("assign_audience", { sub_district }).then(({ message }) => {
							frappe.show_alert({
								message: __("{0} cadres added, {1} skipped for a time clash", [message.added, message.skipped_clashing.length]),
								indicator: "green",
							});
							frm.reload_doc();
						}),
					__("Assign Audience"),
					__("Assign")
				)
			);
	},
});

community_gov.show_stored_text_as_text("Training Session");
