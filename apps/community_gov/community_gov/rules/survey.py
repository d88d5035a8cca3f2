"""Residents' satisfaction surveys (BRIEF R1, R2: 群众满意度): the rate of one survey and of several pooled.

Several surveys of one cadre and year are pooled by people, not averaged by survey: total satisfied over
total asked. A telephone survey of 30 and a door-to-door visit of 300 then weigh as the people they asked,
and the pooled rate is exactly what one survey of all of them would have given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from community_gov.rules.common import round2


@dataclass(frozen=True)
class SurveyCount:
	sample_size: int
	satisfied_count: int


def count_problem(sample_size: int | None, satisfied_count: int | None) -> str | None:
	"""What is wrong with a survey's numbers, as a code, or None:

	"sample_size" (not more than 0), "satisfied_negative", "satisfied_above_sample"."""
	if sample_size is None or sample_size <= 0:
		return "sample_size"
	if satisfied_count is None or satisfied_count < 0:
		return "satisfied_negative"
	if satisfied_count > sample_size:
		return "satisfied_above_sample"
	return None


def survey_rate(sample_size: int, satisfied_count: int) -> float:
	"""The satisfied share in percent, rounded to 2 decimals (half up)."""
	if count_problem(sample_size, satisfied_count):
		raise ValueError(f"Not a valid survey: {satisfied_count} satisfied of {sample_size}")
	return round2(satisfied_count * 100 / sample_size)


def pooled_rate(surveys: Iterable[SurveyCount]) -> float | None:
	"""Total satisfied over total asked, in percent; None without a survey."""
	surveys = list(surveys)
	if not surveys:
		return None
	for survey in surveys:
		if count_problem(survey.sample_size, survey.satisfied_count):
			raise ValueError(f"Not a valid survey: {survey}")
	asked = sum(survey.sample_size for survey in surveys)
	satisfied = sum(survey.satisfied_count for survey in surveys)
	return round2(satisfied * 100 / asked)
