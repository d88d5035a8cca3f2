"""The scorecard of cadres (书记计分卡): per cadre and year the total score, grade, satisfaction, target-area
scores, training hours and R6 compliance, reserve mentees and open adjustment case.

Shared by the Cadre Scorecard report, the printed scorecard and the personal file on the Cadre form.
Set-based: one query per table whatever the number of cadres and years, each joining the cadres (a
condition on Cadre) so the database reads only their rows through its indexes; training from each cadre's
training per year (Cadre Training Year). The records are read for the person wherever they were made (the
rules follow the person, not the post); callers decide who the cadres are and check that the user may see
them.
"""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Count, Sum

from community_gov.constants import SECRETARY, TARGET_AREAS
from community_gov.dates import current_year
from community_gov.report_filters import MAX_REPORT_YEARS, training_years
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules.assessment import OPEN_CASE_STATUSES
from community_gov.training.common import get_training_settings
from community_gov.training.compliance import compliance_judge, training_by_year, year_fields

AREA_FIELDS = {area: frappe.scrub(area) for area in TARGET_AREAS}
CADRE_FIELDS = ("name", "full_name", "position", "community", "sub_district")


def scorecard_rows(cadre, criterion, from_year: int, to_year: int, order_by: tuple = ()) -> list[dict]:
	"""One row per cadre of `criterion` (a condition on `cadre`, a Cadre table) and year, oldest year first,
	the cadres in the order of their `order_by` fields. A year without any training on record leaves hours and
	compliance blank (unknown, not zero). The grade is the stored value: callers translate it where they show
	it. Every query joins the cadres, so the database narrows by index."""
	settings = get_training_settings()
	years = list(range(from_year, to_year + 1))
	training = training_by_year(years, settings)
	query = (
		frappe.qb.from_(cadre)
		.left_join(training)
		.on(training.cadre == cadre.name)
		.select(
			*(cadre[field] for field in CADRE_FIELDS), *(f for y in years for f in year_fields(training, y))
		)
		.where(criterion)
	)
	for field in order_by:
		query = query.orderby(cadre[field])
	cadres = query.run()
	if not cadres:
		return []
	assessments = load_assessments(cadre, criterion, from_year, to_year)
	areas = load_area_scores(cadre, criterion, from_year, to_year)
	with_training = training_years(from_year, to_year)
	mentees = load_mentees(cadre, criterion)
	open_cases = load_open_cases(cadre, criterion)
	judge = compliance_judge(settings)
	no_assessment = (None, "", None)
	no_areas = {field: None for field in AREA_FIELDS.values()}
	rows = []
	for name, full_name, position, community, sub_district, *training_values in cadres:
		is_secretary = position == SECRETARY
		cadre_values = {
			"cadre": name,
			"full_name": full_name,
			"community": community,
			"sub_district": sub_district,
			"mentees": mentees.get(name, 0),
			"open_case": open_cases.get(name, ""),
		}
		for index, year in enumerate(years):
			total_score, grade, satisfaction_rate = assessments.get((name, year), no_assessment)
			if year in with_training:
				central, rotation, hours = training_values[3 * index : 3 * index + 3]
				result = judge(year, is_secretary, central, rotation, hours)
				hours, compliant = result.hours, int(result.compliant)
			else:
				hours = compliant = None
			row = cadre_values.copy()
			row.update(
				year=year,
				total_score=total_score,
				grade=grade,
				satisfaction_rate=satisfaction_rate,
				training_hours=hours,
				training_compliant=compliant,
			)
			if areas:
				row.update({field: areas.get((name, year, area)) for area, field in AREA_FIELDS.items()})
			else:
				row.update(no_areas)
			rows.append(row)
	return rows


def cadre_scorecard(cadre, years: int = 4) -> list[dict]:
	"""One cadre's last `years` assessed years (up to last year), as the printed scorecard shows them."""
	last = current_year() - 1
	return _one_cadre(cadre, last - years + 1, last)


