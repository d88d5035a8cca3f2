"""Sub District Scorecard: per sub-district (or community) for a year — average score, grade
distribution, Excellent-quota use, satisfaction, training coverage, reserve pool, open cases, ranking;
a chart of the average score across sub-districts and years.

The year is the assessment year (by default the latest with approved assessments); training coverage is that
year's training, blank when the year has no training on record.

Set-based: the communities the user may see (a permission-aware list), then one grouped query per table:
assessments of those communities (Annual Assessment by community and year), the training coverage from the
cadres the user may see (`community_gov.cadres.cadre_criterion`) joined to their training per year (Cadre
Training Year), counted by the database.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint

from community_gov.assessment.common import get_rule_settings
from community_gov.cadres import cadre_criterion
from community_gov.report_filters import latest_assessment_year, report_year, report_year_span, training_years
from community_gov.rules.assessment import GRADES, OPEN_CASE_STATUSES, excellent_quota_limit
from community_gov.training.compliance import compliance_counts

GRADE_FIELDS = {grade: frappe.scrub(grade) for grade in GRADES}


def execute(filters: dict | None = None):
	filters = get_filters(filters)
	communities = get_communities(filters)
	stats = assessment_stats([c.name for c in communities], filters.years, filters.unit_field)
	training_known = filters.year in training_years(filters.year, filters.year)
	data = get_data(filters, communities, stats, training_known)
	message = None if training_known else _("No training is on record for {0}").format(filters.year)
	return get_columns(filters), data, message, get_chart_data(filters, communities, stats), None


def get_filters(filters: dict | None) -> frappe._dict:
	"""The filters checked, with their defaults: the year, the years of the chart and the unit a row is."""
	filters = frappe._dict(filters or {})
	filters.year = report_year(filters, "year", _("Year"), None) or latest_assessment_year()
	trend_years = report_year_span(cint(filters.trend_years or 4), _("Trend Years"))
	filters.years = list(range(filters.year - trend_years + 1, filters.year + 1))
	filters.unit_field = "community" if filters.group_by == "Community" else "sub_district"
	return filters


def get_communities(filters) -> list[frappe._dict]:
	conditions = {"sub_district": filters.sub_district} if filters.sub_district else {}
	return frappe.get_list(
		"Community", filters=conditions, fields=["name", "sub_district", "reserve_flag"], limit_page_length=0
	)


def get_units(filters, communities: list[frappe._dict]) -> list[str]:
	key = filters.unit_field
	return sorted({c[key] if key == "sub_district" else c.name for c in communities})


def get_data(filters, communities: list[frappe._dict], stats: dict, training_known: bool) -> list[dict]:
	key, year = filters.unit_field, filters.year
	sub_district_of = {c.name: c.sub_district for c in communities}
	members: dict[str, list[frappe._dict]] = defaultdict(list)  # a unit's communities
	for community in communities:
		members[community.name if key == "community" else community.sub_district].append(community)
	rows = [
		unit_row(unit, key, sub_district_of, members[unit], stats, year)
		for unit in get_units(filters, communities)
	]
	add_training_coverage(rows, key, [c.name for c in communities], year, training_known)
	add_open_cases(rows, key, [c.name for c in communities])
	ranked = sorted((row for row in rows if row["assessed"]), key=lambda row: -row["average_score"])
	for rank, row in enumerate(ranked, start=1):
		row["rank"] = rank
	rows.sort(key=lambda row: (row.get("rank") or 10**6, row[key]))
	return rows


def assessment_stats(communities: list[str], years: list[int], key: str) -> dict:
	"""(unit, year, grade) → (count, sum of totals, sum of satisfaction): one query."""
	if not communities:
		return {}
	assessment = frappe.qb.DocType("Annual Assessment")
	unit = assessment.community if key == "community" else assessment.sub_district
	rows = (
		frappe.qb.from_(assessment)
		.select(
			unit,
			assessment.year,
			assessment.grade,
			Count("*"),
			Sum(assessment.total_score),
			Sum(assessment.satisfaction_rate),
		)  # fmt: skip
		.where(
			(assessment.docstatus == 1) & assessment.community.isin(communities) & assessment.year.isin(years)
		)
		.groupby(unit, assessment.year, assessment.grade)
		.run()
	)
	return {(u, y, g): (n, total or 0, satisfaction or 0) for u, y, g, n, total, satisfaction in rows}


def unit_row(unit, key, sub_district_of, members, stats, year) -> dict:
	counts = {grade: stats.get((unit, year, grade), (0, 0, 0)) for grade in GRADES}
	assessed = sum(n for n, _total, _sat in counts.values())
	limit = excellent_quota_limit(assessed, get_rule_settings().excellent_quota)
	row = {
		key: unit,
		"assessed": assessed,
		"average_score": round(sum(t for _n, t, _s in counts.values()) / assessed, 2) if assessed else None,
		"average_satisfaction": round(sum(s for _n, _t, s in counts.values()) / assessed, 1)
		if assessed
		else None,
		**{GRADE_FIELDS[grade]: counts[grade][0] for grade in GRADES},
		"excellent_quota": f"{counts['Excellent'][0]}/{limit}",
		"reserve_in_range": f"{sum(1 for c in members if not c.reserve_flag)}/{len(members)}",
		"rank": None,
	}
	if key == "community":
		row["sub_district"] = sub_district_of.get(unit)
	return row


def add_training_coverage(
	rows: list[dict], key: str, communities: list[str], year: int, training_known: bool
) -> None:
	"""Share of the active cadres meeting R6 in the year; blank when the year has no training on record."""
	if not training_known:
		for row in rows:
			row["training_coverage"] = None
		return
	cadre = frappe.qb.DocType("Cadre")
	totals = compliance_counts(cadre, cadre_criterion(cadre, {"community": communities}, "Active"), year, key)
	for row in rows:
		count, compliant = totals.get(row[key], (0, 0))
		row["training_coverage"] = round(compliant * 100 / count, 1) if count else None


def add_open_cases(rows: list[dict], key: str, communities: list[str]) -> None:
	case = frappe.qb.DocType("Adjustment Case")
	unit = case.community if key == "community" else case.sub_district
	counts = dict(
		frappe.qb.from_(case)
		.select(unit, Count("*"))
		.where(case.status.isin(OPEN_CASE_STATUSES) & case.community.isin(communities or [""]))
		.groupby(unit)
		.run()
	)
	for row in rows:
		row["open_cases"] = counts.get(row[key], 0)


def get_columns(filters) -> list[dict]:
	key = filters.unit_field
	unit = (
		[{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 120},
			{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 110}]
		if key == "community"
		else [{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120}]
	)  # fmt: skip
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 60},
		*unit,
		{"fieldname": "assessed", "label": _("Assessed"), "fieldtype": "Int", "width": 80},
		{"fieldname": "average_score", "label": _("Average Total Score"), "fieldtype": "Float", "precision": 2, "width": 110},
		*({"fieldname": field, "label": _(grade), "fieldtype": "Int", "width": 80} for grade, field in GRADE_FIELDS.items()),
		{"fieldname": "excellent_quota", "label": _("Excellent Quota Used"), "fieldtype": "Data", "width": 110},
		{"fieldname": "average_satisfaction", "label": _("Average Satisfaction"), "fieldtype": "Percent", "precision": 1, "width": 120},
		{"fieldname": "training_coverage", "label": _("Training Compliance Rate"), "fieldtype": "Percent", "precision": 1, "width": 110},
		{"fieldname": "reserve_in_range", "label": _("Communities with Reserves in Range"), "fieldtype": "Data", "width": 130},
		{"fieldname": "open_cases", "label": _("Open Adjustment Cases"), "fieldtype": "Int", "width": 110},
	]  # fmt: skip


def get_chart_data(filters, communities: list[frappe._dict], stats: dict) -> dict | None:
	"""Average score per unit (x) and year (one series each): a heat-map-like view of who improves."""
	units = get_units(filters, communities)
	if not units:
		return None
	datasets = []
	for year in filters.years:
		values = []
		for unit in units:
			counts = [stats.get((unit, year, grade), (0, 0, 0)) for grade in GRADES]
			assessed = sum(c[0] for c in counts)
			values.append(round(sum(c[1] for c in counts) / assessed, 2) if assessed else 0)
		datasets.append({"name": str(year), "values": values})
	return {"data": {"labels": units, "datasets": datasets}, "type": "bar"}
