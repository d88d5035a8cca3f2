"""Plain pytest for community_gov.rules.survey: one survey's rate and several pooled."""

import pytest

from community_gov.rules.survey import SurveyCount, count_problem, pooled_rate, survey_rate


def test_rate_of_one_survey():
	assert survey_rate(200, 150) == 75.0
	assert survey_rate(3, 2) == 66.67  # half up on 66.666…
	assert survey_rate(8, 0) == 0.0
	assert survey_rate(8, 8) == 100.0


@pytest.mark.parametrize(
	("sample_size", "satisfied", "problem"),
	[
		(0, 0, "sample_size"),
		(-5, 0, "sample_size"),
		(None, 3, "sample_size"),
		(10, -1, "satisfied_negative"),
		(10, None, "satisfied_negative"),
		(10, 11, "satisfied_above_sample"),
		(10, 10, None),
		(1, 0, None),
	],
)
def test_count_problems(sample_size, satisfied, problem):
	assert count_problem(sample_size, satisfied) == problem


def test_a_bad_survey_has_no_rate():
	with pytest.raises(ValueError):
		survey_rate(10, 11)
	with pytest.raises(ValueError):
		pooled_rate([SurveyCount(100, 80), SurveyCount(0, 0)])


def test_pooled_by_people_not_averaged_by_survey():
	# 30 asked by telephone (50%), 300 at their doors (80%): the people weigh, not the surveys.
	surveys = [SurveyCount(30, 15), SurveyCount(300, 240)]
	assert pooled_rate(surveys) == round(255 * 100 / 330, 2) == 77.27
	assert pooled_rate(surveys) != (50 + 80) / 2


def test_pooled_equals_one_survey_of_everyone():
	assert pooled_rate([SurveyCount(60, 47), SurveyCount(40, 31)]) == survey_rate(100, 78) == 78.0
	assert pooled_rate([SurveyCount(120, 90)]) == survey_rate(120, 90)


def test_no_survey_no_rate():
	assert pooled_rate([]) is None


def test_the_assessment_lists_the_survey_methods_as_the_survey_does():
	import json
	from pathlib import Path

	doctypes = (
		Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov/community_governance/doctype"
	)
	methods = []
	for name in ("satisfaction_survey", "assessment_survey"):
		meta = json.loads((doctypes / f"{name}/{name}.json").read_text(encoding="utf-8"))
		methods.append(next(df for df in meta["fields"] if df["fieldname"] == "method")["options"])
	assert methods[0] == methods[1]
