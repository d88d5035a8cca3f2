"""Small desk actions shared by several forms."""

import frappe
from frappe import _

# The reason a workflow action needs, by document type: stored before the action reloads the document.
REASON_FIELDS = {
	"Annual Assessment": "return_reason",
	"Reserve Candidate": "withdrawal_reason",
}


@frappe.whitelist()
def set_reason(doctype: str, name: str, reason: str) -> None:
	if doctype not in REASON_FIELDS:
		frappe.throw(_("{0} takes no reason").format(_(doctype)), frappe.PermissionError)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("{0} is required").format(_(doc.meta.get_label(REASON_FIELDS[doctype]))))
	doc.db_set(REASON_FIELDS[doctype], reason)
