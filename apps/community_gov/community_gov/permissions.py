"""Record-level access, written twice on purpose: as SQL conditions for lists, reports and REST
(`permission_query_conditions`) and as a per-document check (`has_permission`). Both derive from
`get_access_scope` and one sub-district resolver per DocType, so they cannot disagree.

- Organization Department, Leadership, System Manager: every record (role permissions decide writes).
- Sub District Reviewer: only the sub-districts listing the user among their reviewers.
- Cadre: only the Cadre record whose `user` is the user, and that cadre's own agreements, assessments,
  surveys and terms (editing its assessment only while it is a draft or returned, signing its agreement
  only while it waits for the signature).
- Pay records (Cadre Pay Record): the Organization Department and System Manager only (`PAY_ROLES`), not
  Leadership, whatever its scope.

Every check that can change a record (write, create, delete, submit, cancel, ...) holds for the record
as stored as well as for the values being saved, so a record cannot be moved into or out of scope.
Child tables listed on their own (`get_list` with `parent=`) are limited to the rows of visible parents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import get_safe_filters
from pypika.terms import Criterion

from community_gov.field_access import is_app_doctype, query_being_built
from community_gov.text import bold

UNRESTRICTED_ROLES = frozenset({"Administrator", "System Manager", "Organization Department", "Leadership"})
REVIEWER_ROLE = "Sub District Reviewer"
CADRE_ROLE = "Cadre"
# Permission types that only look at a record; every other one changes it.
READ_PTYPES = frozenset({"read", "select", "print", "report", "export", "email", None})


@dataclass(frozen=True)
class AccessScope:
	unrestricted: bool = False
	sub_districts: tuple[str, ...] = ()
	is_reviewer: bool = False
	is_cadre: bool = False
	user: str = ""


def get_access_scope(user: str | None = None) -> AccessScope:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & UNRESTRICTED_ROLES:
		return AccessScope(unrestricted=True, user=user)
	is_reviewer = REVIEWER_ROLE in roles
	return AccessScope(
		sub_districts=tuple(get_reviewer_sub_districts(user)) if is_reviewer else (),
		is_reviewer=is_reviewer,
		is_cadre=CADRE_ROLE in roles,
		user=user,
	)


def get_reviewer_sub_districts(user: str) -> list[str]:
	reviewer = frappe.qb.DocType("Sub District User")
	rows = (
		frappe.qb.from_(reviewer)
		.select(reviewer.parent)
		.distinct()
		.where((reviewer.user == user) & (reviewer.parenttype == "Sub District"))
		.run(pluck=True)
	)
	return sorted(rows)


# ---------------------------------------------------------------- list conditions


def _in_list(column: str, values: tuple[str, ...]) -> str:
	if not values:
		return "1=0"
	return "{} in ({})".format(column, ", ".join(frappe.db.escape(value) for value in values))


def _conditions(scope: AccessScope, sub_district_column: str | None, own_condition: str | None = None) -> str:
	if scope.unrestricted:
		return ""
	conditions = []
	if scope.is_reviewer and sub_district_column:
		conditions.append(_in_list(sub_district_column, scope.sub_districts))
	if scope.is_cadre and own_condition:
		conditions.append(own_condition.format(user=frappe.db.escape(scope.user)))
	if not conditions:
		return "1=0"
	return "(" + " or ".join(conditions) + ")"


def _own_cadre_records(doctype: str) -> str:
	return f"`tab{doctype}`.`cadre` in (select `name` from `tabCadre` where `user` = {{user}})"


def sub_district_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabSub District`.`name`")


def community_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabCommunity`.`sub_district`")


def cadre_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabCadre`.`sub_district`", "`tabCadre`.`user` = {user}")


def cadre_scope_criterion(cadre, user: str | None = None) -> Criterion | None:
	"""The rows of `cadre` (a query-builder Cadre table) that `cadre_query` lets the user list, as a
	query-builder condition, for set-based report queries that join Cadre instead of carrying a list of
	names. None: every row. Like `frappe.get_list`, a user without read access to Cadre is refused."""
	user = user or frappe.session.user
	if not frappe.has_permission("Cadre", "read", user=user):
		frappe.throw(_("You do not have access to {0}").format(_("Cadre")), frappe.PermissionError)
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	conditions = []
	if scope.is_reviewer:
		conditions.append(cadre.sub_district.isin(scope.sub_districts or [""]))
	if scope.is_cadre:
		conditions.append(cadre.user == scope.user)
	return Criterion.any(conditions) if conditions else cadre.name.isnull()


def community_scope_criterion(community, user: str | None = None) -> Criterion | None:
	"""The rows of `community` (a query-builder Community table) that `community_query` lets the user list,
	as a query-builder condition (None: every row); a user without read access to Community is refused."""
	user = user or frappe.session.user
	if not frappe.has_permission("Community", "read", user=user):
		frappe.throw(_("You do not have access to {0}").format(_("Community")), frappe.PermissionError)
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	if scope.is_reviewer:
		return community.sub_district.isin(scope.sub_districts or [""])
	return community.name.isnull()


def cadre_training_year_query(user: str | None = None) -> str:
	"""The rows of the cadres the user may list (the Cadre list's conditions)."""
	cadres = cadre_query(user)
	if not cadres:
		return ""
	return f"`tabCadre Training Year`.`cadre` in (select `tabCadre`.`name` from `tabCadre` where {cadres})"


def target_agreement_query(user: str | None = None) -> str:
	return _conditions(
		get_access_scope(user), "`tabTarget Agreement`.`sub_district`", _own_cadre_records("Target Agreement")
	)


def annual_assessment_query(user: str | None = None) -> str:
	return _conditions(
		get_access_scope(user),
		"`tabAnnual Assessment`.`sub_district`",
		_own_cadre_records("Annual Assessment"),
	)


def satisfaction_survey_query(user: str | None = None) -> str:
	return _conditions(
		get_access_scope(user),
		"`tabSatisfaction Survey`.`sub_district`",
		_own_cadre_records("Satisfaction Survey"),
	)


def target_template_query(user: str | None = None) -> str:
	"""Templates are the district's: every desk role reads them (role permissions decide who edits)."""
	scope = get_access_scope(user)
	return "" if scope.unrestricted or scope.is_reviewer else "1=0"


def adjustment_case_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabAdjustment Case`.`sub_district`")


def reserve_candidate_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabReserve Candidate`.`sub_district`")


def appointment_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabAppointment`.`sub_district`")


def general_election_query(user: str | None = None) -> str:
	"""A 换届 is the district's event: every desk role reads it (role permissions decide who edits)."""
	scope = get_access_scope(user)
	return "" if scope.unrestricted or scope.is_reviewer else "1=0"


def election_record_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabElection Record`.`sub_district`")


def cadre_term_query(user: str | None = None) -> str:
	return _conditions(
		get_access_scope(user), "`tabCadre Term`.`sub_district`", _own_cadre_records("Cadre Term")
	)


# Pay is personal data of the department's alone: a cadre's pay records (Cadre Pay Record) are read and
# written by these roles only, whatever else a user's scope allows (Leadership sees every record, not pay).
PAY_ROLES = frozenset({"Organization Department", "System Manager"})


def may_see_pay(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(PAY_ROLES & set(frappe.get_roles(user)))


def cadre_pay_record_query(user: str | None = None) -> str:
	return "" if may_see_pay(user) else "1=0"


def has_cadre_pay_record_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""Only the pay roles, for every permission type (role permissions decide which of them)."""
	return None if may_see_pay(user) else False


def training_session_query(user: str | None = None) -> str:
	"""Everyone with a role reads the schedule. A reviewer's report view that joins the attendees sees
	only its own sub-district's rows."""
	scope = get_access_scope(user)
	if scope.unrestricted or not scope.is_reviewer or not _request_joins("Training Attendance"):
		return ""
	table = "`tabTraining Attendance`"
	return f"({table}.`name` is null or {_in_list(f'{table}.`sub_district`', scope.sub_districts)})"


def _request_joins(child_doctype: str) -> bool:
	"""Whether the list query being built joins a child table (selects or filters on its columns)."""
	query = query_being_built("Training Session")
	return query is not None and f"`tab{child_doctype}`" in query.tables


def batch_import_log_query(user: str | None = None) -> str:
	"""Import logs: a reviewer sees its sub-districts' and its own uploads."""
	scope = get_access_scope(user)
	if scope.unrestricted:
		return ""
	if not scope.is_reviewer:
		return "1=0"
	table = "`tabBatch Import Log`"
	return (
		f"({_in_list(f'{table}.`sub_district`', scope.sub_districts)} "
		f"or {table}.`owner` = {frappe.db.escape(scope.user)})"
	)


# Parent of each child table, for rows listed on their own.
CHILD_PARENTS = {
	"Training Attendance": "Training Session",
	"Assessment Score": "Annual Assessment",
	"Agreement Target": "Target Agreement",
	"Cadre Honour": "Cadre",
	"Adjustment Case Year": "Adjustment Case",
	"Reserve Assignment": "Reserve Candidate",
	"Sub District User": "Sub District",
	"Adjustment Covered Position": "Governance Settings",
	"Post Term Length": "Governance Settings",
	"Target Template Item": "Target Template",
	"Target Template Position": "Target Template",
	"Assessment Survey": "Annual Assessment",
	"Batch Import Error": "Batch Import Log",
	"General Election Community": "General Election",
}
PARENT_QUERIES: dict[str, Callable[[str | None], str]] = {
	"Sub District": sub_district_query,
	"Cadre": cadre_query,
	"Target Agreement": target_agreement_query,
	"Annual Assessment": annual_assessment_query,
	"Adjustment Case": adjustment_case_query,
	"Reserve Candidate": reserve_candidate_query,
	"Target Template": target_template_query,
	"Batch Import Log": batch_import_log_query,
	"General Election": general_election_query,
}


def child_table_query(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a child table listed directly: only those of parents the user may see."""
	scope = get_access_scope(user)
	if scope.unrestricted or doctype not in CHILD_PARENTS:
		return ""
	table = f"`tab{doctype}`"
	parent = CHILD_PARENTS[doctype]
	if doctype == "Training Attendance":
		# Sessions are a shared schedule; their attendees belong to each attendee's sub-district.
		return _conditions(scope, f"{table}.`sub_district`")
	if parent not in PARENT_QUERIES:
		return ""  # a single (Governance Settings): role permissions decide
	parent_condition = PARENT_QUERIES[parent](user)
	if not parent_condition:
		return ""
	return (
		f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in "
		f"(select `name` from `tab{parent}` where {parent_condition}))"
	)


# ---------------------------------------------------------------- document checks


def community_sub_district(community: str | None) -> str | None:
	if not community:
		return None
	return frappe.db.get_value("Community", community, "sub_district")


def can_access_sub_district(sub_district: str | None, user: str | None = None) -> bool:
	scope = get_access_scope(user)
	return scope.unrestricted or (scope.is_reviewer and sub_district in scope.sub_districts)


def stored_values(doc, fieldnames: tuple[str, ...]) -> frappe._dict | None:
	"""The record as the database has it, or None for a new one."""
	if not doc.get("name") or doc.get("__islocal") or (hasattr(doc, "is_new") and doc.is_new()):
		return None
	return frappe.db.get_value(doc.doctype, doc.name, fieldnames, as_dict=True)


def _check_record(doc, ptype: str | None, scope: AccessScope, allowed: Callable, fieldnames: tuple[str, ...]):
	"""`allowed(values)` must hold for the edited values and, for a change, for the stored record too."""
	if not allowed(doc):
		return False
	if ptype in READ_PTYPES:
		return True
	stored = stored_values(doc, fieldnames)
	return stored is None or bool(allowed(frappe._dict(stored, doctype=doc.doctype, name=doc.name)))


def has_sub_district_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	return scope.is_reviewer and doc.name in scope.sub_districts


def has_community_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	if not scope.is_reviewer:
		return False
	return _check_record(
		doc, ptype, scope, lambda values: values.get("sub_district") in scope.sub_districts, ("sub_district",)
	)


def has_cadre_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	if scope.is_cadre and doc.get("user") == scope.user and ptype in ("read", "print", None):
		return True
	if not scope.is_reviewer:
		return False

	def in_scope(values) -> bool:
		# The community decides the sub-district; the stored copy may be stale while a form is edited.
		sub_district = community_sub_district(values.get("community")) or values.get("sub_district")
		return sub_district in scope.sub_districts

	return _check_record(doc, ptype, scope, in_scope, ("community", "sub_district"))


# Records a cadre may see of its own, and the workflow states in which it may still change them, per
# permission: it writes its self-summary while its assessment is a draft or returned; it signs (submits) its
# agreement while that waits for its signature (community_gov.guards refuses any other change in that state).
CADRE_OWN_RECORDS = {
	"Target Agreement": {"write": ("Pending Signature",), "submit": ("Pending Signature",)},
	"Annual Assessment": {"write": ("Draft", "Returned")},
	"Satisfaction Survey": {},
	"Cadre Term": {},
}


def cadre_of_user(user: str) -> str | None:
	return frappe.db.get_value("Cadre", {"user": user}, "name")


def cadre_record_sub_district(values) -> str | None:
	"""Agreements, assessments, cases, reserves and appointments: the record's community decides its
	sub-district (for a new record not yet validated, the cadre's)."""
	return (
		community_sub_district(values.get("community"))
		or values.get("sub_district")
		or (values.get("cadre") and frappe.db.get_value("Cadre", values.get("cadre"), "sub_district"))
	)


def has_cadre_record_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	if scope.is_reviewer:
		in_scope = _check_record(
			doc,
			ptype,
			scope,
			lambda values: cadre_record_sub_district(values) in scope.sub_districts,
			("community", "sub_district", "cadre"),
		)
		if in_scope:
			return True
	if scope.is_cadre and doc.doctype in CADRE_OWN_RECORDS and doc.get("cadre"):
		if ptype not in READ_PTYPES and not CADRE_OWN_RECORDS[doc.doctype].get(ptype):
			return False  # read-only to the cadre (and a record without a workflow state)
		own_cadre = cadre_of_user(scope.user)
		stored = stored_values(doc, ("cadre", "workflow_state")) if ptype not in READ_PTYPES else None
		if doc.get("cadre") != own_cadre or (stored and stored.cadre != own_cadre):
			return False
		if ptype in ("read", "print", None):
			return True
		# The stored state decides: a save that moves the record on from Draft is still allowed.
		state = stored.workflow_state if stored else doc.get("workflow_state")
		return state in CADRE_OWN_RECORDS[doc.doctype].get(ptype, ())
	return False


def has_target_template_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""The district's templates: reviewers read them to issue agreements; only the department edits."""
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	return scope.is_reviewer and ptype in READ_PTYPES


def has_general_election_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""The district's 换届: reviewers read it (its communities span sub-districts); only the department edits."""
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	return scope.is_reviewer and ptype in READ_PTYPES


def has_training_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""Everyone with a role reads the schedule; reviewers change only Sub District level training of
	their own sub-district, and cannot move a record into or out of that."""
	scope = get_access_scope(user)
	if scope.unrestricted or ptype in READ_PTYPES:
		return None
	if not scope.is_reviewer:
		return False
	return _check_record(
		doc,
		ptype,
		scope,
		lambda values: values.get("level") == "Sub District"
		and values.get("sub_district") in scope.sub_districts,
		("level", "sub_district"),
	)


def has_batch_import_log_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""Import logs are written by the imports only; a reviewer reads its sub-districts' and its own."""
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	return (
		scope.is_reviewer
		and ptype in READ_PTYPES
		and (doc.get("sub_district") in scope.sub_districts or doc.get("owner") == scope.user)
	)


def validate_sub_district_scope(doc) -> None:
	"""Refuse a reviewer who edits a record of another sub-district or moves one into or out of it.

	Cadres reach only their own records, which `has_permission` already decides.
	"""
	scope = get_access_scope()
	if scope.unrestricted or not scope.is_reviewer:
		return
	before = doc.get_doc_before_save()
	for sub_district in {doc.get("sub_district"), before and before.get("sub_district")} - {None}:
		if not can_access_sub_district(sub_district):
			frappe.throw(
				_("You can only manage records of your own sub-district, not {0} {1}").format(
					_("Sub District"), bold(sub_district)
				),
				frappe.PermissionError,
			)


def require_roles(*roles: str) -> None:
	"""Like frappe.only_for, which tests skip; this check holds in tests too."""
	if frappe.session.user == "Administrator" or set(roles) & set(frappe.get_roles()):
		return
	frappe.throw(
		_("Only {0} may do this").format(", ".join(_(role) for role in roles)), frappe.PermissionError
	)


def has_cadre_training_year_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""Read-only to everyone (the sessions write it); a row is visible with its cadre."""
	if ptype not in READ_PTYPES:
		return False
	if get_access_scope(user).unrestricted:
		return None
	return bool(doc.get("cadre")) and frappe.has_permission("Cadre", "read", doc.get("cadre"), user=user)


@frappe.whitelist()
def get_count(
	doctype: str, filters: str | dict | list | None = None, debug: bool = False, cache: bool = False
):
	"""`frappe.client.get_count` (hooks.override_whitelisted_methods): Frappe's counts any DocType by any filter
	without a permission check. An app DocType's count is that of the rows the user may list."""
	from frappe.client import get_count as frappe_get_count

	if not is_app_doctype(doctype):
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as total"])
	return rows[0].total if rows else 0
