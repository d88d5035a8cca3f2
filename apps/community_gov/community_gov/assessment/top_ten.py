"""The Top Ten Secretaries ranking (十佳社区党组织书记, seed 004), computed once for the Top Ten Secretaries report
and for conferring the title (`community_gov.assessment.commendations`), so both see the same secretaries in
the same order: the active community party secretaries ranked by a composite score over a window of years
(default: the 3 years ending with the latest year with approved assessments).

Composite score (0..100), the three weights in percent adding up to 100 (default 60 / 20 / 20):

	score_weight% x average total score of the approved annual assessments in the window
	+ satisfaction_weight% x average residents' satisfaction of those assessments
	+ training_weight% x training score,

	training score = 100 x min(1, attended training hours in the window / (training years x 24)),

i.e. 24 attended hours a year on average earn the full training score, over the years of the window with
training on record. Hours count when the attendance is "Attended" in a submitted session whose year is in the
window. A window without any training on record (e.g. years before the district kept its training here)
cannot weigh training: its weight goes to the other two in proportion, and the message says so. With no weight
given the defaults apply; with some given, a missing one counts as 0 (the desk leaves a filter set to 0 out of
the request).

Left out: secretaries without an approved assessment in the window, anyone graded Fail in an approved
assessment of the window, and anyone with an undecided adjustment case (Proposed / Under Review). The rest are
ranked 1..limit by composite score, ties broken by the average total score and then by the cadre's ID. The
rule itself is `community_gov.rules.ranking`.

Set-based, whatever the number of secretaries: one query for the secretaries the user may see
(`community_gov.cadres.cadre_criterion`) with their approved assessments of the window and their attended
training hours (Cadre Training Year) totalled by the database, one for their open cases, one for the years
with training on record; then only the few secretaries that can rank among the first ones
(`rules.ranking.shortlist`) have their assessments loaded and ranked (one query).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import cint, flt

from community_gov.cadres import cadre_criterion
from community_gov.constants import SECRETARY
from community_gov.report_filters import latest_assessment_year, report_year, report_year_span, training_years
from community_gov.rules.assessment import OPEN_CASE_STATUSES
from community_gov.rules.ranking import (
	FAIL,
	Candidate,
	RankingWeights,
	WindowTotals,
	YearScore,
	exclusion,
	exclusion_of_totals,
	rank_secretaries,
	shortlist,
	weights_add_up,
	window,
)
from community_gov.scorecard import approved_assessments
from community_gov.training.compliance import column
from community_gov.training.summary import SUMMARY

DEFAULT_WINDOW_YEARS = 3
DEFAULT_LIMIT = 10
DEFAULT_WEIGHTS = {"score_weight": 60, "satisfaction_weight": 20, "training_weight": 20}


@dataclass(frozen=True)
class Ranking:
	"""What the ranking rests on: the checked filters and the candidates with their figures."""

	year: int
	window_years: int
	first_year: int
	last_year: int
	weights: RankingWeights
	limit: int
	years_with_training: int
	considered: int  # the secretaries the user may see
	reasons: Counter  # why each was left out (None: eligible), counted
	candidates: list[Candidate]  # those that can rank among the first `limit` (rules.ranking.shortlist)
	secretaries: dict[str, frappe._dict]  # their names, communities and sub-districts


def get_ranking(filters) -> Ranking:
	year, window_years, weights, limit = get_parameters(filters)
	first_year, last_year = window(year, window_years)
	years_with_training = len(training_years(first_year, last_year))
	if not years_with_training:
		weights = weights_without_training(weights, first_year, last_year)
	cadre = frappe.qb.DocType("Cadre")
	totals = get_window_totals(cadre, secretaries_criterion(cadre, filters), first_year, last_year)
	chosen = shortlist(totals, weights, window_years, limit, years_with_training)
	secretaries, results = get_shortlisted(cadre, chosen, first_year, last_year)
	candidates = {
		row.cadre: Candidate(
			cadre=row.cadre,
			results=tuple(results.get(row.cadre, ())),
			training_hours=row.training_hours,
			has_open_case=row.has_open_case,
		)
		for row in totals
		if row.cadre in chosen
	}
	reasons = Counter(
		exclusion_of_totals(row) if row.exact else exclusion(candidates[row.cadre], year, window_years)
		for row in totals
	)
	return Ranking(
		year,
		window_years,
		first_year,
		last_year,
		weights,
		limit,
		years_with_training,
		len(totals),
		reasons,
		list(candidates.values()),
		secretaries,
	)


def ranked_rows(ranking: Ranking) -> list[dict]:
	ranked = rank_secretaries(
		ranking.candidates,
		ranking.weights,
		ranking.year,
		ranking.window_years,
		ranking.limit,
		ranking.years_with_training,
	)
	return [
		{
			"rank": item.rank,
			"cadre": item.cadre,
			"full_name": ranking.secretaries[item.cadre].full_name,
			"community": ranking.secretaries[item.cadre].community,
			"sub_district": ranking.secretaries[item.cadre].sub_district,
			"average_score": item.average_score,
			"average_satisfaction": item.average_satisfaction,
			"training_hours": item.training_hours if ranking.years_with_training else None,
			"composite_score": item.composite_score,
		}
		for item in ranked
	]


def _number(filters, fieldname: str, default, convert=cint):
	value = filters.get(fieldname)
	return default if value is None or value == "" else convert(value)


def get_parameters(filters) -> tuple[int, int, RankingWeights, int]:
	"""The filters with their defaults, refusing what the ranking cannot use with a translated message."""
	year = report_year(filters, "year", _("Year"), None) or latest_assessment_year()
	window_years = report_year_span(
		_number(filters, "window_years", DEFAULT_WINDOW_YEARS), _("Window (Years)")
	)
	limit = _number(filters, "limit", DEFAULT_LIMIT)
	if limit < 1:
		frappe.throw(_("{0} must be at least 1").format(_("Number to Rank")), title=_("Invalid Filter"))
	weights = get_weights(filters)
	labels = weight_labels()
	for field, value in weights.items():
		if value < 0:
			frappe.throw(_("{0} must not be negative").format(labels[field]), title=_("Invalid Weights"))
	if not weights_add_up(*weights.values()):
		frappe.throw(
			_("The weights must add up to 100, but {0} + {1} + {2} = {3}").format(
				*(f"{value:g}" for value in (*weights.values(), sum(weights.values())))
			),
			title=_("Invalid Weights"),
		)
	return (
		year,
		window_years,
		RankingWeights(weights["score_weight"], weights["satisfaction_weight"], weights["training_weight"]),
		limit,
	)


def get_weights(filters) -> dict[str, float]:
	"""No weight given: the defaults. Some given: a missing one is 0 (the desk leaves out a filter set to 0)."""
	if all(filters.get(field) in (None, "") for field in DEFAULT_WEIGHTS):
		return {field: flt(default) for field, default in DEFAULT_WEIGHTS.items()}
	return {field: _number(filters, field, 0.0, flt) for field in DEFAULT_WEIGHTS}


def weights_without_training(weights: RankingWeights, first_year: int, last_year: int) -> RankingWeights:
	"""The weights for a window without training on record (its weight shared by the other two)."""
	try:
		return weights.without_training()
	except ValueError:
		frappe.throw(
			_("No training is on record for {0}–{1}, so the ranking cannot rest on training alone").format(
				first_year, last_year
			),
			title=_("Invalid Weights"),
		)


def weight_labels() -> dict[str, str]:
	return {
		"score_weight": _("Assessment Score Weight (%)"),
		"satisfaction_weight": _("Satisfaction Weight (%)"),
		"training_weight": _("Training Weight (%)"),
	}


def secretaries_criterion(cadre, filters):
	"""Active secretaries the user may see, as a condition on `cadre` (a Cadre table)."""
	return cadre_criterion(cadre, {"sub_district": filters.sub_district, "position": SECRETARY}, "Active")


def get_window_totals(cadre, criterion, first_year: int, last_year: int) -> list[WindowTotals]:
	"""Each secretary of `criterion` with its approved assessments of the window totalled and its attended
	hours in submitted sessions of the window (one query: the secretaries joined to their assessments and
	their training per year, each totalled by cadre), and whether it has an open case (one query)."""
	assessment = frappe.qb.DocType("Annual Assessment")
	results = (
		frappe.qb.from_(assessment)
		.select(
			assessment.cadre,
			Count("*").as_("assessments"),
			Count(assessment.year).distinct().as_("years"),
			Max(Case().when(assessment.grade == FAIL, 1).else_(0)).as_("failed"),
			Sum(assessment.total_score).as_("total_score"),
			Sum(assessment.satisfaction_rate).as_("satisfaction"),
			Count(assessment.satisfaction_rate).as_("satisfaction_count"),
		)
		.where((assessment.docstatus == 1) & (assessment.year >= first_year) & (assessment.year <= last_year))
		.groupby(assessment.cadre)
	)
	summary = frappe.qb.DocType(SUMMARY)
	training = (
		frappe.qb.from_(summary)
		.select(summary.cadre, Sum(summary.completed_hours).as_("hours"))
		.where((summary.year >= first_year) & (summary.year <= last_year))
		.groupby(summary.cadre)
	)
	rows = (
		frappe.qb.from_(cadre)
		.left_join(results)
		.on(results.cadre == cadre.name)
		.left_join(training)
		.on(training.cadre == cadre.name)
		.select(
			cadre.name,
			*(
				column(results, name)
				for name in (
					"assessments",
					"years",
					"failed",
					"total_score",
					"satisfaction",
					"satisfaction_count",
				)
			),
			column(training, "hours"),
		)
		.where(criterion)
		.run()
	)
	open_cases = get_open_case_cadres(cadre, criterion)
	return [
		WindowTotals(
			cadre=name,
			assessments=int(assessments or 0),
			years=int(years or 0),
			failed=bool(failed),
			total_score=flt(total_score),
			satisfaction=flt(satisfaction),
			satisfaction_count=int(satisfaction_count or 0),
			training_hours=flt(hours),
			has_open_case=name in open_cases,
		)
		for name, assessments, years, failed, total_score, satisfaction, satisfaction_count, hours in rows
	]


def get_shortlisted(
	cadre, names: set[str], first_year: int, last_year: int
) -> tuple[dict[str, frappe._dict], dict[str, list[YearScore]]]:
	"""The shortlisted secretaries (their name, community and sub-district) and their approved assessments of
	the window, wherever they were made: one query."""
	secretaries, results = {}, defaultdict(list)
	if not names:
		return secretaries, results
	for row in approved_assessments(
		cadre,
		cadre.name.isin(sorted(names)),
		first_year,
		last_year,
		(cadre.full_name, cadre.community, cadre.sub_district),
	):
		secretaries[row.cadre] = frappe._dict(
			full_name=row.full_name, community=row.community, sub_district=row.sub_district
		)
		results[row.cadre].append(
			YearScore(
				year=row.year,
				total_score=flt(row.total_score),
				satisfaction_rate=None if row.satisfaction_rate is None else flt(row.satisfaction_rate),
				grade=row.grade,
			)
		)
	return secretaries, results


def get_open_case_cadres(cadre, criterion) -> set[str]:
	"""Secretaries with an undecided adjustment case, of any year: one query."""
	case = frappe.qb.DocType("Adjustment Case")
	rows = (
		frappe.qb.from_(case)
		.join(cadre)
		.on(cadre.name == case.cadre)
		.select(case.cadre)
		.distinct()
		.where(criterion & case.status.isin(OPEN_CASE_STATUSES))
		.run(pluck=True)
	)
	return set(rows)
