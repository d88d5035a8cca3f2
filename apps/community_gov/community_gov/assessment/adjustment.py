"""The two-year-fail rule (BRIEF R1) applied to the database, set-based.

`apply_adjustment_rule` reads the approved assessments and the cases of the given cadres (or of all
cadres) in one query each, lets `community_gov.rules.assessment.evaluate` decide, then opens the
missing cases and withdraws the broken ones in a fixed number of bulk statements.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import now as stamp_now

from community_gov.assessment.common import get_covered_positions, get_rule_settings
from community_gov.permissions import get_access_scope, require_roles
from community_gov.rules.assessment import (
	OPEN_CASE_STATUSES,
	CaseRef,
	Evaluation,
	FailRun,
	YearResult,
	evaluate,
)
from community_gov.text import bold

ORGANIZATION_ROLE = "Organization Department"


@dataclass
class RuleOutcome:
	opened: list[str] = field(default_factory=list)
	withdrawn: list[str] = field(default_factory=list)
	at_risk: list[str] = field(default_factory=list)
	evaluated: int = 0


def load_histories(
	cadres: list[str] | None, sub_districts: list[str] | None = None
) -> dict[str, list[YearResult]]:
	"""Approved assessments of cadres in covered positions, oldest first: one query, plain tuples
	(at province scale most of the sweep's time is reading these rows)."""
	assessment = frappe.qb.DocType("Annual Assessment")
	cadre = frappe.qb.DocType("Cadre")
	query = (
		frappe.qb.from_(assessment)
		.join(cadre)
		.on(cadre.name == assessment.cadre)
		.select(
			assessment.cadre,
			assessment.year,
			assessment.grade,
			assessment.satisfaction_rate,
			assessment.total_score,
			assessment.name,
		)
		.where((assessment.docstatus == 1) & cadre.position.isin(get_covered_positions() or [""]))
		.orderby(assessment.cadre)
		.orderby(assessment.year)
		.orderby(assessment.modified)
	)
	if cadres is not None:
		query = query.where(assessment.cadre.isin(cadres or [""]))
	if sub_districts is not None:
		query = query.where(cadre.sub_district.isin(sub_districts or [""]))
	histories: dict[str, list[YearResult]] = defaultdict(list)
	for cadre_name, year, grade, satisfaction_rate, total_score, name in query.run():
		histories[cadre_name].append(YearResult(year, grade, satisfaction_rate, total_score, name))
	return histories


def load_cadre_details(cadres: list[str]) -> dict[str, frappe._dict]:
	"""Who and where, for the few cadres the rule acts on: one query."""
	if not cadres:
		return {}
	rows = frappe.get_all(
		"Cadre",
		filters={"name": ("in", cadres)},
		fields=["name as cadre", "full_name", "position", "community", "sub_district"],
	)
	return {row.cadre: row for row in rows}


def load_cases(cadres: list[str] | None) -> dict[str, list[CaseRef]]:
	case = frappe.qb.DocType("Adjustment Case")
	query = frappe.qb.from_(case).select(case.name, case.cadre, case.trigger_year, case.status)
	if cadres is not None:
		query = query.where(case.cadre.isin(cadres or [""]))
	cases: dict[str, list[CaseRef]] = defaultdict(list)
	for row in query.run(as_dict=True):
		cases[row.cadre].append(CaseRef(name=row.name, trigger_year=row.trigger_year, status=row.status))
	return cases


def apply_adjustment_rule(
	cadres: list[str] | None = None, withdrawal_reason: str | None = None
) -> RuleOutcome:
	"""Open and withdraw Adjustment Cases so that they match the assessments. `cadres=None`: everyone."""
	settings = get_rule_settings()
	histories = load_histories(cadres)
	cases = load_cases(cadres)
	outcome = RuleOutcome()
	runs_to_open: list[tuple[str, FailRun]] = []
	to_withdraw: list[str] = []
	for cadre in set(histories) | set(cases):
		evaluation: Evaluation = evaluate(histories.get(cadre, ()), cases.get(cadre, ()), settings)
		outcome.evaluated += 1
		if evaluation.at_risk:
			outcome.at_risk.append(cadre)
		runs_to_open.extend((cadre, run) for run in evaluation.to_open)
		to_withdraw.extend(withdrawal.case for withdrawal in evaluation.to_withdraw)
	details = load_cadre_details(sorted({cadre for cadre, _run in runs_to_open}))
	to_open = [(details[cadre], run, cases[cadre]) for cadre, run in runs_to_open]

	outcome.withdrawn = withdraw_cases(
		to_withdraw, withdrawal_reason or _("The consecutive failed years no longer hold")
	)
	outcome.opened = open_cases(to_open)
	return outcome


def case_reason(person: frappe._dict, run: FailRun) -> str:
	years = "、".join(
		_("{0}: {1}, total {2}, satisfaction {3}%").format(
			result.year, _(result.grade), result.total_score, result.satisfaction_rate
		)
		for result in run.years
	)
	return _("{0} ({1}) failed the annual assessment in {2} consecutive years: {3}").format(
		person.full_name, _(person.position), len(run.years), years
	)


def case_name(cadre: str, trigger_year: int, existing: list[CaseRef]) -> str:
	"""Readable and unique without a counter query: a withdrawn case of the same run keeps its name."""
	base = f"ADJ-{trigger_year}-{cadre}"
	taken = {case.name for case in existing}
	name, suffix = base, 1
	while name in taken:
		suffix += 1
		name = f"{base}-{suffix}"
	return name


def open_cases(to_open: list[tuple[frappe._dict, FailRun, list[CaseRef]]]) -> list[str]:
	if not to_open:
		return []
	now, user = stamp_now(), frappe.session.user
	cases, years = [], []
	for person, run, existing in to_open:
		name = case_name(person.cadre, run.trigger_year, existing)
		existing.append(CaseRef(name=name, trigger_year=run.trigger_year, status="Proposed"))
		cases.append(
			(
				name, now, now, user, user, 0, person.cadre, person.full_name, person.position,
				person.community, person.sub_district, "Proposed", run.trigger_year, run.start_year,
				case_reason(person, run),
			)
		)  # fmt: skip
		for idx, result in enumerate(run.years, start=1):
			years.append(
				(
					frappe.generate_hash(length=10), now, now, user, user, 0, idx, name, "failed_years",
					"Adjustment Case", result.year, result.assessment, result.grade, result.total_score,
					result.satisfaction_rate,
				)
			)  # fmt: skip
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	frappe.db.bulk_insert(
		"Adjustment Case",
		[*common, "cadre", "full_name", "position", "community", "sub_district", "status", "trigger_year",
			"run_start_year", "reason"],
		cases,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Adjustment Case Year",
		[*common, "idx", "parent", "parentfield", "parenttype", "year", "assessment", "grade", "total_score",
			"satisfaction_rate"],
		years,
	)  # fmt: skip
	names = [row[0] for row in cases]
	notify_organization_department(names, {row[0]: row[7] for row in cases})
	return names


def withdraw_cases(names: list[str], reason: str) -> list[str]:
	if not names:
		return []
	case = frappe.qb.DocType("Adjustment Case")
	now = stamp_now()
	(
		frappe.qb.update(case)
		.set(case.status, "Withdrawn")
		.set(case.withdrawal_reason, reason)
		.set(case.withdrawn_on, now)
		.set(case.modified, now)
		.set(case.modified_by, frappe.session.user)
		.where(case.name.isin(names) & case.status.isin(OPEN_CASE_STATUSES))
		.run()
	)
	add_comments("Adjustment Case", names, _("Withdrawn: {0}").format(reason))
	return names


def add_comments(doctype: str, names: list[str], content: str) -> None:
	"""Timeline entries for changes made in bulk, so each case still shows its history."""
	now, user = stamp_now(), frappe.session.user
	frappe.db.bulk_insert(
		"Comment",
		["name", "creation", "modified", "owner", "modified_by", "comment_type", "reference_doctype",
			"reference_name", "content", "comment_email"],
		[(frappe.generate_hash(length=10), now, now, user, user, "Info", doctype, name, content, user)
			for name in names],
	)  # fmt: skip


def organization_users() -> list[str]:
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where(
			(has_role.role == ORGANIZATION_ROLE)
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& (user.name.notin(["Administrator", "Guest"]))
		)
		.run(pluck=True)
	)


