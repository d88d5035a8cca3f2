"""Plain pytest for community_gov.rules.ranking (Top Ten Secretaries); no Frappe needed."""

import pytest

from community_gov.rules.ranking import (
	HOURS_PER_YEAR,
	Candidate,
	RankingWeights,
	YearScore,
	exclusion,
	in_window,
	rank_secretaries,
	score,
	training_score,
	weights_add_up,
	window,
)

DEFAULT = RankingWeights()
YEAR = 2025


def result(year, total=80.0, satisfaction=80.0, grade="Competent"):
	return YearScore(year=year, total_score=total, satisfaction_rate=satisfaction, grade=grade)


def candidate(cadre, *results, hours=0.0, open_case=False):
	return Candidate(cadre=cadre, results=tuple(results), training_hours=hours, has_open_case=open_case)


def ranked(candidates, weights=DEFAULT, year=YEAR, window_years=3, limit=10):
	return [
		(item.rank, item.cadre) for item in rank_secretaries(candidates, weights, year, window_years, limit)
	]


# Weights and window


def test_default_weights_are_60_20_20():
	assert (DEFAULT.score, DEFAULT.satisfaction, DEFAULT.training) == (60, 20, 20)


@pytest.mark.parametrize("weights", [(60, 20, 10), (60, 30, 20), (0, 0, 0), (100, 1, 0)])
def test_weights_not_adding_up_to_100_are_refused(weights):
	assert not weights_add_up(*weights)
	with pytest.raises(ValueError, match="add up to 100"):
		RankingWeights(*weights)


def test_weights_adding_up_with_decimals_are_accepted():
	assert weights_add_up(33.3, 33.3, 33.4)
	RankingWeights(33.3, 33.3, 33.4)
	RankingWeights(100, 0, 0)


def test_negative_weight_is_refused():
	with pytest.raises(ValueError, match="negative"):
		RankingWeights(120, -20, 0)


def test_window_covers_the_years_ending_at_the_year():
	assert window(2025, 3) == (2023, 2025)
	assert window(2025, 1) == (2025, 2025)
	with pytest.raises(ValueError):
		window(2025, 0)


def test_in_window_keeps_one_result_per_year_the_last_listed():
	results = [result(2021), result(2023, total=70), result(2023, total=90), result(2025), result(2026)]
	assert [(r.year, r.total_score) for r in in_window(results, 2023, 2025)] == [(2023, 90), (2025, 80)]


# Training score


def test_training_score_is_proportional_and_capped_at_100():
	assert HOURS_PER_YEAR == 24
	assert training_score(0, 3) == 0
	assert training_score(36, 3) == pytest.approx(50)  # 36 / 72
	assert training_score(72, 3) == 100
	assert training_score(200, 3) == 100
	assert training_score(12, 1) == pytest.approx(50)
	assert training_score(None, 3) == 0


def test_training_score_needs_a_window():
	with pytest.raises(ValueError):
		training_score(10, 0)


# Exclusions


def test_no_assessment_in_the_window_is_left_out():
	assert exclusion(candidate("C1"), YEAR, 3) == "no_assessment"
	assert exclusion(candidate("C1", result(2022), result(2026)), YEAR, 3) == "no_assessment"
	assert exclusion(candidate("C1", result(2023)), YEAR, 3) is None


def test_a_fail_in_the_window_excludes_but_one_before_it_does_not():
	assert exclusion(candidate("C1", result(2024, grade="Fail"), result(2025)), YEAR, 3) == "failed"
	assert exclusion(candidate("C1", result(2022, grade="Fail"), result(2025)), YEAR, 3) is None


def test_an_open_case_excludes():
	assert exclusion(candidate("C1", result(2025), open_case=True), YEAR, 3) == "open_case"


# Score


def test_composite_score_by_hand():
	# Averages: total (90 + 80) / 2 = 85, satisfaction (95 + 85) / 2 = 90; training 36 h / 72 h = 50.
	item = score(
		candidate("C1", result(2024, 90, 95, "Excellent"), result(2025, 80, 85), hours=36), DEFAULT, YEAR, 3
	)
	assert (item.average_score, item.average_satisfaction, item.training_score) == (85, 90, 50)
	assert item.training_hours == 36
	assert item.composite_score == pytest.approx(0.6 * 85 + 0.2 * 90 + 0.2 * 50)  # 79.0


