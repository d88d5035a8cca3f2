"""The Staffing Watch's gaps (community_gov.rules.staffing) from the database, within the user's access: the
Staffing Watch report lists them and the workspace's Staffing Gaps card counts them, from this one function.

Set-based: one query per table whatever the size of the district: the communities the user may list, the
cadres of the watched posts (Secretary, First Secretary) in any status, the ended terms and the adjusted ones'
decisions of those no longer active, the approved appointments into or out of those posts, and the in-pool
reserves below College (大专)."""

from __future__ import annotations

import frappe
from frappe import _lt
from frappe.utils import getdate, today
from pypika.functions import Date

from community_gov.cadres import cadre_criterion
from community_gov.permissions import get_access_scope, require_roles
from community_gov.query_utils import in_names
from community_gov.report_filters import REPORT_ROLES
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules import staffing
from community_gov.rules.staffing import Cadre, Community, Departure, Gap, Reserve
from community_gov.rules.terms import TERM_ENDED

WATCHED_POSTS = (staffing.SECRETARY, staffing.FIRST_SECRETARY)
# The kinds (rules.staffing.GAP_KINDS) are shown translated; listing them puts them in the translation catalog.
GAP_KIND_LABELS = (
	_lt("Vacant Secretary Post"),
	_lt("Two Secretaries in Post"),
	_lt("Key Community Without First Secretary"),
	_lt("Secretary Not Filed with County"),
	_lt("Secretary Not Full-time"),
	_lt("Reserve Below College"),
)


def staffing_gaps(filters: dict | None = None) -> list[Gap]:
	"""The gaps of the communities the user may see, narrowed by `filters` (sub_district, community, kind)."""
	require_roles(*REPORT_ROLES)
	filters = frappe._dict(filters or {})
	communities = get_communities(filters)
	names = [community.name for community in communities]
	cadres = get_cadres(filters)
	departures = get_departures(names, cadres)
	reserves = get_reserves(filters)
	gaps = staffing.staffing_gaps(communities, cadres, departures, reserves, IN_POOL_STATUSES)
	if filters.kind:
		gaps = [gap for gap in gaps if gap.kind == filters.kind]
	return gaps


def place_filters(filters) -> dict:
	return {key: filters[key] for key in ("sub_district", "community") if filters.get(key)}


def get_communities(filters) -> list[Community]:
	conditions = place_filters(filters)
	if "community" in conditions:
		conditions["name"] = conditions.pop("community")
	rows = frappe.get_list(
		"Community",
		filters=conditions,
		fields=["name", "sub_district", "creation", "is_key_community", "key_community_since"],
		order_by="name asc",
		limit_page_length=0,
	)
	return [
		Community(
			row.name,
			row.sub_district,
			registered_on=getdate(row.creation),
			is_key=bool(row.is_key_community),
			key_since=getdate(row.key_community_since) if row.key_community_since else None,
		)
		for row in rows
	]


def get_cadres(filters) -> list[Cadre]:
	"""The cadres of the watched posts, in any status: the active ones fill a post, the others left one."""
	cadre = frappe.qb.DocType("Cadre")
	rows = (
		frappe.qb.from_(cadre)
		.select(
			cadre.name,
			cadre.full_name,
			cadre.community,
			cadre.sub_district,
			cadre.position,
			cadre.status,
			cadre.full_time,
			cadre.county_filing_number,
			cadre.appointment_date,
			cadre.service_start_date,
			# As dates: MariaDB's DATE is read far faster than a DATETIME string parsed in Python.
			Date(cadre.creation).as_("creation"),
			Date(cadre.modified).as_("modified"),
		)
		.where(cadre_criterion(cadre, place_filters(filters), None) & cadre.position.isin(WATCHED_POSTS))
		.run()
	)
	return [
		Cadre(
			name,
			full_name,
			community,
			sub_district,
			position,
			status=status,
			full_time=bool(full_time),
			county_filing_number=county_filing_number,
			appointment_date=appointment_date or None,
			service_start_date=service_start_date or None,
			registered_on=creation,
			last_changed_on=modified,
		)
		for (
			name,
			full_name,
			community,
			sub_district,
			position,
			status,
			full_time,
			county_filing_number,
			appointment_date,
			service_start_date,
			creation,
			modified,
		) in rows
	]


