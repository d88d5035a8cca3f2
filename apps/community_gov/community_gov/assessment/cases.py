"""Writing Adjustment Cases: in bulk, the cases the rule opens (with their failed years) and the undecided ones
it withdraws (with a timeline comment each), the rule (`adjustment_rule`) deciding which; one at a time, a
case the Organization Department opens by hand for a written reason (`open_case_by_hand`)."""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import get_link_to_form
from frappe.utils import now as stamp_now

from community_gov.bulk import insert_records
from community_gov.dates import current_year
from community_gov.exceptions import (
	CadreNotFoundError,
	CaseAlreadyOpenError,
	CaseBasisError,
	CaseCadreNotActiveError,
)
from community_gov.rules.assessment import (
	HAND_OPENED_BASES,
	OPEN_CASE_STATUSES,
	TWO_YEAR_RULE,
	CaseRef,
	FailRun,
)
from community_gov.text import bold, clean_text

PROPOSED = "Proposed"
ACTIVE = "Active"


@dataclass(frozen=True)
class CadreDetails:
	"""Who and where the cadre is, copied onto the case as the case opens."""

	cadre: str
	full_name: str
	position: str
	community: str | None
	sub_district: str | None


@dataclass(frozen=True)
class CaseToOpen:
	person: CadreDetails
	run: FailRun
	existing: list[CaseRef]  # the cadre's cases so far; the new case is added to it


@dataclass(frozen=True)
class AdjustmentCaseRecord:
	name: str
	cadre: str
	full_name: str
	position: str
	community: str | None
	sub_district: str | None
	status: str
	trigger_year: int
	run_start_year: int
	reason: str
	docstatus: int = 0
	basis: str = TWO_YEAR_RULE


@dataclass(frozen=True)
class AdjustmentCaseYearRecord:
	"""A row of the case's `failed_years` table."""

	name: str
	parent: str
	idx: int
	year: int
	assessment: str | None
	grade: str
	total_score: float | None
	satisfaction_rate: float | None
	parentfield: str = "failed_years"
	parenttype: str = "Adjustment Case"
	docstatus: int = 0


@dataclass(frozen=True)
class CommentRecord:
	name: str
	reference_doctype: str
	reference_name: str
	content: str
	comment_email: str
	comment_type: str = "Info"


def case_reason(person: CadreDetails, run: FailRun) -> str:
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


def open_cases(to_open: list[CaseToOpen]) -> list[AdjustmentCaseRecord]:
	"""Proposed cases with their failed years: two inserts, whatever their number."""
	cases: list[AdjustmentCaseRecord] = []
	years: list[AdjustmentCaseYearRecord] = []
	for item in to_open:
		person, run = item.person, item.run
		name = case_name(person.cadre, run.trigger_year, item.existing)
		item.existing.append(CaseRef(name=name, trigger_year=run.trigger_year, status=PROPOSED))
		cases.append(
			AdjustmentCaseRecord(
				name=name,
				cadre=person.cadre,
				full_name=person.full_name,
				position=person.position,
				community=person.community,
				sub_district=person.sub_district,
				status=PROPOSED,
				trigger_year=run.trigger_year,
				run_start_year=run.start_year,
				reason=case_reason(person, run),
			)
		)
		years.extend(
			AdjustmentCaseYearRecord(
				name=frappe.generate_hash(length=10),
				parent=name,
				idx=idx,
				year=result.year,
				assessment=result.assessment,
				grade=result.grade,
				total_score=result.total_score,
				satisfaction_rate=result.satisfaction_rate,
			)
			for idx, result in enumerate(run.years, start=1)
		)
	insert_records("Adjustment Case", cases)
	insert_records("Adjustment Case Year", years)
	return cases


def withdraw_cases(names: list[str], reason: str) -> list[str]:
	"""Undecided cases whose run no longer holds: withdrawn with the reason, one update and one comment insert."""
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
		.where(
			case.name.isin(names)
			& case.status.isin(OPEN_CASE_STATUSES)
			# A case opened by hand rests on its written reason, not on the failed years: never withdrawn.
			& (case.basis.isnull() | case.basis.notin(HAND_OPENED_BASES))
		)
		.run()
	)
	add_comments("Adjustment Case", names, _("Withdrawn: {0}").format(reason))
	return names


def add_comments(doctype: str, names: list[str], content: str) -> None:
	"""Timeline entries for changes made in bulk, so each case still shows its history."""
	insert_records(
		"Comment",
		[
			CommentRecord(
				name=frappe.generate_hash(length=10),
				reference_doctype=doctype,
				reference_name=name,
				content=content,
				comment_email=frappe.session.user,
			)
			for name in names
		],
	)


def open_case_by_hand(cadre: str, basis: str, reason: str, evidence: str) -> str:
	"""A Proposed case for an active cadre without an open case, on the department's written reason and
	evidence (unfit for the post, incompetent), this year; decided as every case is (`decide`). The caller
	checks who may do this."""
	if basis not in HAND_OPENED_BASES:
		frappe.throw(
			_("{0} {1} is not a reason to open a case by hand").format(
				_("Basis"), bold(_(basis) if basis else "")
			),
			CaseBasisError,
			title=_("Invalid Basis"),
		)
	person = frappe.db.get_value(
		"Cadre", cadre, ["name", "full_name", "position", "community", "sub_district", "status"], as_dict=True
	)
	if not person:
		frappe.throw(_("{0} {1} does not exist").format(_("Cadre"), bold(cadre)), CadreNotFoundError)
	if person.status != ACTIVE:
		frappe.throw(
			_("{0} is {1}: a case is opened only for a cadre in post").format(
				person.full_name, bold(_(person.status))
			),
			CaseCadreNotActiveError,
			title=_("Not in Post"),
		)
	existing = load_cadre_cases(cadre)
	if open_case := next((case for case in existing if case.status in OPEN_CASE_STATUSES), None):
		frappe.throw(
			_("{0} already has the open adjustment case {1}: decide it first").format(
				person.full_name, get_link_to_form("Adjustment Case", open_case.name)
			),
			CaseAlreadyOpenError,
			title=_("Case Already Open"),
		)
	year = current_year()
	case = frappe.get_doc(
		{
			"doctype": "Adjustment Case",
			"cadre": cadre,
			"full_name": person.full_name,
			"position": person.position,
			"community": person.community,
			"sub_district": person.sub_district,
			"status": PROPOSED,
			"basis": basis,
			"trigger_year": year,
			"reason": clean_text(reason),
			"evidence": clean_text(evidence),
		}
	)
	# Nobody creates cases through a form (no create permission): the rule and this function do.
	case.insert(ignore_permissions=True, set_name=case_name(cadre, year, existing))
	return case.name


def load_cadre_cases(cadre: str) -> list[CaseRef]:
	case = frappe.qb.DocType("Adjustment Case")
	return [
		CaseRef(
			name=row.name,
			trigger_year=row.trigger_year,
			status=row.status,
			by_hand=row.basis in HAND_OPENED_BASES,
		)
		for row in frappe.qb.from_(case)
		.select(case.name, case.trigger_year, case.status, case.basis)
		.where(case.cadre == cadre)
		.run(as_dict=True)
	]
