"""Plain pytest for community_gov.rules.assessment (BRIEF R1-R3); no Frappe needed."""

import itertools

import pytest

from community_gov.rules.assessment import (
	DECIDED_CASE_STATUSES,
	GRADES,
	OPEN_CASE_STATUSES,
	SATISFACTION_RULES,
	CaseRef,
	Evaluation,
	FailRun,
	RuleSettings,
	Withdrawal,
	YearResult,
	area_percentages,
	calculate_total,
	evaluate,
	excellent_quota_allows,
	excellent_quota_limit,
	fail_runs,
	grade_for,
	is_failed_year,
)

DEFAULT = RuleSettings()


def fail(year, satisfaction=None, assessment=None):
	return YearResult(year=year, grade="Fail", satisfaction_rate=satisfaction, assessment=assessment)


def passed(year, satisfaction=None, grade="Competent"):
	return YearResult(year=year, grade=grade, satisfaction_rate=satisfaction)


def run_years(run: FailRun):
	return [result.year for result in run.years]


# --- constants and settings -------------------------------------------------------------------------


def test_constants():
	assert GRADES == ("Excellent", "Competent", "Basically Competent", "Fail")
	assert SATISFACTION_RULES == ("Ignore", "Counts as Fail", "Required with Fail")
	assert OPEN_CASE_STATUSES == ("Proposed", "Under Review")
	assert DECIDED_CASE_STATUSES == ("Adjusted", "Retained")


def test_settings_defaults():
	assert DEFAULT.consecutive_fail_years == 2
	assert DEFAULT.satisfaction_rule == "Ignore"
	assert DEFAULT.satisfaction_threshold == 60.0
	assert DEFAULT.excellent_min_score == 90.0
	assert DEFAULT.competent_min_score == 75.0
	assert DEFAULT.basically_competent_min_score == 60.0
	assert DEFAULT.target_score_weight == 80.0
	assert DEFAULT.satisfaction_weight == 20.0
	assert DEFAULT.excellent_quota == 15.0


def test_from_mapping_picks_known_keys_and_coerces():
	settings = RuleSettings.from_mapping(
		{
			"name": "Governance Settings",
			"doctype": "Governance Settings",
			"consecutive_fail_years": "3",
			"satisfaction_rule": "Counts as Fail",
			"satisfaction_threshold": 50,
			"excellent_min_score": "92.5",
			"excellent_quota": 10,
			"competent_min_score": None,
			"unrelated_flag": 1,
		}
	)
	assert settings.consecutive_fail_years == 3
	assert isinstance(settings.consecutive_fail_years, int)
	assert settings.satisfaction_rule == "Counts as Fail"
	assert settings.satisfaction_threshold == 50.0
	assert isinstance(settings.satisfaction_threshold, float)
	assert settings.excellent_min_score == 92.5
	assert settings.excellent_quota == 10.0
	assert isinstance(settings.excellent_quota, float)
	# None keeps the default
	assert settings.competent_min_score == 75.0
	assert settings.basically_competent_min_score == 60.0


def test_from_mapping_empty_gives_defaults():
	assert RuleSettings.from_mapping({}) == DEFAULT
	assert RuleSettings.from_mapping({"satisfaction_rule": "", "excellent_quota": None}) == DEFAULT


def test_settings_reject_bad_values():
	with pytest.raises(ValueError):
		RuleSettings(satisfaction_rule="Sometimes")
	with pytest.raises(ValueError):
		RuleSettings.from_mapping({"consecutive_fail_years": 0})


def test_settings_are_frozen():
	with pytest.raises(AttributeError):
		DEFAULT.consecutive_fail_years = 3


# --- R2 totals and grades ------------------------------------------------------------------------


def test_total_uses_weights():
	assert calculate_total(100, 100, DEFAULT) == 100.0
	assert calculate_total(0, 0, DEFAULT) == 0.0
	assert calculate_total(90, 50, DEFAULT) == 82.0  # 72 + 10
	assert calculate_total(85.5, 72.3, DEFAULT) == 82.86  # 68.4 + 14.46