def test_training_counts_over_the_years_with_training_on_record():
	# 3-year window, training on record in 1 of its years: 12 h of 24 h = 50, not 12 of 72.
	item = score(candidate("C1", result(2025, 80, 80), hours=12), DEFAULT, YEAR, 3, training_years=1)
	assert item.training_score == 50
	assert item.composite_score == pytest.approx(0.6 * 80 + 0.2 * 80 + 0.2 * 50)  # 74.0


def test_without_training_its_weight_goes_to_the_others_in_proportion():
	assert DEFAULT.without_training() == RankingWeights(75, 25, 0)
	assert RankingWeights(50, 30, 20).without_training() == RankingWeights(62.5, 37.5, 0)
	# 0.75 x 80 + 0.25 x 90 = 82.5: the composite stays on 0..100.
	item = score(candidate("C1", result(2025, 80, 90)), DEFAULT.without_training(), YEAR, 1)
	assert item.composite_score == 82.5
	with pytest.raises(ValueError):
		RankingWeights(0, 0, 100).without_training()


def test_other_weights_and_rounding_half_up():
	# 100% on the total score: the average 80.125 rounds half up to 80.13.
	item = score(
		candidate("C1", result(2023, 80.25), result(2024, 80.0), result(2025, 80.25), result(2022, 80.0)),
		RankingWeights(100, 0, 0),
		YEAR,
		3,
	)
	assert item.average_score == pytest.approx(80.17)  # (80.25 + 80 + 80.25) / 3 = 80.1666...
	assert item.composite_score == pytest.approx(80.17)
	two = score(candidate("C2", result(2024, 80.25), result(2025, 80.0)), RankingWeights(100, 0, 0), YEAR, 3)
	assert two.average_score == 80.13  # 80.125 half up


def test_missing_satisfaction_is_not_averaged_as_zero():
	item = score(
		candidate("C1", result(2024, satisfaction=None), result(2025, satisfaction=90)), DEFAULT, YEAR, 3
	)
	assert item.average_satisfaction == 90


# Ranking


def test_ranking_orders_by_composite_and_numbers_from_one():
	candidates = [
		candidate("C1", result(2025, 80, 80)),  # 0.6*80 + 0.2*80 = 64
		candidate("C2", result(2025, 90, 90), hours=72),  # 54 + 18 + 20 = 92
		candidate("C3", result(2025, 85, 85), hours=36),  # 51 + 17 + 10 = 78
	]
	assert ranked(candidates) == [(1, "C2"), (2, "C3"), (3, "C1")]


def test_ties_broken_by_average_score_then_name():
	candidates = [
		# composite 0.6*80 + 0.2*100 = 68 and 0.6*90 + 0.2*70 = 68: the higher total score wins
		candidate("C9", result(2025, 80, 100)),
		candidate("C5", result(2025, 90, 70)),
		# identical scores: the name decides
		candidate("C2", result(2025, 80, 100)),
	]
	assert ranked(candidates) == [(1, "C5"), (2, "C2"), (3, "C9")]


def test_excluded_are_skipped_and_limit_applies():
	candidates = [
		candidate("FAIL", result(2024, 50, 50, "Fail"), result(2025, 99, 99, "Excellent"), hours=100),
		candidate("OPEN", result(2025, 99, 99, "Excellent"), open_case=True),
		candidate("NONE"),
		*(candidate(f"C{i}", result(2025, 70 + i, 80)) for i in range(5)),
	]
	assert ranked(candidates, limit=3) == [(1, "C4"), (2, "C3"), (3, "C2")]
	assert ranked(candidates) == [(1, "C4"), (2, "C3"), (3, "C2"), (4, "C1"), (5, "C0")]


def test_empty_and_bad_limit():
	assert ranked([]) == []
	with pytest.raises(ValueError):
		rank_secretaries([], DEFAULT, YEAR, 3, 0)
