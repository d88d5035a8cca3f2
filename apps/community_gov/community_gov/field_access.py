"""Field-level access: fields above a user's permission level stay hidden wherever Frappe could show them.

Frappe drops such fields from the rows and documents it returns, but two of its paths still reveal them:

- A list query filters, sorts and groups by any field: `id_number like '3701%'` reads a hidden value back one
  guess at a time, through every endpoint that reaches `frappe.get_list` (REST, report view, group-by counts,
  sidebar stats, import templates, dashboard charts). `refuse_hidden_field_conditions` checks the query itself,
  whatever endpoint built it.
- A form's change history (Version records, sent with the document as `docinfo`) and the document-follow
  digest carry old and new values of every field. `getdoc`/`get_docinfo` take out what the reader may not read,
  and a user may follow only what they may read whole (`check_document_follow`).

Applies to the app's DocTypes; Frappe's own keep Frappe's behaviour.
"""

from __future__ import annotations

import json
import re
import sys

import frappe
from frappe import _
from frappe.desk.form import load
from frappe.model import get_permitted_fields

APP_MODULE = "Community Governance"
# `tabCadre`.`id_number`: how DatabaseQuery writes a filter's column into its conditions.
QUALIFIED_COLUMN = re.compile(r"`tab([^`]+)`\.`?([A-Za-z0-9_]+)`?")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
QUOTED_NAME = re.compile(r"`([A-Za-z0-9_]+)`")


def is_app_doctype(doctype: str | None) -> bool:
	return bool(doctype) and frappe.get_meta(doctype).module == APP_MODULE


def hidden_fields(doctype: str, user: str | None = None, parenttype: str | None = None) -> frappe._dict:
	"""Fields of `doctype` (a child table: as part of `parenttype`) the user may not read, by fieldname → label.
	Levels no role reads at all (server-only fields) count too: nobody may query by them either."""
	user = user or frappe.session.user
	permitted = set(get_permitted_fields(doctype, parenttype=parenttype, user=user, permission_type="read"))
	return frappe._dict(
		(df.fieldname, df.label)
		for df in frappe.get_meta(doctype).get_fieldnames_with_value(with_field_meta=True)
		if df.fieldname not in permitted
	)


def readable_levels_hidden(doctype: str, user: str | None = None) -> bool:
	"""Whether some field of `doctype` at a level that some role reads is hidden from the user."""
	meta = frappe.get_meta(doctype)
	read_levels = {perm.permlevel for perm in meta.permissions if perm.read}
	hidden = hidden_fields(doctype, user)
	return any(meta.get_field(fieldname).permlevel in read_levels for fieldname in hidden)


# ---------------------------------------------------------------- list queries