def test_total_rounds_to_two_decimals():
	assert calculate_total(33.333, 66.667, DEFAULT) == 40.0  # 26.6664 + 13.3334
	assert calculate_total(70.01, 0, DEFAULT) == 56.01  # 56.008
	assert calculate_total(0, 0.025, DEFAULT) == 0.01  # 0.005 rounds half up


def test_total_custom_weights():
	settings = RuleSettings(target_score_weight=70, satisfaction_weight=30)
	assert calculate_total(80, 60, settings) == 74.0


@pytest.mark.parametrize(
	"total, grade",
	[
		(100, "Excellent"),
		(90, "Excellent"),
		(89.99, "Competent"),
		(75, "Competent"),
		(74.99, "Basically Competent"),
		(60, "Basically Competent"),
		(59.99, "Fail"),
		(0, "Fail"),
	],
)
def test_grade_boundaries(total, grade):
	assert grade_for(total, False, DEFAULT) == grade


@pytest.mark.parametrize("total", [100, 90, 75, 60, 10])
def test_veto_caps_at_fail(total):
	assert grade_for(total, True, DEFAULT) == "Fail"


def test_grade_custom_thresholds():
	settings = RuleSettings(excellent_min_score=95, competent_min_score=80, basically_competent_min_score=65)
	assert grade_for(94.99, False, settings) == "Competent"
	assert grade_for(79.99, False, settings) == "Basically Competent"
	assert grade_for(64.99, False, settings) == "Fail"


def test_total_feeds_grade():
	assert grade_for(calculate_total(95, 70, DEFAULT), False, DEFAULT) == "Excellent"  # 76 + 14 = 90


def test_area_percentages_of_weights():
	areas = ("Social Stability", "Serving Residents", "Party Building")
	rows = [
		("Social Stability", 25, 30),  # 83.33...
		("Serving Residents", 10, 20),
		("Serving Residents", 20, 20),  # two targets in one area: 30 of 40
		("Elsewhere", 5, 5),  # not an area of the scorecard
	]
	assert area_percentages(rows, areas) == {
		"Social Stability": 83.3,
		"Serving Residents": 75.0,
		"Party Building": None,  # no target in the area: not scored, not 0
	}


def test_area_percentages_zero_score_is_zero_not_blank():
	assert area_percentages([("Party Building", 0, 30)], ("Party Building",)) == {"Party Building": 0.0}
	assert area_percentages([("Party Building", None, 0)], ("Party Building",)) == {"Party Building": None}


# --- is_failed_year and the satisfaction rule --------------------------------------------------------


@pytest.mark.parametrize(
	"rule, grade, satisfaction, expected",
	[
		("Ignore", "Fail", 80, True),
		("Ignore", "Fail", 40, True),
		("Ignore", "Fail", None, True),
		("Ignore", "Competent", 40, False),
		("Ignore", "Competent", None, False),
		("Counts as Fail", "Fail", 80, True),
		("Counts as Fail", "Fail", None, True),
		("Counts as Fail", "Competent", 40, True),
		("Counts as Fail", "Competent", 59.99, True),
		("Counts as Fail", "Competent", 60, False),
		("Counts as Fail", "Competent", 80, False),
		("Counts as Fail", "Competent", None, False),
		("Required with Fail", "Fail", 40, True),
		("Required with Fail", "Fail", 60, False),
		("Required with Fail", "Fail", 80, False),
		("Required with Fail", "Fail", None, False),
		("Required with Fail", "Competent", 40, False),
		("Required with Fail", "Excellent", None, False),
	],
)
def test_is_failed_year(rule, grade, satisfaction, expected):
	settings = RuleSettings(satisfaction_rule=rule)
	assert is_failed_year(YearResult(2023, grade, satisfaction_rate=satisfaction), settings) is expected


def test_threshold_is_a_setting():
	settings = RuleSettings(satisfaction_rule="Counts as Fail", satisfaction_threshold=70)
	assert is_failed_year(passed(2023, satisfaction=65), settings)
	assert not is_failed_year(passed(2023, satisfaction=70), settings)


