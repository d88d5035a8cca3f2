"""Plain pytest: adjustment cases opened by hand (不胜任 / 不称职) and the two-year rule
(community_gov.rules.assessment.evaluate): never withdrawn by the rule, no second case while one is open."""

from community_gov.rules.assessment import (
	CASE_BASES,
	HAND_OPENED_BASES,
	TWO_YEAR_RULE,
	CaseRef,
	RuleSettings,
	YearResult,
	evaluate,
)

DEFAULT = RuleSettings()


def fail(year):
	return YearResult(year=year, grade="Fail")


def passed(year):
	return YearResult(year=year, grade="Competent")


def by_hand(status="Proposed", year=2026, name="ADJ-2026-CAD-1"):
	return CaseRef(name=name, trigger_year=year, status=status, by_hand=True)


def test_bases():
	assert CASE_BASES == (TWO_YEAR_RULE, *HAND_OPENED_BASES)
	assert HAND_OPENED_BASES == ("Unfit for Post", "Incompetent")


def test_a_hand_opened_case_is_never_withdrawn():
	# No failed year at all: a rule case would be withdrawn, the hand-opened one stays.
	for status in ("Proposed", "Under Review"):
		evaluation = evaluate([passed(2024), passed(2025)], [by_hand(status)], DEFAULT)
		assert evaluation.to_withdraw == ()
		assert evaluation.to_open == ()


def test_a_rule_case_beside_it_is_still_withdrawn():
	rule_case = CaseRef(name="ADJ-2025-CAD-1", trigger_year=2025, status="Proposed")
	evaluation = evaluate([fail(2024), passed(2025)], [rule_case, by_hand(name="ADJ-2026-CAD-1")], DEFAULT)
	assert [w.case for w in evaluation.to_withdraw] == ["ADJ-2025-CAD-1"]


def test_no_automatic_case_while_a_hand_opened_one_is_undecided():
	for status in ("Proposed", "Under Review"):
		evaluation = evaluate([fail(2025), fail(2026)], [by_hand(status)], DEFAULT)
		assert len(evaluation.runs) == 1
		assert evaluation.to_open == ()


def test_retained_by_hand_the_run_gets_its_own_case():
	evaluation = evaluate([fail(2025), fail(2026)], [by_hand("Retained")], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2026]


def test_adjusted_by_hand_covers_the_runs_up_to_its_year():
	evaluation = evaluate([fail(2025), fail(2026)], [by_hand("Adjusted", year=2026)], DEFAULT)
	assert evaluation.to_open == ()
	# A later run (after the adjustment, e.g. in another post still covered) is a matter of its own.
	later = evaluate(
		[fail(2025), fail(2026), passed(2027), fail(2028), fail(2029)],
		[by_hand("Adjusted", year=2026)],
		DEFAULT,
	)
	assert [run.trigger_year for run in later.to_open] == [2029]


def test_a_hand_opened_case_does_not_cover_a_run_by_its_year():
	# Its trigger year is the year it was opened, not a run's: decided Retained it covers nothing.
	evaluation = evaluate([fail(2025), fail(2026)], [by_hand("Retained", year=2026)], DEFAULT)
	assert len(evaluation.to_open) == 1


def test_withdrawn_hand_case_is_ignored():
	evaluation = evaluate([fail(2025), fail(2026)], [by_hand("Withdrawn")], DEFAULT)
	assert len(evaluation.to_open) == 1


def test_the_bases_are_the_doctype_options():
	import json
	from pathlib import Path

	doctypes = (
		Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov/community_governance/doctype"
	)
	meta = json.loads((doctypes / "adjustment_case/adjustment_case.json").read_text(encoding="utf-8"))
	basis = next(df for df in meta["fields"] if df["fieldname"] == "basis")
	assert tuple(basis["options"].split("\n")) == CASE_BASES
	assert basis["default"] == TWO_YEAR_RULE
