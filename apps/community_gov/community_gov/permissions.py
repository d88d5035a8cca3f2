"""Record-level access, written twice on purpose: as SQL conditions for lists, reports and REST
(`permission_query_conditions`) and as a per-document check (`has_permission`). Both derive from
`get_access_scope`, so they cannot disagree.

- Organization Department, Leadership, System Manager: every record (role permissions decide writes).
- Sub District Reviewer: only the sub-districts listing the user among their reviewers.
- Cadre: only the Cadre record whose `user` is the user, and that cadre's own agreements and
  assessments (editing its assessment only while it is a draft or returned).
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe import _

UNRESTRICTED_ROLES = frozenset({"Administrator", "System Manager", "Organization Department", "Leadership"})
REVIEWER_ROLE = "Sub District Reviewer"
CADRE_ROLE = "Cadre"


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


def _in_list(column: str, values: tuple[str, ...]) -> str:
	if not values:
		return "1=0"
	return "{} in ({})".format(column, ", ".join(frappe.db.escape(value) for value in values))


def _conditions(scope: AccessScope, sub_district_column: str, own_condition: str | None = None) -> str:
	if scope.unrestricted:
		return ""
	conditions = []
	if scope.is_reviewer:
		conditions.append(_in_list(sub_district_column, scope.sub_districts))
	if scope.is_cadre and own_condition:
		conditions.append(own_condition.format(user=frappe.db.escape(scope.user)))
	if not conditions:
		return "1=0"
	return "(" + " or ".join(conditions) + ")"


def sub_district_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabSub District`.`name`")


def community_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabCommunity`.`sub_district`")


def cadre_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabCadre`.`sub_district`", "`tabCadre`.`user` = {user}")


def _own_cadre_records(doctype: str) -> str:
	return f"`tab{doctype}`.`cadre` in (select `name` from `tabCadre` where `user` = {{user}})"


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


def adjustment_case_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabAdjustment Case`.`sub_district`")


def reserve_candidate_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabReserve Candidate`.`sub_district`")


def appointment_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabAppointment`.`sub_district`")


def community_sub_district(community: str | None) -> str | None:
	if not community:
		return None
	return frappe.db.get_value("Community", community, "sub_district")


def can_access_sub_district(sub_district: str | None, user: str | None = None) -> bool:
	scope = get_access_scope(user)
	return scope.unrestricted or (scope.is_reviewer and sub_district in scope.sub_districts)


def has_sub_district_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	return scope.is_reviewer and doc.name in scope.sub_districts


def has_community_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	return scope.is_reviewer and doc.sub_district in scope.sub_districts


def has_cadre_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	# The community decides the sub-district; the stored copy may be stale while a form is edited.
	sub_district = community_sub_district(doc.get("community")) or doc.get("sub_district")
	if scope.is_reviewer and sub_district in scope.sub_districts:
		return True
	if scope.is_cadre and doc.get("user") == scope.user and ptype in ("read", "print", None):
		return True
	return False


# Records a cadre may see of its own, and the workflow states in which it may still edit them.
CADRE_OWN_RECORDS = {"Target Agreement": (), "Annual Assessment": ("Draft", "Returned")}


def cadre_of_user(user: str) -> str | None:
	return frappe.db.get_value("Cadre", {"user": user}, "name")


def has_cadre_record_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""Agreements, assessments, cases, reserves and appointments: the record's community decides its
	sub-district (for a new record not yet validated, the cadre's)."""
	scope = get_access_scope(user)
	if scope.unrestricted:
		return None
	if scope.is_reviewer:
		sub_district = (
			community_sub_district(doc.get("community"))
			or doc.get("sub_district")
			or (doc.get("cadre") and frappe.db.get_value("Cadre", doc.get("cadre"), "sub_district"))
		)
		if sub_district in scope.sub_districts:
			return True
	if scope.is_cadre and doc.doctype in CADRE_OWN_RECORDS and doc.get("cadre"):
		if doc.get("cadre") == cadre_of_user(scope.user):
			if ptype in ("read", "print", None):
				return True
			if ptype != "write":
				return False
			# The stored state decides: a save that moves the record on from Draft is still allowed.
			stored_state = doc.get("workflow_state")
			if doc.get("name") and not doc.get("__islocal"):
				stored_state = frappe.db.get_value(doc.doctype, doc.name, "workflow_state") or stored_state
			return stored_state in CADRE_OWN_RECORDS[doc.doctype]
	return False


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
					_("Sub District"), frappe.bold(sub_district)
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
