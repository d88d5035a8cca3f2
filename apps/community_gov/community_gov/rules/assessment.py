"""Annual assessment rules (BRIEF R1-R3): totals, grades, the consecutive-fail rule and the Excellent quota.

Everything here is a pure function of plain data so that the doctype hooks, the watch-list report and the
tests all share one reading of the rules. The caller loads settings and approved assessments; this module
decides.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from community_gov.rules.common import round1, round2, settings_from_mapping

GRADES = ("Excellent", "Competent", "Basically Competent", "Fail")
SATISFACTION_RULES = ("Ignore", "Counts as Fail", "Required with Fail")

OPEN_CASE_STATUSES = ("Proposed", "Under Review")
DECIDED_CASE_STATUSES = ("Adjusted", "Retained")
WITHDRAWN_STATUS = "Withdrawn"
ADJUSTED_STATUS = "Adjusted"
# Adjustment Case.basis: the rule's own, and the written reasons the department opens a case for by hand
# (seeds: 不胜任 unfit for the post, 不称职 incompetent).
TWO_YEAR_RULE = "Two-Year Rule"
HAND_OPENED_BASES = ("Unfit for Post", "Incompetent")
CASE_BASES = (TWO_YEAR_RULE, *HAND_OPENED_BASES)

# Absorbs float error (145 * (100 / 29) / 100 == 4.999999999999999) so a limit that is really an integer is
# not floored one below it.
_EPSILON = 1e-9


@dataclass(frozen=True)
class RuleSettings:
	"""The numbers of Governance Settings that the rules read, with the BRIEF defaults."""

	consecutive_fail_years: int = 2
	satisfaction_rule: str = "Ignore"
	satisfaction_threshold: float = 60.0
	excellent_min_score: float = 90.0
	competent_min_score: float = 75.0
	basically_competent_min_score: float = 60.0
	target_score_weight: float = 80.0  # percent
	satisfaction_weight: float = 20.0  # percent
	excellent_quota: float = 15.0  # percent

	def __post_init__(self):
		# Fail loudly on a bad setting: a silent fallback would open or miss adjustment cases.
		if self.satisfaction_rule not in SATISFACTION_RULES:
			raise ValueError(f"Unknown satisfaction rule {self.satisfaction_rule!r}")
		if self.consecutive_fail_years < 1:
			raise ValueError("consecutive_fail_years must be at least 1")

	@classmethod
	def from_mapping(cls, values: Mapping) -> RuleSettings:
		"""Build from e.g. ``frappe.get_single(...).as_dict()``: unknown keys and empty values keep the default."""
		return settings_from_mapping(cls, values)


def calculate_total(target_score: float, satisfaction_rate: float, settings: RuleSettings) -> float:
	"""R2: weighted total of the target score and residents' satisfaction (both 0..100)."""
	total = (
		float(target_score) * settings.target_score_weight / 100
		+ float(satisfaction_rate) * settings.satisfaction_weight / 100
	)
	return round2(total)


def grade_for(total_score: float, veto_failed: bool, settings: RuleSettings) -> str:
	"""R2: grade from the total; a failed veto target caps the grade at Fail whatever the score."""
	if veto_failed:
		return "Fail"
	if total_score >= settings.excellent_min_score:
		return "Excellent"
	if total_score >= settings.competent_min_score:
		return "Competent"
	if total_score >= settings.basically_competent_min_score:
		return "Basically Competent"
	return "Fail"


def area_percentages(
	scores: Iterable[tuple[str, float, float]], areas: Iterable[str]
) -> dict[str, float | None]:
	"""Each target area's score as a percentage of its weight, to one decimal (half up), from (area, score,
	weight) rows; None for an area without weight (not among the agreement's targets)."""
	totals = {area: [0.0, 0.0] for area in areas}
	for area, score, weight in scores:
		if area in totals:
			totals[area][0] += float(score or 0)
			totals[area][1] += float(weight or 0)
	return {area: round1(got * 100 / weight) if weight else None for area, (got, weight) in totals.items()}


@dataclass(frozen=True)
class YearResult:
	"""One approved annual assessment of a cadre."""

	year: int
	grade: str
	satisfaction_rate: float | None = None
	total_score: float | None = None
	assessment: str | None = None  # document name, carried through for the case's details


def is_failed_year(result: YearResult, settings: RuleSettings) -> bool:
	"""Whether a year counts towards the consecutive-fail rule, per the satisfaction setting."""
	failed = result.grade == "Fail"
	# No survey result means nothing shows dissatisfaction.
	dissatisfied = (
		result.satisfaction_rate is not None and result.satisfaction_rate < settings.satisfaction_threshold
	)
	if settings.satisfaction_rule == "Counts as Fail":
		return failed or dissatisfied
	if settings.satisfaction_rule == "Required with Fail":
		return failed and dissatisfied
	return failed


@dataclass(frozen=True)
class FailRun:
	"""A maximal run of failed calendar years long enough to trigger the rule."""

	years: tuple[YearResult, ...]  # consecutive calendar years, ascending, all failed
	trigger_year: int  # start_year + consecutive_fail_years - 1: the year the run reached the limit

	@property
	def start_year(self) -> int:
		return self.years[0].year

	@property
	def end_year(self) -> int:
		return self.years[-1].year

	def covers(self, trigger_year: int) -> bool:
		"""A case belongs to this run if it was triggered anywhere from the limit year to the run's end."""
		return self.trigger_year <= trigger_year <= self.end_year