def notify_organization_department(case_names: list[str], full_names: dict[str, str]) -> None:
	"""A system notification per new case for every Organization Department user, in one insert."""
	users = organization_users()
	if not users:
		return
	now, sender = stamp_now(), frappe.session.user
	rows = [
		(
			frappe.generate_hash(length=10), now, now, sender, sender, user, "Alert", "Adjustment Case", name,
			_("Adjustment case {0} opened for {1}: two consecutive failed annual assessments").format(
				name, full_names[name]
			),
			sender, 0,
		)
		for name in case_names
		for user in users
	]  # fmt: skip
	frappe.db.bulk_insert(
		"Notification Log",
		["name", "creation", "modified", "owner", "modified_by", "for_user", "type", "document_type",
			"document_name", "subject", "from_user", "read"],
		rows,
	)  # fmt: skip


def daily_sweep() -> None:
	"""Scheduled: catches anything the document events could not (e.g. changed settings)."""
	apply_adjustment_rule(None)


@frappe.whitelist(methods=["POST"])
def run_sweep() -> dict:
	"""Organization Department runs the sweep on demand."""
	require_roles(ORGANIZATION_ROLE, "System Manager")
	outcome = apply_adjustment_rule(None)
	return {
		"evaluated": outcome.evaluated,
		"opened": outcome.opened,
		"withdrawn": outcome.withdrawn,
		"at_risk": len(outcome.at_risk),
	}