def test_satisfaction_rule_applies_to_runs_and_evaluation():
	history = [passed(2022, satisfaction=40), fail(2023, satisfaction=80)]
	assert fail_runs(history, DEFAULT) == ()

	counts = RuleSettings(satisfaction_rule="Counts as Fail")
	runs = fail_runs(history, counts)
	assert [run_years(run) for run in runs] == [[2022, 2023]]
	assert evaluate(history, [], counts).to_open == runs

	required = RuleSettings(satisfaction_rule="Required with Fail")
	both = [fail(2022, satisfaction=40), fail(2023, satisfaction=80)]
	assert fail_runs(both, required) == ()
	evaluation = evaluate(both, [], required)
	assert evaluation.to_open == ()
	assert evaluation.at_risk is False  # 2023 is not a failed year under this rule


# --- runs ------------------------------------------------------------------------------------------


def test_two_consecutive_fails_make_one_run():
	runs = fail_runs([fail(2022), fail(2023)], DEFAULT)
	assert len(runs) == 1
	run = runs[0]
	assert run_years(run) == [2022, 2023]
	assert run.start_year == 2022
	assert run.end_year == 2023
	assert run.trigger_year == 2023


def test_single_fail_is_no_run():
	assert fail_runs([fail(2023)], DEFAULT) == ()
	assert fail_runs([], DEFAULT) == ()


def test_missing_year_breaks_run():
	assert fail_runs([fail(2021), fail(2023)], DEFAULT) == ()
	evaluation = evaluate([fail(2021), fail(2023)], [], DEFAULT)
	assert evaluation.runs == ()
	assert evaluation.to_open == ()


def test_passing_year_breaks_run():
	assert fail_runs([fail(2021), passed(2022), fail(2023)], DEFAULT) == ()
	assert fail_runs([fail(2021), passed(2022, grade="Basically Competent"), fail(2023)], DEFAULT) == ()


def test_third_fail_year_extends_the_run():
	runs = fail_runs([fail(2021), fail(2022), fail(2023), fail(2024)], DEFAULT)
	assert len(runs) == 1
	assert run_years(runs[0]) == [2021, 2022, 2023, 2024]
	assert runs[0].trigger_year == 2022


def test_two_separate_runs():
	history = [fail(2018), fail(2019), passed(2020), fail(2021), fail(2022)]
	runs = fail_runs(history, DEFAULT)
	assert [run_years(run) for run in runs] == [[2018, 2019], [2021, 2022]]
	assert [run.trigger_year for run in runs] == [2019, 2022]


def test_runs_separated_by_missing_year():
	history = [fail(2018), fail(2019), fail(2021), fail(2022)]
	assert [run_years(run) for run in fail_runs(history, DEFAULT)] == [[2018, 2019], [2021, 2022]]


def test_run_length_setting():
	three = RuleSettings(consecutive_fail_years=3)
	assert fail_runs([fail(2022), fail(2023)], three) == ()
	runs = fail_runs([fail(2021), fail(2022), fail(2023)], three)
	assert runs[0].trigger_year == 2023

	one = RuleSettings(consecutive_fail_years=1)
	runs = fail_runs([fail(2021), passed(2022), fail(2023)], one)
	assert [run.trigger_year for run in runs] == [2021, 2023]


def test_history_order_does_not_matter_for_runs():
	runs = fail_runs([fail(2023), fail(2021), fail(2022)], DEFAULT)
	assert run_years(runs[0]) == [2021, 2022, 2023]


def test_duplicate_year_keeps_last_listed():
	assert fail_runs([fail(2022), fail(2023), passed(2023)], DEFAULT) == ()
	runs = fail_runs([fail(2022), passed(2023), fail(2023, assessment="A-2")], DEFAULT)
	assert run_years(runs[0]) == [2022, 2023]
	assert runs[0].years[-1].assessment == "A-2"


def test_assessment_names_carried_through():
	runs = fail_runs([fail(2022, assessment="ASM-1"), fail(2023, assessment="ASM-2")], DEFAULT)
	assert [result.assessment for result in runs[0].years] == ["ASM-1", "ASM-2"]


# --- evaluate: opening cases -------------------------------------------------------------------------


