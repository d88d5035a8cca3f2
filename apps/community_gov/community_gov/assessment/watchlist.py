"""Who is at risk under the two-year-fail rule (BRIEF R1): the one answer of the Adjustment Watchlist report,
the workspace's "At-Risk Cadres" number card and the `get_watchlist` API.

At risk: an active cadre in a covered position, visible to the user (`cadres.cadre_criterion`: a reviewer
sees its own sub-districts), whose latest approved year counts as failed while the run of failed years is
still shorter than the limit, so no case is due yet. The rule is the one that opens the cases
(`community_gov.rules.assessment.evaluate`, with the satisfaction setting), on the same histories as
`adjustment_rule.load_histories` reads (approved years, oldest first, a year's newest result last). Cadres
no longer active (retired, adjusted) are not at risk: the watch-list is about the people in post.

One query, whatever the number of cadres: the database narrows the watched cadres to those whose latest
approved year has a failed result (a few percent of them) and returns only their histories; the rule then
decides on those. A sub-district reads its own cadres through the Cadre index on the sub-district and
their assessments through the Annual Assessment indexes on (grade, docstatus, cadre, year) and on
(cadre, year, ...); the whole province starts from its failed results, through the first of these.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from pypika.terms import Criterion, ExistsCriterion

from community_gov.assessment.adjustment_rule import may_count_as_failed
from community_gov.assessment.common import get_covered_positions, get_rule_settings
from community_gov.cadres import cadre_criterion
from community_gov.rules.assessment import RuleSettings, YearResult, evaluate


@dataclass(frozen=True)
class AtRiskCadre:
	"""An at-risk cadre with the failed latest year that puts it on the list."""

	cadre: str
	full_name: str
	position: str
	community: str | None
	sub_district: str | None
	year: int
	grade: str
	total_score: float | None
	satisfaction_rate: float | None
	assessment: str | None


def at_risk_cadres(sub_district: str | None = None, year: int | None = None) -> list[AtRiskCadre]:
	"""The cadres at risk within the user's access, optionally of one sub-district and with the failed latest
	year `year`, in the order of the watch-list (sub-district, community, name): one query whatever the
	number of cadres (besides the cached settings and the user's access scope)."""
	settings = get_rule_settings()
	at_risk = []
	for cadre_rows in group_by_cadre(latest_failed_histories(sub_district, year, settings)):
		name, full_name, position, community, sub_district_of_cadre = cadre_rows[0][:5]
		history = [
			YearResult(
				year=row[5], grade=row[6], satisfaction_rate=row[7], total_score=row[8], assessment=row[9]
			)
			for row in cadre_rows
		]
		if not evaluate(history, (), settings).at_risk:
			continue
		latest = history[-1]  # oldest first, the latest year's newest result last: the one the rule reads
		if year and latest.year != year:
			continue
		at_risk.append(
			AtRiskCadre(
				cadre=name,
				full_name=full_name,
				position=position,
				community=community,
				sub_district=sub_district_of_cadre,
				year=latest.year,
				grade=latest.grade,
				total_score=latest.total_score,
				satisfaction_rate=latest.satisfaction_rate,
				assessment=latest.assessment,
			)
		)
	return at_risk


def latest_failed_histories(
	sub_district: str | None, year: int | None, settings: RuleSettings
) -> list[tuple]:
	"""The approved histories (cadre, year, modified order) of the watched cadres that have an approved
	result that may count as failed (of `year`, when given) with no approved result in a later year: every
	at-risk cadre has one. The failed result joins the cadre, so the database starts from whichever is
	narrower: the sub-district's cadres (Cadre index on the sub-district, then the Annual Assessment indexes
	on (grade, docstatus, cadre, year) and (cadre, year, ...)) or the province's failed results (the first
	of these)."""
	cadre = frappe.qb.DocType("Cadre")
	failed = frappe.qb.DocType("Annual Assessment").as_("failed_year")
	later = frappe.qb.DocType("Annual Assessment").as_("later_year")
	history = frappe.qb.DocType("Annual Assessment").as_("history")
	later_years = (
		frappe.qb.from_(later)
		.select(later.name)
		.where((later.cadre == failed.cadre) & (later.docstatus == 1) & (later.year > failed.year))
	)
	watched = cadre_criterion(
		cadre, {"sub_district": sub_district, "positions": get_covered_positions()}, "Active"
	)
	query = (
		frappe.qb.from_(failed)
		.join(cadre)
		.on(cadre.name == failed.cadre)
		.join(history)
		.on((history.cadre == cadre.name) & (history.docstatus == 1))
		.select(
			cadre.name,
			cadre.full_name,
			cadre.position,
			cadre.community,
			cadre.sub_district,
			history.year,
			history.grade,
			history.satisfaction_rate,
			history.total_score,
			history.name,
		)
		.where(
			watched
			& (failed.docstatus == 1)
			& may_count_as_failed(failed, settings)
			& ~ExistsCriterion(later_years)
		)
		.orderby(
			cadre.sub_district,
			cadre.community,
			cadre.full_name,
			cadre.name,
			history.year,
			history.modified,
			history.name,
		)
	)
	if year:
		query = query.where(failed.year == year)
	return query.run()


def group_by_cadre(rows) -> list[list[tuple]]:
	"""Rows ordered by cadre, as one list per cadre. A cadre with two failed results in its latest year
	(which should not exist) comes back once per result: its repeated rows are dropped."""
	groups: list[list[tuple]] = []
	seen: set[str] = set()
	for row in rows:
		if groups and groups[-1][0][0] == row[0]:
			if row[9] not in seen:
				groups[-1].append(row)
		else:
			groups.append([row])
			seen = set()
		seen.add(row[9])
	return groups
