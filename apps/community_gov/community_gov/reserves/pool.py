"""R5: 3-7 in-pool reserve candidates per community, kept on Community and Sub District.

Both counts are recomputed set-based: one UPDATE for the communities, one for their sub-districts.
"""

from __future__ import annotations

import datetime

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce

from community_gov.rules.reserves import CULTIVATED_STATUSES

# The selection steps of seed 004 (谈、问、定, then cultivation, then 选: elected in the 换届), in order; a candidate
# in any of them is in the pool. An elected reserve stays in the pool until its appointment is approved.
IN_POOL_STATUSES = (
	"Nominated",
	"Forum Talk",
	"Questionnaire",
	"Inspection",
	"In Training",
	"Qualified",
	"Elected",
)
BELOW, ABOVE = "Below Range", "Above Range"


def pool_range() -> tuple[int, int]:
	settings = frappe.get_cached_doc("Governance Settings")
	return int(settings.reserve_min_per_community), int(settings.reserve_max_per_community)


def cultivated_criterion(reserve, since_year: int | None = None):
	"""The reserves of `reserve` (a query-builder Reserve Candidate table) cultivated, their cultivation begun
	in or after `since_year` (None: any year): `community_gov.rules.reserves.cultivated_since` as a query
	condition. Cultivation begins with the Start Training step (`training_started_on`), whatever came after;
	a record in a cultivated status without that date counts from its nomination date."""
	began = Coalesce(
		reserve.training_started_on,
		Case().when(reserve.status.isin(CULTIVATED_STATUSES), reserve.nomination_date),
	)
	criterion = began.isnotnull()
	if since_year:
		criterion &= began >= datetime.date(since_year, 1, 1)
	return criterion


def pool_flag(count: int, minimum: int, maximum: int) -> str:
	if count < minimum:
		return BELOW
	if count > maximum:
		return ABOVE
	return ""


def update_pool_counts(communities: set[str] | list[str] | None = None) -> None:
	"""Refresh `reserve_count`/`reserve_flag` of the given communities (None: all) and their sub-districts."""
	communities = sorted(c for c in (communities or ()) if c) if communities is not None else None
	if communities == []:
		return
	minimum, maximum = pool_range()
	values = {
		"statuses": IN_POOL_STATUSES,
		"minimum": minimum,
		"maximum": maximum,
		"below": BELOW,
		"above": ABOVE,
		"everything": int(communities is None),
		"communities": communities or [""],
	}
	frappe.db.sql(
		"""
		update `tabCommunity` c
		left join (
			select community, count(*) as n from `tabReserve Candidate`
			where status in %(statuses)s group by community
		) r on r.community = c.name
		set c.reserve_count = coalesce(r.n, 0),
			c.reserve_flag = case
				when coalesce(r.n, 0) < %(minimum)s then %(below)s
				when coalesce(r.n, 0) > %(maximum)s then %(above)s
				else '' end
		where %(everything)s or c.name in %(communities)s
		""",
		values,
	)
	frappe.db.sql(
		"""
		update `tabSub District` s
		left join (
			select sub_district, sum(reserve_count) as reserves, sum(reserve_flag != '') as outside
			from `tabCommunity` group by sub_district
		) t on t.sub_district = s.name
		set s.reserve_count = coalesce(t.reserves, 0), s.communities_out_of_range = coalesce(t.outside, 0)
		where %(everything)s
			or s.name in (select sub_district from `tabCommunity` where name in %(communities)s)
		""",
		values,
	)