def test_new_run_opens_a_case():
	evaluation = evaluate([passed(2021), fail(2022), fail(2023)], [], DEFAULT)
	assert len(evaluation.to_open) == 1
	assert evaluation.to_open[0].trigger_year == 2023
	assert evaluation.to_withdraw == ()
	assert evaluation.at_risk is False
	assert evaluation.latest_year == 2023


def test_covered_run_opens_nothing():
	cases = [CaseRef("CASE-1", 2023, "Proposed")]
	evaluation = evaluate([fail(2022), fail(2023)], cases, DEFAULT)
	assert len(evaluation.runs) == 1
	assert evaluation.to_open == ()
	assert evaluation.to_withdraw == ()


def test_third_fail_year_does_not_open_a_second_case():
	history = [fail(2022), fail(2023), fail(2024)]
	for status in ("Proposed", "Under Review", "Adjusted", "Retained"):
		evaluation = evaluate(history, [CaseRef("CASE-1", 2023, status)], DEFAULT)
		assert evaluation.to_open == (), status
		assert evaluation.to_withdraw == (), status


def test_two_separate_runs_give_two_cases():
	history = [fail(2018), fail(2019), passed(2020), fail(2021), fail(2022)]
	evaluation = evaluate(history, [], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2019, 2022]

	# the first run already has a decided case: only the second needs one
	evaluation = evaluate(history, [CaseRef("CASE-1", 2019, "Retained")], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2022]

	# a case of the first run does not cover the second
	evaluation = evaluate(history, [CaseRef("CASE-1", 2019, "Proposed")], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2022]
	assert evaluation.to_withdraw == ()


def test_case_triggered_later_in_run_still_covers_it():
	# e.g. the case was opened at 2024 when the limit was 3, or after a back-fill; any year from the
	# limit year to the run's end counts
	history = [fail(2022), fail(2023), fail(2024)]
	evaluation = evaluate(history, [CaseRef("CASE-1", 2024, "Under Review")], DEFAULT)
	assert evaluation.to_open == ()
	assert evaluation.to_withdraw == ()


def test_case_triggered_before_limit_year_does_not_cover():
	# trigger year 2022 is the run's first year: the run only reached the limit in 2023
	history = [fail(2022), fail(2023)]
	evaluation = evaluate(history, [CaseRef("CASE-1", 2022, "Proposed")], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2023]
	assert evaluation.to_withdraw == (Withdrawal("CASE-1", 2022, "run_broken"),)


# --- evaluate: withdrawing cases ---------------------------------------------------------------------


@pytest.mark.parametrize("status", OPEN_CASE_STATUSES)
def test_run_broken_by_a_passing_year_withdraws_open_case(status):
	# 2023 was Fail and opened the case; its assessment was amended to Competent
	history = [fail(2022), passed(2023)]
	evaluation = evaluate(history, [CaseRef("CASE-1", 2023, status)], DEFAULT)
	assert evaluation.runs == ()
	assert evaluation.to_open == ()
	assert evaluation.to_withdraw == (Withdrawal(case="CASE-1", trigger_year=2023, reason="run_broken"),)


def test_run_broken_by_a_cancelled_year_withdraws_open_case():
	# the 2022 assessment was cancelled, so only 2023 remains
	evaluation = evaluate([fail(2023)], [CaseRef("CASE-1", 2023, "Proposed")], DEFAULT)
	assert evaluation.to_withdraw == (Withdrawal("CASE-1", 2023, "run_broken"),)
	assert evaluation.at_risk is True


def test_run_broken_by_satisfaction_setting_change():
	history = [passed(2022, satisfaction=40), fail(2023, satisfaction=80)]
	cases = [CaseRef("CASE-1", 2023, "Proposed")]
	assert evaluate(history, cases, RuleSettings(satisfaction_rule="Counts as Fail")).to_withdraw == ()
	assert evaluate(history, cases, DEFAULT).to_withdraw == (Withdrawal("CASE-1", 2023, "run_broken"),)


@pytest.mark.parametrize("status", DECIDED_CASE_STATUSES)
def test_decided_case_is_not_withdrawn(status):
	evaluation = evaluate([fail(2022), passed(2023)], [CaseRef("CASE-1", 2023, status)], DEFAULT)
	assert evaluation.to_withdraw == ()
	assert evaluation.to_open == ()


