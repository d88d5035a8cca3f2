"""Cadre Scorecard (书记计分卡): per cadre and year the total score, grade, satisfaction, target-area
scores, training hours and R6 compliance, reserve mentees and open adjustment case; a trend chart.

Each row is one year: that year's assessment and that year's training. By default the four years up to the
latest year with approved assessments or completed training, so the current year's training shows before
its assessment is made. A year without any training on record leaves hours and compliance blank.

Set-based: one permission-aware query for the cadres, then one query per table whatever the rows.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum

from community_gov.query_utils import in_names
from community_gov.report_filters import (
	latest_assessment_year,
	latest_training_year,
	report_year,
	report_year_span,
	training_years,
)
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules.assessment import OPEN_CASE_STATUSES
from community_gov.rules.training import compliance
from community_gov.training.common import get_training_settings
from community_gov.training.compliance import load_records

AREAS = ("Social Stability", "Serving Residents", "Party Building")
AREA_FIELDS = {area: frappe.scrub(area) for area in AREAS}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	to_year = report_year(filters, "to_year", _("To Year"), None)
	if to_year is None:
		to_year = max(latest_assessment_year(), latest_training_year())
	from_year = report_year(filters, "from_year", _("From Year"), to_year - 3)
	report_year_span(to_year - from_year + 1, _("Years"))
	cadres = get_cadres(filters)
	rows = scorecard_rows(cadres, from_year, to_year)
	return columns(), rows, None, trend_chart(rows, filters), summary(rows)


def get_cadres(filters) -> list[frappe._dict]:
	conditions = {"status": ("in", ("Active", "Adjusted"))}
	for field in ("community", "sub_district", "position"):
		if filters.get(field):
			conditions[field] = filters[field]
	if filters.cadre:
		conditions["name"] = filters.cadre
	return frappe.get_list(
		"Cadre",
		filters=conditions,
		fields=["name", "full_name", "position", "community", "sub_district"],
		order_by="sub_district asc, community asc, name asc",
		limit_page_length=0,
	)


def scorecard_rows(cadres: list[frappe._dict], from_year: int, to_year: int) -> list[dict]:
	"""One row per cadre and year, oldest year first; shared with the printed scorecard."""
	names = [cadre.name for cadre in cadres]
	if not names:
		return []
	assessments = load_assessments(names, from_year, to_year)
	areas = load_area_scores(names, from_year, to_year)
	settings = get_training_settings()
	records = load_records(names, from_year - settings.rotation_period_years + 1, to_year)
	with_training = training_years(from_year, to_year)
	mentees = load_mentees(names)
	open_cases = load_open_cases(names)
	rows = []
	for cadre in cadres:
		for year in range(from_year, to_year + 1):
			assessment = assessments.get((cadre.name, year))
			result = compliance(records.get(cadre.name, ()), year, cadre.position == "Secretary", settings)
			known = year in with_training
			row = {
				"cadre": cadre.name,
				"full_name": cadre.full_name,
				"community": cadre.community,
				"sub_district": cadre.sub_district,
				"year": year,
				"total_score": assessment.total_score if assessment else None,
				"grade": _(assessment.grade) if assessment else "",
				"satisfaction_rate": assessment.satisfaction_rate if assessment else None,
				"training_hours": result.hours if known else None,
				"training_compliant": int(result.compliant) if known else None,
				"mentees": mentees.get(cadre.name, 0),
				"open_case": open_cases.get(cadre.name, ""),
			}
			for area, field in AREA_FIELDS.items():
				row[field] = areas.get((cadre.name, year, area))
			rows.append(row)
	return rows


def load_assessments(cadres: list[str], from_year: int, to_year: int) -> dict:
	assessment = frappe.qb.DocType("Annual Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(
			assessment.cadre,
			assessment.year,
			assessment.total_score,
			assessment.grade,
			assessment.satisfaction_rate,
		)  # fmt: skip
		.where(
			(assessment.docstatus == 1)
			& in_names(assessment.cadre, cadres)
			& (assessment.year >= from_year)
			& (assessment.year <= to_year)
		)
		.run(as_dict=True)
	)
	return {(row.cadre, row.year): row for row in rows}


def load_area_scores(cadres: list[str], from_year: int, to_year: int) -> dict:
	"""Each target area's score as a percentage of its weight."""
	assessment = frappe.qb.DocType("Annual Assessment")
	score = frappe.qb.DocType("Assessment Score")
	rows = (
		frappe.qb.from_(score)
		.join(assessment)
		.on(assessment.name == score.parent)
		.select(assessment.cadre, assessment.year, score.area, Sum(score.score), Sum(score.weight))
		.where(
			(assessment.docstatus == 1)
			& in_names(assessment.cadre, cadres)
			& (assessment.year >= from_year)
			& (assessment.year <= to_year)
		)
		.groupby(assessment.cadre, assessment.year, score.area)
		.run()
	)
	return {
		(cadre, year, area): round(got * 100 / weight, 1) for cadre, year, area, got, weight in rows if weight
	}


