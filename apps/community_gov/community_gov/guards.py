"""Checks every save of the app's documents passes through, whatever path the save came by (desk form,
REST, `frappe.client`, a whitelisted method): they run as `before_validate`, after Frappe has reset the
fields the user may not write (permlevels) and before the controller computes anything.

- `validate_link_scope`: a restricted user cannot point a record at a sub-district, community or cadre
  outside its access (which would also return that record's details through `fetch_from`).
- `validate_state_edit`: a record in a workflow state is changed only by the roles the workflow lets
  edit in that state (Frappe's form enforces this in the browser only).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields, table_fields
from frappe.model.workflow import get_workflow_name

from community_gov.permissions import get_access_scope
from community_gov.text import bold

APP_MODULE = "Community Governance"
# Link targets that carry record-level scope.
SCOPED_LINK_DOCTYPES = frozenset({"Sub District", "Community", "Cadre"})
# Bookkeeping that changes on every save and is not the user's edit.
NOT_EDITS = frozenset({*default_fields, "_user_tags", "_comments", "_assign", "_liked_by", "_seen"})


def before_validate(doc, method=None) -> None:
	if doc.meta.module != APP_MODULE or doc.meta.istable:
		return
	validate_link_scope(doc)
	validate_state_edit(doc)


def validate_link_scope(doc) -> None:
	"""Changed links only (an unchanged one is covered by the record's own permission); one list query per
	linked DocType, whatever the number of rows (a session's attendees)."""
	scope = get_access_scope()
	if scope.unrestricted:
		return
	before = doc.get_doc_before_save()
	stored_rows = {row.name: row for row in before.get_all_children()} if before else {}
	changed: dict[str, dict[str, str]] = {}
	for record in (doc, *doc.get_all_children()):
		stored = before if record is doc else stored_rows.get(record.name)
		for df in record.meta.get_link_fields():
			value = record.get(df.fieldname)
			if (
				df.options in SCOPED_LINK_DOCTYPES
				and value
				and (stored is None or stored.get(df.fieldname) != value)
			):
				changed.setdefault(df.options, {})[value] = df.label
	for doctype, values in changed.items():
		try:
			visible = set(
				frappe.get_list(
					doctype, filters={"name": ("in", list(values))}, pluck="name", limit_page_length=0
				)
			)
		except frappe.PermissionError:
			visible = set()
		for value, label in values.items():
			if value not in visible:
				frappe.throw(
					_("{0} {1} is outside your access").format(_(label), bold(value)),
					frappe.PermissionError,
					title=_("Not Permitted"),
				)


def validate_state_edit(doc) -> None:
	workflow_name = get_workflow_name(doc.doctype)
	before = doc.get_doc_before_save()
	if not workflow_name or before is None or frappe.session.user == "Administrator":
		return
	if may_edit_in_state(before):
		return
	state_field = frappe.get_cached_doc("Workflow", workflow_name).workflow_state_field
	state = before.get(state_field)
	changed = changed_fields(doc, before, ignore={state_field})
	if changed:
		frappe.throw(
			_("{0} cannot be changed while the record is {1}").format(
				_(doc.meta.get_label(changed[0])), bold(_(state))
			),
			frappe.PermissionError,
			title=_("Not Editable"),
		)


def may_edit_in_state(doc) -> bool:
	"""Whether the user's roles may edit the record in its (stored) workflow state; True without a workflow."""
	workflow_name = get_workflow_name(doc.doctype)
	if not workflow_name or frappe.session.user == "Administrator":
		return True
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	state = doc.get(workflow.workflow_state_field)
	editors = {row.allow_edit for row in workflow.states if row.state == state}
	return bool(editors & set(frappe.get_roles()))


def changed_fields(doc, before, ignore: set[str] = frozenset()) -> list[str]:
	"""Fields whose value differs from the stored record (child tables compared row by row)."""
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in ignore or df.fieldname in NOT_EDITS:
			continue
		if df.fieldtype in table_fields:
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif df.fieldtype not in no_value_fields and _plain(doc.get(df.fieldname)) != _plain(
			before.get(df.fieldname)
		):
			changed.append(df.fieldname)
	return changed


def _rows(rows) -> list[dict]:
	return [
		{
			key: _plain(value)
			for key, value in row.as_dict(no_default_fields=True).items()
			if key not in NOT_EDITS and not key.startswith("__")
		}
		for row in rows or []
	]


def _plain(value) -> str:
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	return str(value)
