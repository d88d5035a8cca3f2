"""Plain pytest for community_gov.rules.reserves: which reserves count as cultivated (培养), and since when
(seed 004: "2017年以来,培养社区后备干部255名"). Worked by hand."""

import datetime

from community_gov.rules.reserves import CULTIVATED_STATUSES, cultivated_since, cultivation_began

D = datetime.date
TRAINED_2017 = datetime.datetime(2017, 1, 1, 9, 30)  # the Start Training step's record, a datetime


def test_cultivation_begins_with_training_not_nomination():
	# Nominated late in 2016, trained from the first day of 2017: one of 2017's.
	assert cultivation_began("In Training", TRAINED_2017, D(2016, 10, 1)) == D(2017, 1, 1)
	assert cultivated_since("In Training", TRAINED_2017, D(2016, 10, 1), 2017)
	assert not cultivated_since("In Training", TRAINED_2017, D(2016, 10, 1), 2018)
	# Trained in 2016: cultivated, but not since 2017.
	assert cultivated_since("Qualified", D(2016, 9, 1), D(2016, 5, 1))
	assert not cultivated_since("Qualified", D(2016, 9, 1), D(2016, 5, 1), 2017)


def test_nominated_or_withdrawn_in_selection_is_not_cultivated():
	for status in ("Nominated", "Forum Talk", "Questionnaire", "Inspection", "Withdrawn"):
		assert cultivation_began(status, None, D(2019, 3, 1)) is None, status
		assert not cultivated_since(status, None, D(2019, 3, 1)), status


def test_withdrawn_after_training_began_was_cultivated():
	assert cultivated_since("Withdrawn", D(2018, 6, 1), D(2018, 3, 1), 2017)


def test_a_cultivated_status_without_the_step_s_date_counts_from_nomination():
	assert set(CULTIVATED_STATUSES) == {"In Training", "Qualified", "Elected", "Appointed"}
	for status in CULTIVATED_STATUSES:
		assert cultivation_began(status, None, D(2022, 6, 1)) == D(2022, 6, 1), status
	assert cultivated_since("Appointed", None, D(2022, 6, 1), 2022)
	assert not cultivated_since("Appointed", None, D(2022, 6, 1), 2023)


def test_since_any_year():
	assert cultivated_since("Elected", D(2012, 1, 1), D(2011, 12, 1), None)
	assert cultivated_since("Elected", D(2012, 1, 1), D(2011, 12, 1), 0)
