"""Workflows of the agreements and assessments, created and kept in step on every migrate."""

import frappe
from frappe import _lt

from community_gov.reserves.pool import IN_POOL_STATUSES

OD, RV, CD = "Organization Department", "Sub District Reviewer", "Cadre"

# state: (docstatus, style, roles that may edit in it)
WORKFLOWS = {
	"Target Agreement": {
		"states": {
			"Draft": (0, "", [OD, RV]),
			"Pending Signature": (0, "Warning", [OD, RV]),
			"Signed": (1, "Success", [OD]),
			"Cancelled": (2, "Danger", [OD]),
		},
		# (from, action, to, roles)
		"transitions": [
			("Draft", "Send for Signature", "Pending Signature", [OD, RV]),
			("Pending Signature", "Return to Draft", "Draft", [OD, RV]),
			# The secretary signs on the portal; HR records a paper signature on its behalf, with a note.
			("Pending Signature", "Sign", "Signed", [CD]),
			("Pending Signature", "Record Paper Signature", "Signed", [OD, RV]),
			("Signed", "Cancel", "Cancelled", [OD]),
		],
	},
	"Annual Assessment": {
		"states": {
			"Draft": (0, "", [CD, RV, OD]),
			"Self Assessed": (0, "Primary", [RV, OD]),
			"Reviewed": (0, "Info", [OD]),
			"Returned": (0, "Danger", [CD, RV, OD]),
			"Approved": (1, "Success", [OD]),
			"Cancelled": (2, "Danger", [OD]),
		},
		"transitions": [
			("Draft", "Submit Self-Assessment", "Self Assessed", [CD, RV, OD]),
			("Self Assessed", "Review", "Reviewed", [RV, OD]),
			("Self Assessed", "Return", "Returned", [RV, OD]),
			("Reviewed", "Approve", "Approved", [OD]),
			("Reviewed", "Return", "Returned", [OD]),
			("Returned", "Submit Self-Assessment", "Self Assessed", [CD, RV, OD]),
			("Approved", "Cancel", "Cancelled", [OD]),
		],
	},
}

WORKFLOWS["Reserve Candidate"] = {
	"state_field": "status",
	"states": {
		**{step: (0, "Info", [RV, OD]) for step in IN_POOL_STATUSES},
		"Qualified": (0, "Success", [RV, OD]),
		"Elected": (0, "Success", [RV, OD]),  # entered only by submitting an Election Record (选)
		"Appointed": (0, "Primary", [OD]),  # entered only by approving an Appointment
		"Withdrawn": (0, "Inverse", [OD]),
	},
	"transitions": [
		("Nominated", "Record Forum Talk", "Forum Talk", [RV, OD]),
		("Forum Talk", "Record Questionnaire", "Questionnaire", [RV, OD]),
		("Questionnaire", "Record Inspection", "Inspection", [RV, OD]),
		("Inspection", "Start Training", "In Training", [RV, OD]),
		("In Training", "Qualify", "Qualified", [RV, OD]),
		*((step, "Withdraw", "Withdrawn", [RV, OD]) for step in IN_POOL_STATUSES),
	],
}
WORKFLOWS["Appointment"] = {
	"states": {
		"Draft": (0, "", [RV, OD]),
		"Pending Approval": (0, "Warning", [OD]),
		"Approved": (1, "Success", [OD]),
		"Cancelled": (2, "Danger", [OD]),
	},
	"transitions": [
		("Draft", "Submit for Approval", "Pending Approval", [RV, OD]),
		("Pending Approval", "Return to Draft", "Draft", [OD]),
		("Pending Approval", "Approve", "Approved", [OD]),
		("Approved", "Cancel", "Cancelled", [OD]),
	],
}

# Workflow states and actions show in the desk; listing them here puts them in the translation catalog.
LABELS = (
	_lt("Draft"),
	_lt("Pending Signature"),
	_lt("Signed"),
	_lt("Cancelled"),
	_lt("Self Assessed"),
	_lt("Reviewed"),
	_lt("Returned"),
	_lt("Approved"),
	_lt("Send for Signature"),
	_lt("Return to Draft"),
	_lt("Sign"),
	_lt("Record Paper Signature"),
	_lt("Cancel"),
	_lt("Submit Self-Assessment"),
	_lt("Review"),
	_lt("Return"),
	_lt("Approve"),
	_lt("Nominated"),
	_lt("Forum Talk"),
	_lt("Questionnaire"),
	_lt("Inspection"),
	_lt("In Training"),
	_lt("Qualified"),
	_lt("Elected"),
	_lt("Appointed"),
	_lt("Withdrawn"),
	_lt("Record Forum Talk"),
	_lt("Record Questionnaire"),
	_lt("Record Inspection"),
	_lt("Start Training"),
	_lt("Qualify"),
	_lt("Withdraw"),
	_lt("Pending Approval"),
	_lt("Submit for Approval"),
)


def sync_workflows() -> None:
	for doctype, spec in WORKFLOWS.items():
		for state, (_docstatus, style, _roles) in spec["states"].items():
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc(
					{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
				).insert(ignore_permissions=True)
		for _from, action, _to, _roles in spec["transitions"]:
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
					ignore_permissions=True
				)
		name = f"{doctype} Workflow"
		workflow = (
			frappe.get_doc("Workflow", name)
			if frappe.db.exists("Workflow", name)
			else frappe.new_doc("Workflow")
		)
		workflow.update(
			{
				"workflow_name": name,
				"document_type": doctype,
				"workflow_state_field": spec.get("state_field", "workflow_state"),
				"is_active": 1,
				"send_email_alert": 0,
				"override_status": 0,
			}
		)
		workflow.set("states", [])
		for state, (docstatus, _style, roles) in spec["states"].items():
			for role in roles:
				workflow.append("states", {"state": state, "doc_status": str(docstatus), "allow_edit": role})
		workflow.set("transitions", [])
		for from_state, action, to_state, roles in spec["transitions"]:
			for role in roles:
				workflow.append(
					"transitions",
					{
						"state": from_state,
						"action": action,
						"next_state": to_state,
						"allowed": role,
						"allow_self_approval": 1,
					},
				)
		workflow.save(ignore_permissions=True)