def test_withdrawn_case_is_ignored_and_run_reopens():
	history = [fail(2022), fail(2023)]
	evaluation = evaluate(history, [CaseRef("CASE-1", 2023, "Withdrawn")], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2023]
	assert evaluation.to_withdraw == ()

	# a withdrawn case without a run is not withdrawn again
	evaluation = evaluate([fail(2022), passed(2023)], [CaseRef("CASE-1", 2023, "Withdrawn")], DEFAULT)
	assert evaluation.to_withdraw == ()
	assert evaluation.to_open == ()


def test_withdrawn_case_next_to_a_live_one():
	history = [fail(2022), fail(2023)]
	cases = [CaseRef("CASE-1", 2023, "Withdrawn"), CaseRef("CASE-2", 2023, "Proposed")]
	evaluation = evaluate(history, cases, DEFAULT)
	assert evaluation.to_open == ()
	assert evaluation.to_withdraw == ()


def test_withdrawals_are_sorted():
	cases = [CaseRef("CASE-B", 2023, "Proposed"), CaseRef("CASE-A", 2019, "Under Review")]
	evaluation = evaluate([passed(2019), passed(2023)], cases, DEFAULT)
	assert [w.case for w in evaluation.to_withdraw] == ["CASE-A", "CASE-B"]
	assert all(w.reason == "run_broken" for w in evaluation.to_withdraw)


def test_split_run_keeps_case_and_opens_other_half():
	# run 2019-2023 had a case at 2020; 2021 amended to pass leaves 2019-2020 (covered) and 2022-2023 (new)
	history = [fail(2019), fail(2020), passed(2021), fail(2022), fail(2023)]
	evaluation = evaluate(history, [CaseRef("CASE-1", 2020, "Under Review")], DEFAULT)
	assert evaluation.to_withdraw == ()
	assert [run.trigger_year for run in evaluation.to_open] == [2023]


# --- back-filling ------------------------------------------------------------------------------------


def test_backfilled_year_triggers_the_rule():
	# 2023 Fail entered first: at risk, no run; then 2022 Fail is back-filled
	assert evaluate([fail(2023)], [], DEFAULT).to_open == ()
	evaluation = evaluate([fail(2023), fail(2022)], [], DEFAULT)
	assert [run.trigger_year for run in evaluation.to_open] == [2023]


def test_backfilled_older_fail_extending_run_keeps_case():
	# case opened for 2022-2023; a Fail for 2021 is back-filled, so the run becomes 2021-2023 and its
	# limit year moves to 2022, but the case at 2023 still lies inside the run
	history = [fail(2022), fail(2023), fail(2021)]
	for status in ("Proposed", "Under Review", "Adjusted", "Retained"):
		evaluation = evaluate(history, [CaseRef("CASE-1", 2023, status)], DEFAULT)
		assert len(evaluation.runs) == 1
		assert evaluation.runs[0].trigger_year == 2022
		assert evaluation.to_open == (), status
		assert evaluation.to_withdraw == (), status


def test_backfilled_year_joining_two_runs():
	# 2019-2020 and 2022-2023 each had a case; a Fail back-filled for the missing 2021 joins them
	history = [fail(2019), fail(2020), fail(2021), fail(2022), fail(2023)]
	cases = [CaseRef("CASE-1", 2020, "Adjusted"), CaseRef("CASE-2", 2023, "Proposed")]
	evaluation = evaluate(history, cases, DEFAULT)
	assert len(evaluation.runs) == 1
	assert evaluation.to_open == ()
	assert evaluation.to_withdraw == ()


HISTORIES = [
	[fail(2019), fail(2020), passed(2021), fail(2022), fail(2023)],
	[fail(2020), fail(2021), fail(2022), fail(2023)],
	[passed(2020), fail(2021), fail(2023), fail(2024)],
	[fail(2020), passed(2021, satisfaction=40), fail(2022, satisfaction=50), fail(2023), passed(2024)],
]


