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

from functools import cache

import frappe
from frappe.query_builder.functions import Count

from community_gov.constants import AREA_FIELDS, SECRETARY
from community_gov.dates import current_year
from community_gov.query_utils import PACK_SEPARATOR, packed
from community_gov.report_filters import MAX_REPORT_YEARS, training_years
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules.assessment import OPEN_CASE_STATUSES
from community_gov.training.common import get_training_settings
from community_gov.training.compliance import central_sessions, compliance_judge
from community_gov.training.summary import SUMMARY

CADRE_FIELDS = ("name", "full_name", "position", "community", "sub_district")
# A year's figures, in this order: the area percentages are kept on the assessment (calculate_area_scores),
# `scored_areas` says which of them have targets.
ASSESSMENT_FIELDS = ("total_score", "grade", "satisfaction_rate", *AREA_FIELDS.values(), "scored_areas")
YEAR_WIDTH = len(ASSESSMENT_FIELDS)


def scorecard_rows(cadre, criterion, from_year: int, to_year: int, order_by: tuple = ()) -> list[dict]:
	"""One row per cadre of `criterion` (a condition on `cadre`, a Cadre table) and year, oldest year first,
	the cadres in the order of their `order_by` fields (of CADRE_FIELDS). A year without any training on record leaves hours and
	compliance blank (unknown, not zero). The grade is the stored value: callers translate it where they show
	it. Every query joins the cadres, so the database narrows by index."""
	settings = get_training_settings()
	years = list(range(from_year, to_year + 1))
	# Training from the first year of the first year's rotation period: R6's rotation looks back that far.
	training_from = from_year - settings.rotation_period_years + 1
	query = frappe.qb.from_(cadre)
	query, training_fields = join_training_years(query, cadre, range(training_from, to_year + 1), settings)
	query, assessment_fields = join_assessments(query, cadre, years)
	query = query.select(
		*(cadre[field] for field in CADRE_FIELDS), packed([*training_fields, *assessment_fields])
	).where(criterion)
	cadres = query.run()
	if not cadres:
		return []
	if order_by:
		# Sorted here rather than by MariaDB, which would sort the province's wide rows on disk.
		positions = [CADRE_FIELDS.index(field) for field in order_by]
		cadres = sorted(cadres, key=lambda row: tuple(row[position] or "" for position in positions))
	with_training = training_years(from_year, to_year)
	mentees = load_mentees(cadre, criterion)
	open_cases = load_open_cases(cadre, criterion)
	judge = packed_compliance_judge(settings, training_from)
	training_width = 3 * (to_year - training_from + 1)
	rows = []
	for name, full_name, position, community, sub_district, packed_figures in cadres:
		is_secretary = position == SECRETARY
		values = packed_figures.split(PACK_SEPARATOR)
		mentee_count = mentees.get(name, 0)
		open_case = open_cases.get(name, "")
		for index, year in enumerate(years):
			if year in with_training:
				hours, compliant = judge(year, is_secretary, tuple(values[: 3 * (year - training_from + 1)]))
			else:
				hours = compliant = None
			start = training_width + YEAR_WIDTH * index
			total_score, grade, satisfaction_rate, *area_values, scored_areas = values[
				start : start + YEAR_WIDTH
			]
			row = {
				"cadre": name,
				"full_name": full_name,
				"community": community,
				"sub_district": sub_district,
				"mentees": mentee_count,
				"open_case": open_case,
				"year": year,
				"total_score": float(total_score) if total_score else None,
				"grade": grade,
				"satisfaction_rate": float(satisfaction_rate) if satisfaction_rate else None,
				"training_hours": hours,
				"training_compliant": compliant,
			}
			row.update(area_scores(scored_areas, area_values))
			rows.append(row)
	return rows


AREA_COLUMNS = tuple(AREA_FIELDS.values())
EVERY_AREA_SCORED = ",".join(AREA_COLUMNS)


def area_scores(scored_areas: str, values: list[str]) -> dict:
	"""A year's area columns from its packed strings (stored to one decimal): the percentage of each area with
	targets, else None (an area without targets, or no approved assessment)."""
	if scored_areas == EVERY_AREA_SCORED:
		return dict(zip(AREA_COLUMNS, map(float, values), strict=True))
	scored = scored_areas.split(",") if scored_areas else ()
	return {
		field: float(value) if field in scored else None
		for field, value in zip(AREA_COLUMNS, values, strict=True)
	}


def join_training_years(query, cadre, years: range, settings) -> tuple:
	"""`query` (from `cadre`, a Cadre table) joined to each cadre's Cadre Training Year of each of `years`, one
	join per year through the (cadre, year, figures) index; with the fields to select, by year: centralized
	sessions (at or above the minimum level), attended hours, rotation sessions. A grouped derived table
	instead costs a temporary table per cadre."""
	fields = []
	for year in years:
		summary = frappe.qb.DocType(SUMMARY).as_(f"training_{year}")
		query = query.left_join(summary).on((summary.cadre == cadre.name) & (summary.year == year))
		fields += [central_sessions(summary, settings), summary.attended_hours, summary.rotation_sessions]
	return query, fields


def join_assessments(query, cadre, years: list[int]) -> tuple:
	"""`query` (from `cadre`, a Cadre table) joined to each cadre's approved assessment of each of `years`, one
	join per year through the (cadre, year, figures) index (a cadre has one approved assessment a year); with
	the fields to select, by year. A grouped derived table instead costs a temporary table per cadre."""
	fields = []
	for year in years:
		assessment = frappe.qb.DocType("Annual Assessment").as_(f"assessment_{year}")
		query = query.left_join(assessment).on(
			(assessment.cadre == cadre.name) & (assessment.year == year) & (assessment.docstatus == 1)
		)
		fields += [assessment[field] for field in ASSESSMENT_FIELDS]
	return query, fields


def packed_compliance_judge(settings, training_from: int):
	"""`compliance_judge` on the training strings of a packed row ('' for NULL): (central sessions, attended
	hours, rotation sessions) of each year since `training_from`, up to the year judged → (hours, compliant as
	0/1); once per distinct history, as most cadres of a province share theirs."""
	judge = compliance_judge(settings)
	period = settings.rotation_period_years

	@cache
	def judge_packed(year: int, is_secretary: bool, history: tuple[str, ...]) -> tuple:
		central, hours, _rotation = history[-3:]
		rotation_years = [
			training_from + index // 3
			for index in range(2, len(history), 3)
			if history[index] and float(history[index]) > 0 and training_from + index // 3 > year - period
		]
		result = judge(
			year,
			is_secretary,
			int(float(central)) if central else None,
			max(rotation_years, default=None),
			float(hours) if hours else None,
		)
		return result.hours, int(result.compliant)

	return judge_packed


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
