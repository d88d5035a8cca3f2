"""Batch workflow actions from a list: review, approve or return the selected assessments, send agreements for
signature, move appointments on.

Each record goes through Frappe's own `apply_workflow` as the caller, so the caller's transitions, record
access, the Excellent quota (approving one more Excellent than the quota allows is refused, counting those
approved earlier in the same batch) and the reason rules hold exactly as on the form. An action that needs a
reason (Return) takes one reason for all and stores it as the form's prompt does (`community_gov.api`).

Records are processed in the order given, each in its own savepoint: one record's refusal undoes that record
only, never the others; the answer says per record what happened.

Frappe's list has its own bulk action (`frappe.model.workflow.bulk_workflow_approval`); it is not used here
because it asks no reason (every Return would be refused), runs in the background above 20 records and
reports in a message rather than per record to the caller, and commits record by record.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.model.workflow import WorkflowTransitionError, apply_workflow, get_transitions, get_workflow_name

from community_gov.api import REASON_ACTIONS, set_reason
from community_gov.batch.imports import plain
from community_gov.exceptions import BatchActionError, BatchReasonRequiredError, BatchSizeError
from community_gov.permissions import require_roles
from community_gov.text import bold

# The DocTypes and actions the list offers in batch; the other actions need a form (records, dates).
BATCH_ACTIONS = {
	"Annual Assessment": ("Review", "Approve", "Return"),
	"Target Agreement": ("Send for Signature", "Record Paper Signature", "Return to Draft"),
	"Appointment": ("Submit for Approval", "Approve", "Return to Draft"),
}
MAX_RECORDS = 500
# Each of these DocTypes names its cadre in this field: the result shows who a record is about.
TITLE_FIELD = "full_name"
OD, RV = "Organization Department", "Sub District Reviewer"


def parse_names(names) -> list[str]:
	if isinstance(names, str):
		try:
			names = json.loads(names)
		except ValueError:
			names = [names]
	unique = list(dict.fromkeys(str(name) for name in names or [] if name))
	if len(unique) > MAX_RECORDS:
		frappe.throw(
			_("Choose at most {0} records at once, not {1}").format(MAX_RECORDS, len(unique)), BatchSizeError
		)
	return unique


@frappe.whitelist(methods=["POST"])
def apply_to_selected(doctype: str, names: list | str, action: str, reason: str | None = None) -> dict:
	"""Applies a workflow action to each named record as the caller; returns what happened to each."""
	require_roles(OD, RV)
	if action not in BATCH_ACTIONS.get(doctype, ()):
		frappe.throw(
			_("{0} cannot be applied to several {1} at once").format(bold(_(action)), _(doctype)),
			BatchActionError,
		)
	if not frappe.has_permission(doctype, "write"):
		frappe.throw(_("You may not change {0}").format(_(doctype)), frappe.PermissionError)
	needs_reason = action in REASON_ACTIONS.get(doctype, {})
	if needs_reason and not (reason or "").strip():
		frappe.throw(_("{0} needs a reason").format(bold(_(action))), BatchReasonRequiredError)
	names = parse_names(names)
	state_field = frappe.get_cached_value("Workflow", get_workflow_name(doctype), "workflow_state_field")
	# The caller's own list: a record outside its access is refused without being touched or described.
	visible = {
		row.name: row
		for row in frappe.get_list(
			doctype,
			filters={"name": ("in", names or [""])},
			fields=["name", f"{TITLE_FIELD} as title", f"{state_field} as state"],
			limit_page_length=0,
		)
	}
	results = []
	for name in names:
		if name not in visible:
			results.append(
				{"name": name, "title": "", "state": "", "status": "refused",
					"message": plain(_("{0} {1} does not exist or is outside your access").format(_(doctype), name))}
			)  # fmt: skip
			continue
		result = apply_one(doctype, name, action, reason if needs_reason else None, state_field)
		results.append({"name": name, "title": visible[name].title or "", **result})
	return {
		"results": results,
		"done": sum(1 for row in results if row["status"] == "done"),
		"refused": sum(1 for row in results if row["status"] == "refused"),
	}


def apply_one(doctype: str, name: str, action: str, reason: str | None, state_field: str) -> dict:
	"""One record in its own savepoint: done with its new state, or refused with the reason why."""
	frappe.db.savepoint("cg_batch_action")
	messages = len(frappe.local.message_log)
	doc = frappe.get_doc(doctype, name)
	state = doc.get(state_field)
	try:
		if action not in {transition.action for transition in get_transitions(doc)}:
			frappe.throw(
				_("{0} is {1}: you cannot {2} it").format(name, bold(_(state)), bold(_(action))),
				WorkflowTransitionError,
			)
		if reason:
			set_reason(doctype, name, action, reason)
		doc = apply_workflow(doc, action)
		return {"status": "done", "state": doc.get(state_field), "message": ""}
	except (frappe.ValidationError, frappe.PermissionError) as error:
		frappe.db.rollback(save_point="cg_batch_action")
		# The refusal is in the answer; it should not pop up too.
		del frappe.local.message_log[messages:]
		return {"status": "refused", "state": state, "message": plain(str(error)) or _("Not permitted")}
