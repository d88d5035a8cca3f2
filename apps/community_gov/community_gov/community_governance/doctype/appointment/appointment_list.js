frappe.listview_settings["Appointment"] = {
	onload(listview) {
		// The selected appointments moved on in one action (community_gov.batch.workflow_actions).
		community_gov.batch.add_workflow_actions(listview, [
			{ action: "Submit for Approval", label: __("Batch Submit for Approval") },
			{ action: "Approve", label: __("Batch Approve") },
			{ action: "Return to Draft", label: __("Batch Return to Draft") },
		]);
	},
};
