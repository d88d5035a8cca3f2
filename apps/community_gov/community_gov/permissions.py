"""Record-level access, written twice on purpose: as SQL conditions for lists, reports and REST
(`permission_query_conditions`) and as a per-document check (`has_permission`). Both derive from
`get_access_scope`, so they cannot disagree.

- Organization Department, Leadership, System Manager: every record (role permissions decide writes).
- Sub District Reviewer: only the sub-districts listing the user among their reviewers.
- Cadre: only the Cadre record whose `user` is the user.
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


def _conditions(scope: AccessScope, sub_district_column: str, user_column: str | None = None) -> str:
	if scope.unrestricted:
		return ""
	conditions = []
	if scope.is_reviewer:
		conditions.append(_in_list(sub_district_column, scope.sub_districts))
	if scope.is_cadre and user_column:
		conditions.append(f"{user_column} = {frappe.db.escape(scope.user)}")
	if not conditions:
		return "1=0"
	return "(" + " or ".join(conditions) + ")"


def sub_district_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabSub District`.`name`")


def community_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabCommunity`.`sub_district`")


def cadre_query(user: str | None = None) -> str:
	return _conditions(get_access_scope(user), "`tabCadre`.`sub_district`", "`tabCadre`.`user`")


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


def validate_sub_district_scope(doc) -> None:
	"""Refuse a reviewer who edits a record of another sub-district or moves one into or out of it."""
	if get_access_scope().unrestricted:
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