@pytest.mark.parametrize("history", HISTORIES)
@pytest.mark.parametrize("rule", SATISFACTION_RULES)
def test_backfill_permutation_invariance(history, rule):
	settings = RuleSettings(satisfaction_rule=rule)
	cases = [CaseRef("CASE-1", 2020, "Proposed"), CaseRef("CASE-2", 2023, "Retained")]
	expected = evaluate(history, cases, settings)
	assert isinstance(expected, Evaluation)
	for permutation in itertools.permutations(history):
		assert evaluate(permutation, cases, settings) == expected
		assert evaluate(permutation, list(reversed(cases)), settings) == expected
		assert fail_runs(iter(permutation), settings) == expected.runs


def test_backfill_in_any_entry_order_matches_in_order_entry():
	# entering years one by one in any order ends in the same place as entering them in order
	history = [fail(2020), fail(2021), passed(2022), fail(2023), fail(2024)]
	in_order = evaluate(history, [], DEFAULT)
	for permutation in itertools.permutations(history):
		entered: list[YearResult] = []
		for result in permutation:
			entered.append(result)
			evaluation = evaluate(entered, [], DEFAULT)
		assert evaluation == in_order


# --- at risk -----------------------------------------------------------------------------------------


def test_at_risk_single_latest_fail():
	evaluation = evaluate([passed(2022), fail(2023)], [], DEFAULT)
	assert evaluation.at_risk is True
	assert evaluation.to_open == ()
	assert evaluate([fail(2023)], [], DEFAULT).at_risk is True


def test_at_risk_fail_pass_fail():
	evaluation = evaluate([fail(2021), passed(2022), fail(2023)], [], DEFAULT)
	assert evaluation.at_risk is True
	assert evaluation.runs == ()


def test_at_risk_after_gap():
	# 2022 missing: the 2021 Fail does not join the 2023 Fail
	assert evaluate([fail(2021), fail(2023)], [], DEFAULT).at_risk is True


def test_not_at_risk_when_latest_passes():
	assert evaluate([fail(2022), passed(2023)], [], DEFAULT).at_risk is False


def test_not_at_risk_with_qualifying_run_at_the_end():
	assert evaluate([fail(2022), fail(2023)], [], DEFAULT).at_risk is False
	assert evaluate([fail(2021), fail(2022), fail(2023)], [], DEFAULT).at_risk is False


def test_not_at_risk_when_empty():
	evaluation = evaluate([], [], DEFAULT)
	assert evaluation == Evaluation(runs=(), to_open=(), to_withdraw=(), at_risk=False, latest_year=None)


def test_at_risk_with_longer_limit():
	three = RuleSettings(consecutive_fail_years=3)
	evaluation = evaluate([fail(2022), fail(2023)], [], three)
	assert evaluation.at_risk is True
	assert evaluation.to_open == ()
	assert evaluate([fail(2023)], [], three).at_risk is True
	assert evaluate([fail(2021), fail(2022), fail(2023)], [], three).at_risk is False


def test_at_risk_follows_satisfaction_rule():
	history = [passed(2022), passed(2023, satisfaction=40)]
	assert evaluate(history, [], DEFAULT).at_risk is False
	assert evaluate(history, [], RuleSettings(satisfaction_rule="Counts as Fail")).at_risk is True


# --- R3 Excellent quota -------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"population, quota, limit",
	[
		(14, 15, 2),
		(20, 15, 3),
		(0, 15, 0),
		(100, 15, 15),
		(7, 15, 1),
		(6, 15, 0),
		(145, 100 / 29, 5),  # 145 * 3.448... / 100 is 4.999999999999999 in floating point
		(3, 100, 3),
		(10, 0, 0),
	],
)
def test_quota_limit(population, quota, limit):
	assert excellent_quota_limit(population, quota) == limit


def test_quota_allows():
	assert excellent_quota_allows(2, 14, 15) is True
	assert excellent_quota_allows(3, 14, 15) is False
	assert excellent_quota_allows(3, 20, 15) is True
	assert excellent_quota_allows(4, 20, 15) is False
	assert excellent_quota_allows(15, 100, 15) is True
	assert excellent_quota_allows(16, 100, 15) is False
	assert excellent_quota_allows(1, 0, 15) is False
	assert excellent_quota_allows(0, 0, 15) is True
