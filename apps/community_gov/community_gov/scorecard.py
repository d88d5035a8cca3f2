"""The scorecard of cadres (书记计分卡): per cadre and year the total score, grade, satisfaction, target-area
scores, training hours and R6 compliance, reserve mentees and open adjustment case.

Shared by the Cadre Scorecard report, the printed scorecard and the personal file on the Cadre form.
Set-based: one query per table whatever the number of cadres and years. The records are read for the
person wherever they were made (the rules follow the person, not the post); callers decide who the cadres
are and check that the user may see them.
"""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Count, Sum

from community_gov.constants import SECRETARY, TARGET_AREAS
from community_gov.dates import current_year
from community_gov.query_utils import in_names
from community_gov.report_filters import MAX_REPORT_YEARS, training_years
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules.assessment import OPEN_CASE_STATUSES
from community_gov.rules.training import compliance
from community_gov.training.common import get_training_settings
from community_gov.training.compliance import load_records

AREA_FIELDS = {area: frappe.scrub(area) for area in TARGET_AREAS}
CADRE_FIELDS = ("name", "full_name", "position", "community", "sub_district")


def scorecard_rows(cadres: list[frappe._dict], from_year: int, to_year: int) -> list[dict]:
	"""One row per cadre (dicts with CADRE_FIELDS) and year, oldest year first. A year without any training
	on record leaves hours and compliance blank (unknown, not zero). The grade is the stored value: callers
	translate it where they show it."""
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
			result = compliance(records.get(cadre.name, ()), year, cadre.position == SECRETARY, settings)
			known = year in with_training
			row = {
				"cadre": cadre.name,
				"full_name": cadre.full_name,
				"community": cadre.community,
				"sub_district": cadre.sub_district,
				"year": year,
				"total_score": assessment.total_score if assessment else None,
				"grade": assessment.grade if assessment else "",
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


def cadre_scorecard(cadre, years: int = 4) -> list[dict]:
	"""One cadre's last `years` assessed years (up to last year), as the printed scorecard shows them."""
	last = current_year() - 1
	return scorecard_rows([_cadre_fields(cadre)], last - years + 1, last)


def cadre_history(cadre) -> list[dict]:
	"""One cadre's years, newest first, for the personal file: those since the cadre is known to serve (the
	service start, the first approved assessment or attended training), at most MAX_REPORT_YEARS up to this
	year, with an approved assessment or training on record."""
	last = current_year()
	rows = scorecard_rows([_cadre_fields(cadre)], last - MAX_REPORT_YEARS + 1, last)
	known = [row["year"] for row in rows if row["total_score"] is not None or row["training_hours"]]
	if cadre.get("service_start_date"):
		known.append(frappe.utils.getdate(cadre.service_start_date).year)
	first = min(known, default=last)
	return [
		row
		for row in reversed(rows)
		if row["year"] >= first and (row["total_score"] is not None or row["training_hours"] is not None)
	]


def _cadre_fields(cadre) -> frappe._dict:
	return frappe._dict({field: cadre.get(field) for field in CADRE_FIELDS})


def approved_assessments(cadres: list[str], from_year: int, to_year: int) -> list[frappe._dict]:
	"""The approved assessments of the cadres in the years, wherever they were made (one query), by cadre and
	year; the scorecards and the Top Ten ranking read them from here."""
	if not cadres:
		return []
	assessment = frappe.qb.DocType("Annual Assessment")
	return (
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
		.orderby(assessment.cadre)
		.orderby(assessment.year)
		.orderby(assessment.modified)
		.run(as_dict=True)
	)


def load_assessments(cadres: list[str], from_year: int, to_year: int) -> dict:
	return {(row.cadre, row.year): row for row in approved_assessments(cadres, from_year, to_year)}


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