def get_departures(communities: list[str], cadres: list[Cadre]) -> list[Departure]:
	"""Who left a watched post of the communities, and when (rules.staffing.left_post_on): the cadres no
	longer active there, and the active ones an approved appointment moved to another post or community."""
	if not communities:
		return []
	departed = [cadre for cadre in cadres if cadre.status != staffing.ACTIVE and cadre.community]
	ended_on = term_ends([cadre.name for cadre in departed])
	adjusted_on = adjustment_dates([cadre.name for cadre in departed if cadre.status == "Adjusted"])
	appointment = frappe.qb.DocType("Appointment")
	rows = (
		frappe.qb.from_(appointment)
		.select(
			appointment.cadre,
			appointment.current_position,
			appointment.current_community,
			appointment.post,
			appointment.community,
			appointment.from_date,
			appointment.to_date,
		)
		.where(
			(appointment.docstatus == 1)
			& (
				(
					appointment.current_community.isin(communities)
					& appointment.current_position.isin(WATCHED_POSTS)
				)
				| (appointment.community.isin(communities) & appointment.post.isin(WATCHED_POSTS))
			)
		)
		.orderby(appointment.from_date)
		.run(as_dict=True)
	)
	departures, term_end = [], {}
	for row in rows:
		moved = (row.post, row.community) != (row.current_position, row.current_community)
		if moved and row.current_position in WATCHED_POSTS and row.current_community in communities:
			departures.append(Departure(row.current_community, row.current_position, getdate(row.from_date)))
		# The latest term of the cadre in the post (ordered by start).
		term_end[(row.cadre, row.post, row.community)] = getdate(row.to_date) if row.to_date else None
	for cadre in departed:
		key = (cadre.name, cadre.position, cadre.community)
		left_on = staffing.left_post_on(
			cadre.last_changed_on,
			term_ended_on=ended_on.get(key),
			adjusted_on=adjusted_on.get(cadre.name),
			planned_end=term_end.get(key),
		)
		departures.append(Departure(cadre.community, cadre.position, left_on))
	return departures


def term_ends(cadres: list[str]) -> dict[tuple[str, str, str], object]:
	"""(cadre, post, community) → the day its (latest) term in a watched post ended (Cadre Term.ended_on)."""
	if not cadres:
		return {}
	term = frappe.qb.DocType("Cadre Term")
	rows = (
		frappe.qb.from_(term)
		.select(term.cadre, term.post, term.community, term.ended_on)
		.where(
			in_names(term.cadre, cadres)
			& term.post.isin(WATCHED_POSTS)
			& (term.status == TERM_ENDED)
			& term.ended_on.isnotnull()
		)
		.orderby(term.ended_on)
		.run()
	)
	return {(cadre, post, community): getdate(ended) for cadre, post, community, ended in rows}


def adjustment_dates(cadres: list[str]) -> dict[str, object]:
	"""Cadre → the date of the (latest) decision that adjusted it."""
	if not cadres:
		return {}
	case = frappe.qb.DocType("Adjustment Case")
	rows = (
		frappe.qb.from_(case)
		.select(case.cadre, case.decision_date)
		.where(in_names(case.cadre, cadres) & (case.status == "Adjusted") & case.decision_date.isnotnull())
		.orderby(case.decision_date)
		.run()
	)
	return {cadre: getdate(decided) for cadre, decided in rows}


def get_reserves(filters) -> list[Reserve]:
	"""The in-pool reserves below College the user may see (the rule checks both again)."""
	reserve = frappe.qb.DocType("Reserve Candidate")
	criterion = reserve.status.isin(IN_POOL_STATUSES) & reserve.education.isin(staffing.BELOW_COLLEGE)
	scope = get_access_scope()
	if not scope.unrestricted:
		criterion &= reserve.sub_district.isin(scope.sub_districts or [""])
	for key, value in place_filters(filters).items():
		criterion &= reserve[key] == value
	rows = (
		frappe.qb.from_(reserve)
		.select(
			reserve.name,
			reserve.full_name,
			reserve.community,
			reserve.sub_district,
			reserve.status,
			reserve.education,
			reserve.nomination_date,
		)
		.where(criterion)
		.run(as_dict=True)
	)
	return [
		Reserve(
			row.name,
			row.full_name,
			row.community,
			row.sub_district,
			row.status,
			row.education,
			getdate(row.nomination_date) if row.nomination_date else None,
		)
		for row in rows
	]


def as_of() -> object:
	"""The day the gaps' open days are counted to: today, in the system's time zone."""
	return getdate(today())