def refuse_hidden_field_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""'*' permission_query_conditions: a list query of an app DocType that filters, sorts or groups by a field
	the user may not read is refused. Adds no condition of its own."""
	if not is_app_doctype(doctype):
		return ""
	query = query_being_built(doctype)
	if query is None:
		return ""
	# A child table listed on its own is read as part of its parent (`parent=`), as Frappe reads it.
	own_parenttype = getattr(query, "parent_doctype", None) if frappe.get_meta(doctype).istable else None
	if not (hidden_fields(doctype, user, own_parenttype) or has_hidden_child_fields(doctype, user)):
		return ""
	# The queried DocType and its child tables (a filter on a child field joins the child table).
	parenttypes = {doctype: own_parenttype} | {
		df.options: doctype for df in frappe.get_meta(doctype).get_table_fields()
	}
	for table, fieldname in referenced_fields(query):
		if table not in parenttypes:
			continue
		label = hidden_fields(table, user, parenttypes[table]).get(fieldname)
		if label is not None:
			frappe.throw(
				_("You cannot filter, sort or group by {0}").format(_(label or fieldname)),
				frappe.PermissionError,
			)
	return ""


def has_hidden_child_fields(doctype: str, user: str | None) -> bool:
	return any(hidden_fields(df.options, user, doctype) for df in frappe.get_meta(doctype).get_table_fields())


def query_being_built(doctype: str):
	"""The DatabaseQuery whose permission conditions are being asked for: Frappe passes the hook only the user
	and the DocType, and the filters to check are on the query (build_conditions → build_match_conditions →
	get_permission_query_conditions → this hook), a few frames up the stack."""
	from frappe.model.db_query import DatabaseQuery

	frame = sys._getframe(1)
	for _depth in range(10):
		if frame is None:
			return None
		candidate = frame.f_locals.get("self")
		if isinstance(candidate, DatabaseQuery) and candidate.doctype == doctype:
			return candidate
		frame = frame.f_back
	return None


def referenced_fields(query) -> set[tuple[str, str]]:
	"""(DocType, fieldname) of every column the query's own conditions, sort order and grouping name. Its
	conditions are SQL by now, with qualified columns; sort order and grouping may name bare fields of the
	queried DocType. Over-reads rather than misses: a word that is no field of the DocType is ignored later."""
	conditions = " ".join(
		condition
		for part in ("conditions", "grouped_or_conditions", "or_conditions")
		for condition in (getattr(query, part, None) or [])
		if isinstance(condition, str)
	)
	ordering = " ".join(
		str(value) for value in (getattr(query, "order_by", None), getattr(query, "group_by", None)) if value
	)
	referenced = {(table, field) for table, field in QUALIFIED_COLUMN.findall(conditions + " " + ordering)}
	referenced.update((query.doctype, word) for word in WORD.findall(QUALIFIED_COLUMN.sub(" ", ordering)))
	# A condition given as SQL text (server code's string filters) may name a column unqualified, `phone`.
	referenced.update(
		(query.doctype, word) for word in QUOTED_NAME.findall(QUALIFIED_COLUMN.sub(" ", conditions))
	)
	return referenced


# ---------------------------------------------------------------- change history


@frappe.whitelist()
def getdoc(doctype: str, name: str, user: str | None = None):
	"""Frappe's form load, with the change history trimmed to what the reader may read."""
	load.getdoc(doctype, name, user)
	redact_docinfo(frappe.response.get("docinfo"))


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	"""Frappe's form side-panel data (it checks read permission), with the change history trimmed."""
	load.get_docinfo(doc, doctype, name)
	redact_docinfo(frappe.response.get("docinfo"))


def redact_docinfo(docinfo) -> None:
	if not docinfo or not docinfo.get("versions") or not is_app_doctype(docinfo.get("doctype")):
		return
	doctype = docinfo["doctype"]
	if not hidden_fields(doctype) and not has_hidden_child_fields(doctype, None):
		return
	kept = []
	for version in docinfo["versions"]:
		data = redact_changes(doctype, frappe.parse_json(version.get("data")) or {})
		if data:
			version["data"] = json.dumps(data)
			kept.append(version)
	docinfo["versions"] = kept


def redact_changes(doctype: str, data: dict) -> dict:
	"""A Version's `data` without the fields the user may not read; empty when nothing readable changed."""
	hidden = hidden_fields(doctype)
	tables = {df.fieldname: df.options for df in frappe.get_meta(doctype).get_table_fields()}

	def child_hidden(table_field):
		return hidden_fields(tables[table_field], None, doctype) if table_field in tables else {}

	def readable_row(table_field, row):
		if not isinstance(row, dict):
			return row
		return {key: value for key, value in row.items() if key not in child_hidden(table_field)}

	redacted = {
		"changed": [change for change in data.get("changed") or [] if change[0] not in hidden],
		"added": [
			[table, readable_row(table, row)] for table, row in data.get("added") or [] if table not in hidden
		],
		"removed": [
			[table, readable_row(table, row)]
			for table, row in data.get("removed") or []
			if table not in hidden
		],
		"row_changed": [],
	}
	for table, index, row_name, changes in data.get("row_changed") or []:
		readable = [change for change in changes if change[0] not in child_hidden(table)]
		if table not in hidden and readable:
			redacted["row_changed"].append([table, index, row_name, readable])
	if not any(redacted.values()):
		return {}
	return {**data, **redacted}


def check_document_follow(doc, method=None) -> None:
	"""Document Follow after_insert: Frappe mails a follower every change of the record, values included, and
	checks nothing. A follow of an app record the user may not read, or not read whole, is taken back (silently:
	Frappe follows on its own after a save, a comment or an assignment, which must not fail for it)."""
	if not is_app_doctype(doc.ref_doctype):
		return
	if frappe.has_permission(
		doc.ref_doctype, "read", doc=doc.ref_docname, user=doc.user
	) and not readable_levels_hidden(doc.ref_doctype, doc.user):
		return
	frappe.db.delete("Document Follow", {"name": doc.name})
