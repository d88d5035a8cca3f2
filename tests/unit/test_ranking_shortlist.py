"""Plain pytest for the province path of community_gov.rules.ranking: totals, shortlist and their agreement
with the rule on the results (`exclusion`, `score`, `rank_secretaries`)."""

import random

import pytest

from community_gov.rules.ranking import (
	FAIL,
	Candidate,
	RankingWeights,
	WindowTotals,
	YearScore,
	composite_of_totals,
	exclusion,
	exclusion_of_totals,
	rank_secretaries,
	score,
	shortlist,
)

YEAR, WINDOW = 2025, 3


def totals_of(candidate: Candidate) -> WindowTotals:
	"""What the report's grouped query returns for a candidate (the window's results)."""
	results = [result for result in candidate.results if YEAR - WINDOW < result.year <= YEAR]
	known = [result.satisfaction_rate for result in results if result.satisfaction_rate is not None]
	return WindowTotals(
		cadre=candidate.cadre,
		assessments=len(results),
		years=len({result.year for result in results}),
		failed=any(result.grade == FAIL for result in results),
		total_score=sum(result.total_score for result in results),
		satisfaction=sum(known),
		satisfaction_count=len(known),
		training_hours=candidate.training_hours,
		has_open_case=candidate.has_open_case,
	)


def district(size: int, seed: int, scores=(60, 97), duplicates: float = 0.0) -> list[Candidate]:
	rng = random.Random(seed)
	candidates = []
	for number in range(size):
		results = []
		for year in rng.sample(range(YEAR - 3, YEAR + 1), rng.randint(0, 4)):
			for _copy in range(2 if rng.random() < duplicates else 1):
				results.append(
					YearScore(
						year=year,
						total_score=round(rng.uniform(*scores), 1),
						satisfaction_rate=None if rng.random() < 0.1 else round(rng.uniform(50, 99), 1),
						grade=FAIL if rng.random() < 0.05 else "Competent",
					)
				)
		candidates.append(
			Candidate(
				cadre=f"C{number:05d}",
				results=tuple(results),
				training_hours=rng.choice((0, 6, 12, 24, 48, 80)),
				has_open_case=rng.random() < 0.03,
			)
		)
	return candidates


def test_totals_decide_as_the_results_do():
	weights = RankingWeights()
	for candidate in district(2000, seed=1):
		totals = totals_of(candidate)
		assert totals.exact
		assert exclusion_of_totals(totals) == exclusion(candidate, YEAR, WINDOW)
		if exclusion(candidate, YEAR, WINDOW) is None:
			composite = composite_of_totals(totals, weights, WINDOW, 2)
			assert score(candidate, weights, YEAR, WINDOW, 2).composite_score == pytest.approx(
				composite, abs=0.005
			)


@pytest.mark.parametrize(
	("seed", "scores", "duplicates", "limit"),
	[
		(2, (60, 97), 0.0, 10),
		(3, (79, 81), 0.0, 10),  # close scores: ties after rounding
		(4, (80, 80), 0.0, 25),  # equal scores: the average and the name decide
		(5, (60, 97), 0.05, 10),  # two results for a year: not exact, decided on the results
		(6, (60, 97), 0.0, 5000),  # a limit above the eligible
	],
)
def test_ranking_the_shortlist_gives_the_same_first_ones(seed, scores, duplicates, limit):
	candidates = district(3000, seed, scores, duplicates)
	weights = RankingWeights(55, 25, 20)
	everyone = rank_secretaries(candidates, weights, YEAR, WINDOW, limit, 3)
	chosen = shortlist([totals_of(c) for c in candidates], weights, WINDOW, limit, 3)
	assert len(chosen) < len(candidates) or limit >= len(candidates)
	shortlisted = rank_secretaries(
		[c for c in candidates if c.cadre in chosen], weights, YEAR, WINDOW, limit, 3
	)
	assert shortlisted == everyone


def test_inexact_totals_are_always_shortlisted():
	doubled = Candidate(
		"X",
		(YearScore(2025, 50, 50, FAIL), YearScore(2025, 99, 99, "Excellent")),
		training_hours=0,
	)
	totals = totals_of(doubled)
	assert not totals.exact
	assert shortlist([totals], RankingWeights(), WINDOW, 10) == {"X"}
	assert exclusion(doubled, YEAR, WINDOW) is None  # the later result of 2025 counts