@frappe.whitelist()
def get_watchlist(sub_district: str | None = None) -> dict:
	"""Cadres at risk (the latest year failed, no case yet) and open cases, within the user's access."""
	if not frappe.has_permission("Adjustment Case", "read"):
		frappe.throw(_("Not permitted to read the adjustment watch-list"), frappe.PermissionError)
	scope = get_access_scope()
	sub_districts = None if scope.unrestricted else list(scope.sub_districts)
	if sub_district:
		if sub_districts is not None and sub_district not in sub_districts:
			frappe.throw(
				_("You can only see your own sub-district, not {0} {1}").format(
					_("Sub District"), bold(sub_district)
				),
				frappe.PermissionError,
			)
		sub_districts = [sub_district]

	settings = get_rule_settings()
	histories = load_histories(None, sub_districts)
	risky = [cadre for cadre, history in histories.items() if evaluate(history, (), settings).at_risk]
	details = load_cadre_details(risky)
	at_risk = []
	for cadre in risky:
		latest, person = histories[cadre][-1], details[cadre]
		at_risk.append(
			{
				**person,
				"year": latest.year,
				"grade": latest.grade,
				"total_score": latest.total_score,
				"satisfaction_rate": latest.satisfaction_rate,
			}
		)
	filters = {"status": ("in", OPEN_CASE_STATUSES)}
	if sub_district:
		filters["sub_district"] = sub_district
	open_cases = frappe.get_list(
		"Adjustment Case",
		filters=filters,
		fields=["name", "cadre", "full_name", "community", "sub_district", "trigger_year", "status"],
		order_by="trigger_year desc, name",
	)
	at_risk.sort(key=lambda row: (row["sub_district"] or "", row["community"] or "", row["full_name"]))
	return {"at_risk": at_risk, "open_cases": open_cases}