@dataclass(frozen=True)
class CaseRef:
	"""An existing Adjustment Case of the cadre, as far as the rule needs it."""

	name: str
	trigger_year: int
	# "Proposed" / "Under Review" are undecided (open), "Adjusted" / "Retained" decided, "Withdrawn" closed
	status: str
	# Opened by the Organization Department for a written reason (unfit, incompetent), not by this rule.
	by_hand: bool = False


@dataclass(frozen=True)
class Withdrawal:
	case: str
	trigger_year: int
	# a machine-readable code: "run_broken" (the trigger year is no longer inside a qualifying run)
	reason: str


@dataclass(frozen=True)
class Evaluation:
	# every maximal run of consecutive failed years of length >= consecutive_fail_years, oldest first
	runs: tuple[FailRun, ...]
	to_open: tuple[FailRun, ...]  # runs not covered by any existing non-withdrawn case
	to_withdraw: tuple[Withdrawal, ...]  # undecided (open) cases whose run no longer holds
	at_risk: bool  # latest year failed, but the run ending at the latest year is shorter than the limit
	latest_year: int | None


def _by_year(history: Iterable[YearResult]) -> dict[int, YearResult]:
	# Two approved results for one year should not exist; if they do, the one listed last wins (the caller
	# can order by modification time to make that the newest).
	results = {}
	for result in history:
		results[result.year] = result
	return dict(sorted(results.items()))


def _failed_streaks(results: dict[int, YearResult], settings: RuleSettings) -> list[list[YearResult]]:
	"""Maximal streaks of failed years; a passing year or a missing calendar year ends a streak."""
	streaks: list[list[YearResult]] = []
	for year, result in results.items():
		if not is_failed_year(result, settings):
			continue
		if streaks and streaks[-1][-1].year == year - 1:
			streaks[-1].append(result)
		else:
			streaks.append([result])
	return streaks


def _qualifying_runs(streaks: list[list[YearResult]], settings: RuleSettings) -> tuple[FailRun, ...]:
	limit = settings.consecutive_fail_years
	return tuple(
		FailRun(years=tuple(streak), trigger_year=streak[0].year + limit - 1)
		for streak in streaks
		if len(streak) >= limit
	)


def fail_runs(history: Iterable[YearResult], settings: RuleSettings) -> tuple[FailRun, ...]:
	"""Every run of at least ``consecutive_fail_years`` consecutive failed years, oldest first."""
	return _qualifying_runs(_failed_streaks(_by_year(history), settings), settings)


def evaluate(history: Iterable[YearResult], cases: Iterable[CaseRef], settings: RuleSettings) -> Evaluation:
	"""Compare the cadre's runs with the existing cases: which runs need a case, which open cases lost theirs.

	A pure function of the set of results, so back-filling an older year gives the same answer as entering
	the years in order. Withdrawn cases are ignored; decided cases are never withdrawn.

	Cases opened by hand rest on their written reason, not on a run: they are never withdrawn and cover no
	run. While one is undecided no case opens (the post is already being decided; a run that still holds
	once it is decided Retained gets its own case then). One decided Adjusted covers the runs that reached
	the limit by its year: the cadre has been adjusted already.
	"""
	results = _by_year(history)
	streaks = _failed_streaks(results, settings)
	runs = _qualifying_runs(streaks, settings)
	live_cases = [case for case in cases if case.status != WITHDRAWN_STATUS]
	rule_cases = [case for case in live_cases if not case.by_hand]
	hand_cases = [case for case in live_cases if case.by_hand]
	deciding_by_hand = any(case.status in OPEN_CASE_STATUSES for case in hand_cases)
	adjusted_by_hand = [case.trigger_year for case in hand_cases if case.status == ADJUSTED_STATUS]

	def covered(run: FailRun) -> bool:
		return any(run.covers(case.trigger_year) for case in rule_cases) or any(
			run.trigger_year <= year for year in adjusted_by_hand
		)

	to_open = () if deciding_by_hand else tuple(run for run in runs if not covered(run))
	to_withdraw = tuple(
		Withdrawal(case=case.name, trigger_year=case.trigger_year, reason="run_broken")
		for case in sorted(rule_cases, key=lambda case: (case.trigger_year, case.name))
		if case.status in OPEN_CASE_STATUSES and not any(run.covers(case.trigger_year) for run in runs)
	)

	latest_year = max(results) if results else None
	at_risk = False
	if latest_year is not None and streaks and streaks[-1][-1].year == latest_year:
		at_risk = len(streaks[-1]) < settings.consecutive_fail_years

	return Evaluation(
		runs=runs, to_open=to_open, to_withdraw=to_withdraw, at_risk=at_risk, latest_year=latest_year
	)


def excellent_quota_limit(population: int, quota_percent: float) -> int:
	"""R3: how many Excellent grades a sub-district may have in a year among ``population`` assessments."""
	if population <= 0:
		return 0
	return max(0, math.floor(population * quota_percent / 100 + _EPSILON))


def excellent_quota_allows(excellent_after: int, population: int, quota_percent: float) -> bool:
	"""R3: whether the Excellent count after this approval stays within the quota.

	``population`` is the sub-district's assessments for the year that are not cancelled.
	"""
	return excellent_after <= excellent_quota_limit(population, quota_percent)
