"""Reserve Pool Status (后备干部库情况): in-pool count per community against the 3-7 range, the selection
funnel, the qualified reserves ready for each post and the reserves cultivated (培养) since a year (seed 004:
"2017年以来,培养社区后备干部255名": those whose training began in or after the year; what counts:
`community_gov.rules.reserves`, as a query condition `community_gov.reserves.pool.cultivated_criterion`); per
community or per sub-district.

Set-based: the communities the user may see (one permission-aware query) and one grouped query over
the reserves.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from pypika.terms import Case

from community_gov.constants import DEPUTY_SECRETARY, SECRETARY, reserve_posts
from community_gov.report_filters import report_year
from community_gov.reserves.pool import IN_POOL_STATUSES, cultivated_criterion, pool_flag, pool_range
from community_gov.rules.terms import APPOINTABLE_RESERVE_STATUSES

STAGES = IN_POOL_STATUSES
STAGE_FIELDS = {stage: frappe.scrub(stage) for stage in STAGES}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	filters.cultivated_since = report_year(filters, "cultivated_since", _("Cultivated Since"), None)
	data = get_data(filters)
	return get_columns(filters), data, None, get_chart_data(data), get_report_summary(filters, data)


def get_data(filters) -> list[dict]:
	communities = get_communities(filters)
	counts, cultivated = get_reserve_counts([c.name for c in communities], filters.cultivated_since)
	minimum, maximum = pool_range()
	posts = reserve_posts()
	rows = [community_row(c, counts.get(c.name, {}), minimum, maximum, posts) for c in communities]
	for row in rows:
		row["cultivated"] = cultivated.get(row["community"], 0)
	if filters.only_flagged:
		rows = [row for row in rows if row["flag"]]
	return sub_district_rows(rows) if filters.group_by == "Sub District" else rows


def get_columns(filters) -> list[dict]:
	return sub_district_columns(filters) if filters.group_by == "Sub District" else community_columns(filters)


def get_communities(filters) -> list[frappe._dict]:
	conditions = {}
	if filters.sub_district:
		conditions["sub_district"] = filters.sub_district
	if filters.community:
		conditions["name"] = filters.community
	return frappe.get_list(
		"Community",
		filters=conditions,
		fields=["name", "sub_district", "community_type"],
		order_by="sub_district asc, name asc",
		limit_page_length=0,
	)


def get_reserve_counts(
	communities: list[str], cultivated_since: int | None
) -> tuple[dict[str, dict[tuple[str, str], int]], dict[str, int]]:
	"""Per community: the reserves by (status, post), and how many were cultivated since the year (one
	grouped query)."""
	if not communities:
		return {}, {}
	reserve = frappe.qb.DocType("Reserve Candidate")
	cultivated_count = Sum(Case().when(cultivated_criterion(reserve, cultivated_since), 1).else_(0))
	rows = (
		frappe.qb.from_(reserve)
		.select(reserve.community, reserve.status, reserve.target_post, Count("*"), cultivated_count)
		.where(reserve.community.isin(communities))
		.groupby(reserve.community, reserve.status, reserve.target_post)
		.run()
	)
	counts: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
	cultivated: dict[str, int] = defaultdict(int)
	for community, status, target_post, count, cultivated_here in rows:
		counts[community][(status, target_post)] = count
		cultivated[community] += int(cultivated_here or 0)
	return counts, cultivated


def community_row(
	community, counts: dict[tuple[str, str], int], minimum: int, maximum: int, all_posts: tuple[str, ...]
) -> dict:
	def total(statuses, posts=all_posts):
		return sum(counts.get((status, post), 0) for status in statuses for post in posts)

	in_pool = total(IN_POOL_STATUSES)
	flag = pool_flag(in_pool, minimum, maximum)
	return {
		"sub_district": community.sub_district,
		"community": community.name,
		"community_type": _(community.community_type),
		"in_pool": in_pool,
		"range": f"{minimum}–{maximum}",
		"flag": _(flag) if flag else "",
		**{STAGE_FIELDS[stage]: total((stage,)) for stage in STAGES},
		# Ready: qualified, or elected (选) and awaiting appointment.
		"ready_secretary": total(APPOINTABLE_RESERVE_STATUSES, (SECRETARY,)),
		"ready_deputy": total(APPOINTABLE_RESERVE_STATUSES, (DEPUTY_SECRETARY,)),
		"appointed": total(("Appointed",)),
		"withdrawn": total(("Withdrawn",)),
	}


def sub_district_rows(rows: list[dict]) -> list[dict]:
	grouped: dict[str, dict] = {}
	for row in rows:
		group = grouped.setdefault(
			row["sub_district"],
			{"sub_district": row["sub_district"], "communities": 0, "below": 0, "above": 0, "in_pool": 0,
				**{field: 0 for field in STAGE_FIELDS.values()}, "ready_secretary": 0, "ready_deputy": 0,
				"appointed": 0, "withdrawn": 0, "cultivated": 0},
		)  # fmt: skip
		group["communities"] += 1
		group["below"] += row["flag"] == _("Below Range")
		group["above"] += row["flag"] == _("Above Range")
		for field in (
			"in_pool",
			*STAGE_FIELDS.values(),
			"ready_secretary",
			"ready_deputy",
			"appointed",
			"withdrawn",
			"cultivated",
		):
			group[field] += row[field]
	return list(grouped.values())


def stage_columns() -> list[dict]:
	return [
		{"fieldname": STAGE_FIELDS[stage], "label": _(stage), "fieldtype": "Int", "width": 90}
		for stage in STAGES
	]


def cultivated_label(filters) -> str:
	if filters.cultivated_since:
		return _("Cultivated Since {0}").format(filters.cultivated_since)
	return _("Reserves Cultivated")


def ready_columns(filters) -> list[dict]:
	return [
		{"fieldname": "ready_secretary", "label": _("Ready for Secretary"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "ready_deputy",
			"label": _("Ready for Deputy Secretary"),
			"fieldtype": "Int",
			"width": 140,
		},
		{"fieldname": "appointed", "label": _("Appointed"), "fieldtype": "Int", "width": 90},
		{"fieldname": "withdrawn", "label": _("Withdrawn"), "fieldtype": "Int", "width": 90},
		{"fieldname": "cultivated", "label": cultivated_label(filters), "fieldtype": "Int", "width": 120},
	]


def community_columns(filters) -> list[dict]:
	return [
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 140},
		{"fieldname": "community_type", "label": _("Community Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "in_pool", "label": _("Reserves In Pool"), "fieldtype": "Int", "width": 110},
		{"fieldname": "range", "label": _("Required Range"), "fieldtype": "Data", "width": 90},
		{"fieldname": "flag", "label": _("Reserve Pool Flag"), "fieldtype": "Data", "width": 110},
		*stage_columns(),
		*ready_columns(filters),
	]  # fmt: skip


def sub_district_columns(filters) -> list[dict]:
	return [
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
		{"fieldname": "communities", "label": _("Communities"), "fieldtype": "Int", "width": 90},
		{"fieldname": "below", "label": _("Below Range"), "fieldtype": "Int", "width": 100},
		{"fieldname": "above", "label": _("Above Range"), "fieldtype": "Int", "width": 100},
		{"fieldname": "in_pool", "label": _("Reserves In Pool"), "fieldtype": "Int", "width": 110},
		*stage_columns(),
		*ready_columns(filters),
	]  # fmt: skip


def get_chart_data(rows: list[dict]) -> dict:
	return {
		"data": {
			"labels": [_(stage) for stage in STAGES],
			"datasets": [
				{"name": _("Reserves"), "values": [sum(row[STAGE_FIELDS[s]] for row in rows) for s in STAGES]}
			],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(filters, rows: list[dict]) -> list[dict]:
	# Community rows carry a flag; sub-district rows carry the counts below and above the range.
	outside = sum(row["below"] + row["above"] if "below" in row else bool(row["flag"]) for row in rows)
	return [
		{"label": _("Reserves In Pool"), "value": sum(row["in_pool"] for row in rows), "indicator": "Blue"},
		{
			"label": _("Ready for Secretary"),
			"value": sum(row["ready_secretary"] for row in rows),
			"indicator": "Green",
		},
		{
			"label": _("Communities Outside the Range"),
			"value": outside,
			"indicator": "Red" if outside else "Green",
		},
		{
			"label": cultivated_label(filters),
			"value": sum(row["cultivated"] for row in rows),
			"datatype": "Int",
			"indicator": "Blue",
		},
	]
