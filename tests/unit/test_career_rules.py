"""Plain pytest for community_gov.rules.career (BRIEF R7); no Frappe needed."""

from datetime import date

import pytest

from community_gov.rules.career import (
	AGE,
	EXCELLENT,
	FAILURES,
	SERVICE,
	CareerSettings,
	Run,
	completed_years,
	evaluate,
	excellent_run,
	longest_run,
)

ON = date(2026, 6, 30)
# Born 1986-06-30: 40 on ON. Service since 2016-01-01: 10 years on ON.
BORN = date(1986, 6, 30)
STARTED = date(2016, 1, 1)


# --- settings ---------------------------------------------------------------------------------------


def test_default_settings_are_the_brief_numbers():
	settings = CareerSettings()
	assert (
		settings.career_min_service_years,
		settings.career_min_excellent_years,
		settings.career_max_age,
	) == (
		5,
		3,
		45,
	)
	assert FAILURES == (SERVICE, EXCELLENT, AGE)


def test_settings_from_mapping():
	settings = CareerSettings.from_mapping(
		{"career_min_service_years": "6", "career_min_excellent_years": None, "career_max_age": 40, "x": 1}
	)
	assert settings == CareerSettings(
		career_min_service_years=6, career_min_excellent_years=3, career_max_age=40
	)
	assert CareerSettings.from_mapping({"career_max_age": ""}) == CareerSettings()


@pytest.mark.parametrize(
	"field", ["career_min_service_years", "career_min_excellent_years", "career_max_age"]
)
def test_negative_settings_are_refused(field):
	with pytest.raises(ValueError):
		CareerSettings(**{field: -1})


# --- completed years --------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("start", "on", "expected"),
	[
		(date(1980, 5, 10), date(2025, 5, 9), 44),  # the day before the birthday
		(date(1980, 5, 10), date(2025, 5, 10), 45),  # the birthday itself
		(date(1980, 5, 10), date(2025, 12, 31), 45),
		(date(1980, 12, 31), date(2025, 12, 30), 44),
		(date(1984, 2, 29), date(2025, 2, 28), 40),  # leap-day birth, common year: 1 March is the day
		(date(1984, 2, 29), date(2025, 3, 1), 41),
		(date(1984, 2, 29), date(2024, 2, 29), 40),
		(date(2020, 1, 1), date(2020, 1, 1), 0),
		(date(2027, 1, 1), date(2026, 1, 1), 0),  # starts after the date
	],
)
def test_completed_years(start, on, expected):
	assert completed_years(start, on) == expected


def test_completed_years_of_unknown_start():
	assert completed_years(None, ON) is None


# --- runs -------------------------------------------------------------------------------------------


def test_longest_run():
	assert longest_run([]) == Run(0, None, None)
	assert longest_run([2020]) == Run(1, 2020, 2020)
	assert longest_run([2024, 2022, 2023, 2019, 2018]) == Run(3, 2022, 2024)
	assert longest_run([2020, 2020, 2021]) == Run(2, 2020, 2021)  # duplicates do not lengthen a run
	assert longest_run([2015, 2016, 2017, 2018, 2021, 2022]) == Run(4, 2015, 2018)  # anywhere in history
	assert longest_run([2010, 2011, 2020, 2021]) == Run(2, 2020, 2021)  # a tie: the latest run


def test_gap_breaks_the_run():
	assert longest_run([2020, 2021, 2023, 2024]).length == 2


def test_excellent_run_ignores_later_years():
	years = [2023, 2024, 2025, 2026]
	assert excellent_run(years) == Run(4, 2023, 2026)
	assert excellent_run(years, up_to_year=2025) == Run(3, 2023, 2025)
	assert excellent_run(years, up_to_year=2022) == Run()


# --- evaluation -------------------------------------------------------------------------------------


def test_eligible_cadre():
	result = evaluate(BORN, STARTED, [2021, 2022, 2023], ON)
	assert result.eligible
	assert (result.service_years, result.excellent_run, result.age, result.failures) == (
		10,
		Run(3, 2021, 2023),
		40,
		(),
	)


def test_each_condition_fails_alone():
	assert evaluate(BORN, date(2021, 7, 1), [2021, 2022, 2023], ON).failures == (SERVICE,)  # 4 years
	assert evaluate(BORN, STARTED, [2021, 2022, 2024], ON).failures == (EXCELLENT,)  # run of 2
	assert evaluate(date(1980, 6, 29), STARTED, [2021, 2022, 2023], ON).failures == (AGE,)  # 46


def test_all_conditions_fail_in_order():
	result = evaluate(date(1970, 1, 1), date(2025, 1, 1), [2024], ON)
	assert not result.eligible
	assert result.failures == (SERVICE, EXCELLENT, AGE)


def test_boundaries_are_inclusive():
	# Exactly 5 years of service, exactly 3 Excellent years, exactly 45 on the date.
	result = evaluate(date(1981, 6, 30), date(2021, 6, 30), [2023, 2024, 2025], ON)
	assert (result.service_years, result.excellent_run.length, result.age) == (5, 3, 45)
	assert result.eligible
	# One day earlier the service is 4 years; one day later (the 46th birthday) the age fails.
	assert evaluate(date(1981, 6, 30), date(2021, 6, 30), [2023, 2024, 2025], date(2026, 6, 29)).failures == (
		SERVICE,
	)
	assert evaluate(date(1980, 6, 30), date(2021, 6, 30), [2023, 2024, 2025], ON).failures == (AGE,)


def test_unknown_dates_fail_their_condition():
	result = evaluate(None, None, [2021, 2022, 2023], ON)
	assert (result.service_years, result.age) == (None, None)
	assert result.failures == (SERVICE, AGE)


def test_excellent_years_after_the_date_do_not_count():
	result = evaluate(BORN, STARTED, [2025, 2026, 2027], date(2026, 12, 31))
	assert result.excellent_run == Run(2, 2025, 2026)
	assert result.failures == (EXCELLENT,)


def test_settings_change_the_outcome():
	strict = CareerSettings(career_min_service_years=11, career_min_excellent_years=4, career_max_age=39)
	assert evaluate(BORN, STARTED, [2021, 2022, 2023], ON, strict).failures == (SERVICE, EXCELLENT, AGE)
	lenient = CareerSettings(career_min_service_years=0, career_min_excellent_years=0, career_max_age=99)
	assert evaluate(None, None, [], ON, lenient).failures == (SERVICE, AGE)  # unknown dates still fail
	assert evaluate(BORN, date(2026, 6, 1), [], ON, lenient).eligible
