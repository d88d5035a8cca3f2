frappe.listview_settings["Annual Assessment"] = {
	onload(listview) {
		// The selected assessments reviewed, approved or returned in one action (community_gov.batch.workflow_actions).
		community_gov.batch.add_workflow_actions(listview, [
			{ action: "Review", label: __("Batch Review") },
			{ action: "Approve", label: __("Batch Approve") },
			{ action: "Return", label: __("Batch Return"), reason_label: __("Return Reason") },
		]);
		// Scores and satisfaction of a sub-district and year from a spreadsheet (community_gov.batch.scores).
		community_gov.batch.add_score_sheet_buttons(listview);
	},
};