def cadre_history(cadre) -> list[dict]:
	"""One cadre's years, newest first, for the personal file: those since the cadre is known to serve (the
	service start, the first approved assessment or attended training), at most MAX_REPORT_YEARS up to this
	year, with an approved assessment or training on record."""
	last = current_year()
	rows = _one_cadre(cadre, last - MAX_REPORT_YEARS + 1, last)
	known = [row["year"] for row in rows if row["total_score"] is not None or row["training_hours"]]
	if cadre.get("service_start_date"):
		known.append(frappe.utils.getdate(cadre.service_start_date).year)
	first = min(known, default=last)
	return [
		row
		for row in reversed(rows)
		if row["year"] >= first and (row["total_score"] is not None or row["training_hours"] is not None)
	]


def _one_cadre(cadre, from_year: int, to_year: int) -> list[dict]:
	table = frappe.qb.DocType("Cadre")
	return scorecard_rows(table, table.name == cadre.name, from_year, to_year)


def approved_assessments(
	cadre, criterion, from_year: int, to_year: int, cadre_fields: tuple = ()
) -> list[frappe._dict]:
	"""The approved assessments in the years of the cadres of `criterion` (a condition on `cadre`, a Cadre
	table), wherever they were made (one query), by cadre and year, with the cadre's `cadre_fields` (columns
	of `cadre`); the scorecards and the Top Ten ranking read them from here."""
	assessment = frappe.qb.DocType("Annual Assessment")
	return (
		frappe.qb.from_(assessment)
		.join(cadre)
		.on(cadre.name == assessment.cadre)
		.select(
			assessment.cadre,
			assessment.year,
			assessment.total_score,
			assessment.grade,
			assessment.satisfaction_rate,
			*cadre_fields,
		)
		.where(
			criterion
			& (assessment.docstatus == 1)
			& (assessment.year >= from_year)
			& (assessment.year <= to_year)
		)
		.orderby(assessment.cadre)
		.orderby(assessment.year)
		.orderby(assessment.modified)
		.run(as_dict=True)
	)


def load_assessments(cadre, criterion, from_year: int, to_year: int) -> dict:
	"""(cadre, year) → (total score, grade, satisfaction) of the approved assessments in the years of the
	cadres of `criterion`, read from the index alone (a cadre has one approved assessment a year)."""
	assessment = frappe.qb.DocType("Annual Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.join(cadre)
		.on(cadre.name == assessment.cadre)
		.select(
			assessment.cadre,
			assessment.year,
			assessment.total_score,
			assessment.grade,
			assessment.satisfaction_rate,
		)  # fmt: skip
		.where(
			criterion
			& (assessment.docstatus == 1)
			& (assessment.year >= from_year)
			& (assessment.year <= to_year)
		)
		.run()
	)
	return {(name, year): (total, grade, satisfaction) for name, year, total, grade, satisfaction in rows}


def load_area_scores(cadre, criterion, from_year: int, to_year: int) -> dict:
	"""Each target area's score as a percentage of its weight."""
	assessment = frappe.qb.DocType("Annual Assessment")
	score = frappe.qb.DocType("Assessment Score")
	rows = (
		frappe.qb.from_(assessment)
		.join(cadre)
		.on(cadre.name == assessment.cadre)
		.join(score)
		.on((score.parent == assessment.name) & (score.parenttype == "Annual Assessment"))
		.select(assessment.cadre, assessment.year, score.area, Sum(score.score), Sum(score.weight))
		.where(
			criterion
			& (assessment.docstatus == 1)
			& (assessment.year >= from_year)
			& (assessment.year <= to_year)
		)
		.groupby(assessment.cadre, assessment.year, score.area)
		.run()
	)
	return {
		(cadre, year, area): round(got * 100 / weight, 1) for cadre, year, area, got, weight in rows if weight
	}


def load_mentees(cadre, criterion) -> dict[str, int]:
	reserve = frappe.qb.DocType("Reserve Candidate")
	rows = (
		frappe.qb.from_(reserve)
		.join(cadre)
		.on(cadre.name == reserve.mentor)
		.select(reserve.mentor, Count("*"))
		.where(criterion & reserve.status.isin(IN_POOL_STATUSES))
		.groupby(reserve.mentor)
		.run()
	)
	return dict(rows)


def load_open_cases(cadre, criterion) -> dict[str, str]:
	case = frappe.qb.DocType("Adjustment Case")
	rows = (
		frappe.qb.from_(case)
		.join(cadre)
		.on(cadre.name == case.cadre)
		.select(case.cadre, case.name)
		.where(criterion & case.status.isin(OPEN_CASE_STATUSES))
		.run()
	)
	return dict(rows)
