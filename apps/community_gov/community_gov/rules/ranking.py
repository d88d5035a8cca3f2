"""The Top Ten Secretaries ranking (十佳社区党组织书记, seed 004): eligibility, composite score and rank.

A pure function of plain data, shared by the report and the tests. The caller loads the approved assessments
of the window, the attended training hours and the open adjustment cases; this module decides.

Composite score (0..100), with weights in percent that add up to 100:

	score_weight% x average total score of the approved assessments in the window
	+ satisfaction_weight% x average residents' satisfaction of those assessments
	+ training_weight% x training score

	training score = 100 x min(1, attended training hours in the window / (training years x 24))

where the training years are the years of the window with training on record (all of them when the caller
does not say). With none, training cannot be measured for anyone: its weight goes to the other two in
proportion (`RankingWeights.without_training`), so the composite stays on 0..100 and reflects what is known.

Left out: cadres without an approved assessment in the window, anyone graded Fail in a year of the window and
anyone with an undecided (open) adjustment case. The rest are ranked by composite score, ties broken by the
average total score and then by the cadre's name (its document ID), and numbered 1..limit.

A province has some 100,000 secretaries: the caller totals each one's window in the database
(`WindowTotals`), and `shortlist` names the few that can rank among the first `limit`, whose results alone are
loaded and ranked (`rank_secretaries`); `exclusion_of_totals` counts why the others are left out.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

HOURS_PER_YEAR = 24.0  # the yearly training hours that earn the full training score
FAIL = "Fail"

# Absorbs float error in the weights (33.3 + 33.3 + 33.4 == 99.99999999999999).
_EPSILON = 1e-6
# Composite scores further than this below the best ones cannot round up to them (rounding moves a score by
# at most 0.005): twice that, for float error in sums made in another order.
SHORTLIST_MARGIN = 0.02


def _round2(value: float) -> float:
	# Half-up on the decimal representation, as people do on paper.
	return float(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class RankingWeights:
	"""Percentages of the three parts of the composite score."""

	score: float = 60.0
	satisfaction: float = 20.0
	training: float = 20.0

	def __post_init__(self):
		if min(self.score, self.satisfaction, self.training) < 0:
			raise ValueError("weights must not be negative")
		if not weights_add_up(self.score, self.satisfaction, self.training):
			raise ValueError(f"weights must add up to 100, not {self.total}")

	@property
	def total(self) -> float:
		return self.score + self.satisfaction + self.training

	def without_training(self) -> RankingWeights:
		"""The weights when no training is on record for the window: the training share goes to the score and
		the satisfaction in proportion to their weights (60 / 20 / 20 becomes 75 / 25 / 0)."""
		rest = self.score + self.satisfaction
		if rest <= 0:
			raise ValueError("without training there is nothing to rank by: the other weights are 0")
		return RankingWeights(self.score * 100 / rest, self.satisfaction * 100 / rest, 0.0)


def weights_add_up(*weights: float) -> bool:
	return abs(sum(weights) - 100) < _EPSILON


def window(year: int, window_years: int) -> tuple[int, int]:
	"""The first and last year of the window ending at ``year``."""
	if window_years < 1:
		raise ValueError("window_years must be at least 1")
	return year - window_years + 1, year


@dataclass(frozen=True)
class YearScore:
	"""One approved annual assessment in the window."""

	year: int
	total_score: float
	satisfaction_rate: float | None
	grade: str


@dataclass(frozen=True)
class Candidate:
	cadre: str
	results: tuple[YearScore, ...] = ()  # approved assessments (years outside the window are ignored)
	training_hours: float = 0.0  # attended hours in the window
	has_open_case: bool = False


@dataclass(frozen=True)
class Ranked:
	rank: int
	cadre: str
	average_score: float
	average_satisfaction: float
	training_hours: float
	training_score: float
	composite_score: float


def _by_year(results: Iterable[YearScore]) -> list[YearScore]:
	# Two approved results for one year should not exist; if they do, the one listed last wins.
	return list({result.year: result for result in results}.values())


def _average(values: list[float]) -> float:
	return sum(values) / len(values) if values else 0.0


def training_score(hours: float, window_years: int, hours_per_year: float = HOURS_PER_YEAR) -> float:
	"""100 when the cadre attended ``hours_per_year`` hours a year on average over the window, pro rata below."""
	if window_years < 1:
		raise ValueError("window_years must be at least 1")
	return 100 * min(1.0, max(0.0, float(hours or 0)) / (window_years * hours_per_year))


def in_window(results: Iterable[YearScore], first_year: int, last_year: int) -> list[YearScore]:
	"""The results of the window's years, one per year."""
	return [result for result in _by_year(results) if first_year <= result.year <= last_year]


