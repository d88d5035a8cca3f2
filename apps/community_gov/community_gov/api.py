"""Small desk actions shared by several forms."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions

from community_gov.text import bold, clean_text

# The workflow actions that need a written reason, and the field that keeps it. The reason is stored
# just before the action, which reloads the document from the database.
REASON_ACTIONS = {
	"Annual Assessment": {"Return": "return_reason"},
	"Target Agreement": {"Record Paper Signature": "signing_note"},
	"Reserve Candidate": {"Withdraw": "withdrawal_reason"},
}


@frappe.whitelist(methods=["POST"])
def set_reason(doctype: str, name: str, action: str, reason: str) -> None:
	"""Store the reason for a workflow action the caller may take on the record right now."""
	fieldname = REASON_ACTIONS.get(doctype, {}).get(action)
	if not fieldname:
		frappe.throw(_("{0} {1} takes no reason").format(_(doctype), bold(_(action))), frappe.PermissionError)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	if action not in {transition.action for transition in get_transitions(doc)}:
		frappe.throw(
			_("You cannot {0} {1} in its current state {2}").format(
				bold(_(action)),
				doc.name,
				bold(_(doc.get("workflow_state") or doc.get("status"))),
			),
			frappe.PermissionError,
		)
	reason = clean_text(reason)
	if not reason:
		frappe.throw(_("{0} is required").format(_(doc.meta.get_label(fieldname))))
	doc.db_set(fieldname, reason)