def load_mentees(cadres: list[str]) -> dict[str, int]:
	reserve = frappe.qb.DocType("Reserve Candidate")
	rows = (
		frappe.qb.from_(reserve)
		.select(reserve.mentor, Count("*"))
		.where(in_names(reserve.mentor, cadres) & reserve.status.isin(IN_POOL_STATUSES))
		.groupby(reserve.mentor)
		.run()
	)
	return dict(rows)


def load_open_cases(cadres: list[str]) -> dict[str, str]:
	case = frappe.qb.DocType("Adjustment Case")
	rows = (
		frappe.qb.from_(case)
		.select(case.cadre, case.name)
		.where(in_names(case.cadre, cadres) & case.status.isin(OPEN_CASE_STATUSES))
		.run()
	)
	return dict(rows)


def columns() -> list[dict]:
	return [
		# The row's `cadre` (the ID) links the name to the record (cadre_scorecard.js): one column per person.
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 100},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 120},
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70},
		{"fieldname": "total_score", "label": _("Total Score"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 90},
		{"fieldname": "satisfaction_rate", "label": _("Residents' Satisfaction"), "fieldtype": "Percent", "precision": 1, "width": 110},
		*({"fieldname": field, "label": _(area), "fieldtype": "Percent", "precision": 1, "width": 100} for area, field in AREA_FIELDS.items()),
		{"fieldname": "training_hours", "label": _("Credit Hours"), "fieldtype": "Float", "precision": 1, "width": 80},
		{"fieldname": "training_compliant", "label": _("Training Compliant"), "fieldtype": "Check", "width": 90},
		{"fieldname": "mentees", "label": _("Reserve Mentees"), "fieldtype": "Int", "width": 90},
		{"fieldname": "open_case", "label": _("Open Adjustment Case"), "fieldtype": "Link", "options": "Adjustment Case", "width": 150},
	]  # fmt: skip


def trend_chart(rows: list[dict], filters) -> dict | None:
	"""The total score over the assessed years (a year not assessed yet would read as 0): one line per cadre
	(at most eight, else the average)."""
	years = sorted({row["year"] for row in rows if row["total_score"] is not None})
	if not years:
		return None
	by_cadre: dict[str, dict[int, float]] = defaultdict(dict)
	names = {}
	for row in rows:
		if row["total_score"] is not None:
			by_cadre[row["cadre"]][row["year"]] = row["total_score"]
			names[row["cadre"]] = row["full_name"]
	if len(by_cadre) <= 8:
		datasets = [
			{"name": names[c], "values": [scores.get(y, 0) for y in years]} for c, scores in by_cadre.items()
		]
	else:
		datasets = [{"name": _("Average Total Score"), "values": [
			round(sum(s[y] for s in by_cadre.values() if y in s) / max(1, sum(1 for s in by_cadre.values() if y in s)), 2)
			for y in years]}]  # fmt: skip
	return {"data": {"labels": [str(y) for y in years], "datasets": datasets}, "type": "line"}


def summary(rows: list[dict]) -> list[dict]:
	scored = [row["total_score"] for row in rows if row["total_score"] is not None]
	return [
		{"label": _("Cadres"), "value": len({row["cadre"] for row in rows}), "indicator": "Blue"},
		{
			"label": _("Average Total Score"),
			"value": round(sum(scored) / len(scored), 2) if scored else 0,
			"indicator": "Green",
		},  # fmt: skip
		{
			"label": _("Open Adjustment Cases"),
			"value": len({row["open_case"] for row in rows if row["open_case"]}),
			"indicator": "Red",
		},  # fmt: skip
	]