def exclusion(candidate: Candidate, year: int, window_years: int) -> str | None:
	"""Why a candidate is left out of the ranking ("no_assessment", "failed", "open_case"), or None."""
	results = in_window(candidate.results, *window(year, window_years))
	if not results:
		return "no_assessment"
	if any(result.grade == FAIL for result in results):
		return "failed"
	if candidate.has_open_case:
		return "open_case"
	return None


def score(
	candidate: Candidate,
	weights: RankingWeights,
	year: int,
	window_years: int,
	training_years: int | None = None,
) -> Ranked:
	"""The candidate's composite score over the window ending at ``year`` (rank 0: not ranked yet);
	``training_years``: the years of the window with training on record (default: all of them)."""
	results = in_window(candidate.results, *window(year, window_years))
	average_score = _average([float(result.total_score or 0) for result in results])
	# An assessment without a survey result shows nothing about satisfaction.
	average_satisfaction = _average(
		[float(result.satisfaction_rate) for result in results if result.satisfaction_rate is not None]
	)
	training = training_score(candidate.training_hours, training_years or window_years)
	composite = (
		weights.score * average_score
		+ weights.satisfaction * average_satisfaction
		+ weights.training * training
	) / 100
	return Ranked(
		rank=0,
		cadre=candidate.cadre,
		average_score=_round2(average_score),
		average_satisfaction=_round2(average_satisfaction),
		training_hours=_round2(float(candidate.training_hours or 0)),
		training_score=_round2(training),
		composite_score=_round2(composite),
	)


def rank_secretaries(
	candidates: Iterable[Candidate],
	weights: RankingWeights,
	year: int,
	window_years: int,
	limit: int = 10,
	training_years: int | None = None,
) -> list[Ranked]:
	"""The eligible candidates, best first, numbered 1..limit (no shared ranks).

	Compares the rounded scores that the report shows, so a tie the reader sees is broken the documented way.
	"""
	if limit < 1:
		raise ValueError("limit must be at least 1")
	scored = [
		score(candidate, weights, year, window_years, training_years)
		for candidate in candidates
		if not exclusion(candidate, year, window_years)
	]
	scored.sort(key=lambda item: (-item.composite_score, -item.average_score, item.cadre))
	return [replace(item, rank=position) for position, item in enumerate(scored[:limit], start=1)]


# ---------------------------------------------------------------- a province of candidates, from totals


@dataclass(frozen=True)
class WindowTotals:
	"""A candidate's approved assessments of the window, totalled (by the database, one row per cadre), its
	attended training hours and whether it has an open case. With one result a year (`exact`), which the
	assessments guarantee, the totals decide as `exclusion` and `score` decide on the results."""

	cadre: str
	assessments: int = 0  # approved assessments in the window
	years: int = 0  # distinct years among them
	failed: bool = False  # one of them is graded Fail
	total_score: float = 0.0  # the sum of their total scores
	satisfaction: float = 0.0  # the sum of their known satisfaction rates
	satisfaction_count: int = 0  # how many are known
	training_hours: float = 0.0
	has_open_case: bool = False

	@property
	def exact(self) -> bool:
		return self.assessments == self.years


def exclusion_of_totals(totals: WindowTotals) -> str | None:
	"""`exclusion` from exact totals."""
	if not totals.years:
		return "no_assessment"
	if totals.failed:
		return "failed"
	if totals.has_open_case:
		return "open_case"
	return None


def composite_of_totals(
	totals: WindowTotals, weights: RankingWeights, window_years: int, training_years: int | None = None
) -> float:
	"""The composite score `score` gives, unrounded, from exact totals."""
	average_score = totals.total_score / totals.years if totals.years else 0.0
	average_satisfaction = (
		totals.satisfaction / totals.satisfaction_count if totals.satisfaction_count else 0.0
	)
	training = training_score(totals.training_hours, training_years or window_years)
	return (
		weights.score * average_score
		+ weights.satisfaction * average_satisfaction
		+ weights.training * training
	) / 100


def shortlist(
	totals: Iterable[WindowTotals],
	weights: RankingWeights,
	window_years: int,
	limit: int,
	training_years: int | None = None,
) -> set[str]:
	"""The cadres that can be among the first `limit` of `rank_secretaries`, so only their results need
	loading and ranking: those whose totals are not exact (their results decide), and the eligible ones whose
	composite is within SHORTLIST_MARGIN of the `limit`-th best. Anyone further below rounds to a lower
	composite than each of the `limit` best and ranks after all of them."""
	inexact, scored = set(), []
	for candidate in totals:
		if not candidate.exact:
			inexact.add(candidate.cadre)
		elif exclusion_of_totals(candidate) is None:
			scored.append(
				(composite_of_totals(candidate, weights, window_years, training_years), candidate.cadre)
			)
	if len(scored) <= limit:
		return inexact | {cadre for _composite, cadre in scored}
	threshold = heapq.nlargest(limit, (composite for composite, _cadre in scored))[-1] - SHORTLIST_MARGIN
	return inexact | {cadre for composite, cadre in scored if composite >= threshold}
