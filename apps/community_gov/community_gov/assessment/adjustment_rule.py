"""The two-year-fail rule (BRIEF R1) applied to the database, set-based.

`apply_adjustment_rule` reads the approved assessments and the cases of the given cadres (or of all
cadres) in one query each, lets `community_gov.rules.assessment.evaluate` decide, then opens the missing
cases and withdraws the broken ones (`cases`) and tells the department (`case_notifications`), in a fixed
number of statements.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import frappe
from frappe import _
from pypika.terms import Criterion, Term

from community_gov.assessment.case_notifications import notify_cases_opened
from community_gov.assessment.cases import CadreDetails, CaseToOpen, open_cases, withdraw_cases
from community_gov.assessment.common import get_covered_positions, get_rule_settings
from community_gov.query_utils import in_names
from community_gov.rules.assessment import HAND_OPENED_BASES, CaseRef, RuleSettings, YearResult, evaluate


@dataclass
class RuleOutcome:
	opened: list[str] = field(default_factory=list)
	withdrawn: list[str] = field(default_factory=list)
	at_risk: list[str] = field(default_factory=list)
	evaluated: int = 0


def may_count_as_failed(assessment, settings: RuleSettings) -> Criterion:
	"""Results (rows of `assessment`, an Annual Assessment table) that can count as a failed year under the
	satisfaction setting (`rules.assessment.is_failed_year` decides; this only has to keep every one it may
	accept)."""
	failed = assessment.grade == "Fail"
	if settings.satisfaction_rule == "Counts as Fail":
		failed |= assessment.satisfaction_rate < settings.satisfaction_threshold
	return failed


def candidate_cadres(settings: RuleSettings) -> Term:
	"""The cadres the rule can act on, as a subquery: those with an approved failed year (as the settings
	count one) or with a case. Any other cadre has no run of failed years, is not at risk and has no case to
	withdraw, so the sweep need not read its history: at province scale that is most of the assessments."""
	assessment = frappe.qb.DocType("Annual Assessment")
	case = frappe.qb.DocType("Adjustment Case")
	with_failed_year = (
		frappe.qb.from_(assessment)
		.select(assessment.cadre)
		.where((assessment.docstatus == 1) & may_count_as_failed(assessment, settings))
	)
	with_case = frappe.qb.from_(case).select(case.cadre)
	return with_failed_year.union(with_case)


def load_histories(cadres: list[str] | None, settings: RuleSettings) -> dict[str, list[YearResult]]:
	"""Approved assessments of cadres in covered positions, oldest first (a year's newest result last, the
	one the rule reads): one query, plain tuples. `cadres=None`: every cadre the rule can act on
	(`candidate_cadres`); a province-sized list may return other cadres too (`in_names`)."""
	assessment = frappe.qb.DocType("Annual Assessment")
	cadre = frappe.qb.DocType("Cadre")
	if cadres is None:
		# A derived table, read once: as `cadre IN (… UNION …)` MariaDB would run it once per assessment.
		candidate = candidate_cadres(settings).as_("candidate")
		query = frappe.qb.from_(candidate).join(assessment).on(assessment.cadre == candidate.cadre)
	else:
		query = frappe.qb.from_(assessment)
	query = (
		query.join(cadre)
		.on(cadre.name == assessment.cadre)
		.select(
			assessment.cadre,
			assessment.year,
			assessment.grade,
			assessment.satisfaction_rate,
			assessment.total_score,
			assessment.name,
			assessment.modified,
		)
		.where((assessment.docstatus == 1) & cadre.position.isin(get_covered_positions() or [""]))
	)
	if cadres is not None:
		query = query.where(in_names(assessment.cadre, cadres))
	# Ordered here, not by the database: a sort of the whole result there costs more than these per cadre.
	rows = sorted(query.run(), key=lambda row: (row[0], row[1], row[6]))
	histories: dict[str, list[YearResult]] = defaultdict(list)
	for cadre_name, year, grade, satisfaction_rate, total_score, name, _modified in rows:
		histories[cadre_name].append(
			YearResult(
				year=year,
				grade=grade,
				satisfaction_rate=satisfaction_rate,
				total_score=total_score,
				assessment=name,
			)
		)
	return histories


def load_cases(cadres: list[str] | None) -> dict[str, list[CaseRef]]:
	case = frappe.qb.DocType("Adjustment Case")
	query = frappe.qb.from_(case).select(case.name, case.cadre, case.trigger_year, case.status, case.basis)
	if cadres is not None:
		query = query.where(case.cadre.isin(cadres or [""]))
	cases: dict[str, list[CaseRef]] = defaultdict(list)
	for row in query.run(as_dict=True):
		cases[row.cadre].append(
			CaseRef(
				name=row.name,
				trigger_year=row.trigger_year,
				status=row.status,
				by_hand=row.basis in HAND_OPENED_BASES,
			)
		)
	return cases


def load_cadre_details(cadres: list[str]) -> dict[str, CadreDetails]:
	"""Who and where, for the few cadres the rule acts on: one query."""
	if not cadres:
		return {}
	rows = frappe.get_all(
		"Cadre",
		filters={"name": ("in", cadres)},
		fields=["name", "full_name", "position", "community", "sub_district"],
	)
	return {
		row.name: CadreDetails(
			cadre=row.name,
			full_name=row.full_name,
			position=row.position,
			community=row.community,
			sub_district=row.sub_district,
		)
		for row in rows
	}


def apply_adjustment_rule(
	cadres: list[str] | None = None, withdrawal_reason: str | None = None
) -> RuleOutcome:
	"""Open and withdraw Adjustment Cases so that they match the assessments. `cadres=None`: everyone."""
	settings = get_rule_settings()
	histories = load_histories(cadres, settings)
	cases = load_cases(cadres)
	evaluated = set(histories) | set(cases)
	if cadres is not None:
		evaluated &= set(cadres)
	outcome = RuleOutcome()
	runs_to_open = []
	to_withdraw: list[str] = []
	for cadre in evaluated:
		evaluation = evaluate(histories.get(cadre, ()), cases.get(cadre, ()), settings)
		outcome.evaluated += 1
		if evaluation.at_risk:
			outcome.at_risk.append(cadre)
		runs_to_open.extend((cadre, run) for run in evaluation.to_open)
		to_withdraw.extend(withdrawal.case for withdrawal in evaluation.to_withdraw)
	details = load_cadre_details(sorted({cadre for cadre, _run in runs_to_open}))
	to_open = [
		CaseToOpen(person=details[cadre], run=run, existing=cases[cadre]) for cadre, run in runs_to_open
	]

	outcome.withdrawn = withdraw_cases(
		to_withdraw, withdrawal_reason or _("The consecutive failed years no longer hold")
	)
	opened = open_cases(to_open)
	notify_cases_opened(opened)
	outcome.opened = [case.name for case in opened]
	return outcome
