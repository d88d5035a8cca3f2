"""Plain pytest for community_gov.rules.training (BRIEF R6); no Frappe needed."""

from datetime import datetime

import pytest

from community_gov.rules.training import (
	ATTENDANCE_STATUSES,
	LEVEL_RANK,
	LEVELS,
	SEAT_HOLDING_STATUSES,
	SESSION_STATUS_COLOURS,
	SESSION_STATUS_MOVES,
	SESSION_STATUSES,
	AttendanceRecord,
	Compliance,
	SessionStat,
	TrainingSettings,
	can_move_session,
	compliance,
	find_clash,
	overlaps,
	seats_left,
	session_hours,
	training_statistics,
)

DEFAULT = TrainingSettings()
YEAR = 2024


def at(hour, minute=0, day=1):
	return datetime(YEAR, 3, day, hour, minute)


def attended(level="District", year=YEAR, hours=0.0, rotation=False, session=None):
	return AttendanceRecord(
		year=year, level=level, status="Attended", hours=hours, is_rotation=rotation, session=session
	)


def rotation(year):
	# A sub-district rotation session: meets the rotation rule without being centralized training.
	return attended(level="Sub District", year=year, rotation=True, session=f"ROT-{year}")


# --- constants ---------------------------------------------------------------------------------------------


def test_levels_rank_ascending():
	assert LEVELS == ("Sub District", "District", "City")
	assert LEVEL_RANK == {"Sub District": 1, "District": 2, "City": 3}
	assert ATTENDANCE_STATUSES == ("Enrolled", "Attended", "Absent", "Excused")


# --- clashes -------------------------------------------------------------------------------------------------


def test_touching_intervals_do_not_overlap():
	assert not overlaps(at(8), at(10), at(10), at(12))
	assert not overlaps(at(10), at(12), at(8), at(10))


def test_containment_and_partial_overlap():
	assert overlaps(at(8), at(12), at(9), at(10))  # b inside a
	assert overlaps(at(9), at(10), at(8), at(12))  # a inside b
	assert overlaps(at(8), at(10), at(9), at(11))  # partial
	assert overlaps(at(9), at(11), at(8), at(10))
	assert overlaps(at(8), at(10), at(8), at(10))  # identical


def test_disjoint_days_do_not_overlap():
	assert not overlaps(at(8, day=1), at(17, day=1), at(8, day=2), at(17, day=2))


def test_find_clash_returns_first_in_given_order():
	others = [
		("TS-1", at(7), at(8)),  # before
		("TS-2", at(10), at(11)),  # partial
		("TS-3", at(9), at(12)),  # also clashes, but later in the list
	]
	assert find_clash(at(9), at(10, 30), others) == "TS-2"
	assert find_clash(at(9), at(10, 30), list(reversed(others))) == "TS-3"


def test_find_clash_none():
	others = [("TS-1", at(7), at(9)), ("TS-2", at(11), at(12))]
	assert find_clash(at(9), at(11), others) is None
	assert find_clash(at(9), at(11), []) is None


# --- hours and seats ---------------------------------------------------------------------------------------


def test_session_hours():
	assert session_hours(at(9), at(12)) == 3.0
	assert session_hours(at(9), at(10, 30)) == 1.5
	assert session_hours(at(9), at(9, 20)) == 0.33
	assert session_hours(at(9), at(9, 40)) == 0.67
	assert session_hours(at(9, day=1), at(9, day=2)) == 24.0


@pytest.mark.parametrize("end", [at(9), at(8)])
def test_session_hours_rejects_empty_or_reversed(end):
	with pytest.raises(ValueError):
		session_hours(at(9), end)


def test_seats_left():
	assert seats_left(30, 0) == 30
	assert seats_left(30, 29) == 1
	assert seats_left(30, 30) == 0
	assert seats_left(30, 35) == 0  # never negative
	assert seats_left(0, 0) == 0  # capacity 0 means no seats


def test_seat_holding_statuses():
	assert set(SEAT_HOLDING_STATUSES) == {"Enrolled", "Attended"}  # absent and excused free the seat
	assert set(SEAT_HOLDING_STATUSES) <= set(ATTENDANCE_STATUSES)


# --- session status map ------------------------------------------------------------------------------------


def test_session_status_map_is_complete():
	assert set(SESSION_STATUS_COLOURS) == set(SESSION_STATUSES)
	assert set(SESSION_STATUS_MOVES) <= set(SESSION_STATUSES)
	for targets in SESSION_STATUS_MOVES.values():
		assert set(targets) <= set(SESSION_STATUSES)


@pytest.mark.parametrize(
	"status, to_status, allowed",
	[
		("Planned", "Enrolling", True),
		("Planned", "In Progress", True),
		("Enrolling", "In Progress", True),
		("In Progress", "Cancelled", True),
		("Enrolling", "Planned", False),  # no way back
		("In Progress", "Completed", False),  # completing is submitting, not a status move
		("Completed", "Cancelled", False),
		("Cancelled", "Enrolling", False),
		("Unknown", "Enrolling", False),
	],
)
def test_can_move_session(status, to_status, allowed):
	assert can_move_session(status, to_status) is allowed


# --- compliance: centralized training for secretaries ------------------------------------------------------


def test_secretary_with_one_district_session_attended_is_compliant():
	result = compliance([attended("District", session="TS-1"), rotation(YEAR)], YEAR, True, DEFAULT)
	assert isinstance(result, Compliance)
	assert result.central_required == 1
	assert result.central_attended == 1
	assert result.compliant
	assert result.shortfalls == ()


@pytest.mark.parametrize("status", ["Enrolled", "Absent", "Excused"])
def test_enrolling_is_not_attending(status):
	record = AttendanceRecord(year=YEAR, level="District", status=status, hours=8, session="TS-1")
	result = compliance([record, rotation(YEAR)], YEAR, True, DEFAULT)
	assert result.central_attended == 0
	assert not result.compliant
	assert result.shortfalls == ("central",)


def test_sub_district_session_is_not_centralized_training():
	result = compliance([attended("Sub District", session="TS-1"), rotation(YEAR)], YEAR, True, DEFAULT)
	assert result.central_attended == 0
	assert result.shortfalls == ("central",)


def test_city_counts_as_above_district():
	result = compliance([attended("City", session="TS-1"), rotation(YEAR)], YEAR, True, DEFAULT)
	assert result.central_attended == 1
	assert result.compliant


def test_min_level_city_setting():
	settings = TrainingSettings(central_training_min_level="City")
	district = compliance([attended("District", session="TS-1"), rotation(YEAR)], YEAR, True, settings)
	city = compliance([attended("City", session="TS-2"), rotation(YEAR)], YEAR, True, settings)
	assert district.shortfalls == ("central",)
	assert city.compliant


def test_central_training_of_another_year_does_not_count():
	result = compliance([attended("District", year=YEAR - 1), rotation(YEAR)], YEAR, True, DEFAULT)
	assert result.central_attended == 0
	assert result.shortfalls == ("central",)


def test_minimum_of_two_central_trainings():
	settings = TrainingSettings(secretary_min_central_trainings=2)
	one = [attended("District", session="TS-1"), rotation(YEAR)]
	two = [*one, attended("City", session="TS-2")]
	assert compliance(one, YEAR, True, settings).shortfalls == ("central",)
	assert compliance(two, YEAR, True, settings).compliant


def test_same_session_twice_is_one_training():
	settings = TrainingSettings(secretary_min_central_trainings=2)
	records = [attended("District", session="TS-1"), attended("District", session="TS-1"), rotation(YEAR)]
	assert compliance(records, YEAR, True, settings).central_attended == 1


def test_rotation_session_at_district_level_also_counts_as_central():
	result = compliance([attended("District", rotation=True, session="ROT")], YEAR, True, DEFAULT)
	assert result.central_attended == 1
	assert result.rotation_ok
	assert result.compliant


# --- compliance: rotation window ----------------------------------------------------------------------------


def test_rotation_two_years_ago_with_period_two_is_not_ok():
	result = compliance([rotation(YEAR - 2)], YEAR, False, DEFAULT)
	assert result.rotation_required_since == YEAR - 1
	assert result.last_rotation_year == YEAR - 2
	assert not result.rotation_ok
	assert result.shortfalls == ("rotation",)


def test_rotation_last_year_with_period_two_is_ok():
	result = compliance([rotation(YEAR - 1)], YEAR, False, DEFAULT)
	assert result.last_rotation_year == YEAR - 1
	assert result.rotation_ok
	assert result.compliant


def test_rotation_period_three():
	settings = TrainingSettings(rotation_period_years=3)
	ok = compliance([rotation(YEAR - 2)], YEAR, False, settings)
	late = compliance([rotation(YEAR - 3)], YEAR, False, settings)
	assert ok.rotation_required_since == YEAR - 2
	assert ok.rotation_ok
	assert not late.rotation_ok


def test_rotation_after_the_year_is_ignored():
	result = compliance([rotation(YEAR - 3), rotation(YEAR + 1)], YEAR, False, DEFAULT)
	assert result.last_rotation_year == YEAR - 3
	assert not result.rotation_ok


def test_rotation_needs_attendance():
	enrolled = AttendanceRecord(year=YEAR, level="District", status="Enrolled", is_rotation=True)
	result = compliance([enrolled], YEAR, False, DEFAULT)
	assert result.last_rotation_year is None
	assert not result.rotation_ok


def test_non_secretary_needs_no_central_training_but_needs_rotation():
	none = compliance([], YEAR, False, DEFAULT)
	assert none.central_required == 0
	assert none.shortfalls == ("rotation",)
	assert compliance([rotation(YEAR)], YEAR, False, DEFAULT).compliant


# --- compliance: hours --------------------------------------------------------------------------------------


def test_hours_count_only_for_attended_in_the_year():
	records = [
		attended("District", hours=8, session="TS-1"),
		attended("Sub District", hours=3.5, session="TS-2"),
		attended("District", year=YEAR - 1, hours=40, session="TS-0"),
		AttendanceRecord(year=YEAR, level="District", status="Enrolled", hours=6),
		AttendanceRecord(year=YEAR, level="District", status="Absent", hours=6),
		AttendanceRecord(year=YEAR, level="District", status="Excused", hours=6),
	]
	assert compliance(records, YEAR, False, DEFAULT).hours == 11.5


def test_hours_requirement_off_by_default():
	result = compliance([rotation(YEAR)], YEAR, False, DEFAULT)
	assert result.hours_required is None
	assert result.compliant


def test_hours_requirement_on():
	settings = TrainingSettings(require_yearly_hours=True, yearly_hours_required=10)
	short = compliance([attended(hours=9.5, rotation=True)], YEAR, False, settings)
	met = compliance([attended(hours=0.1, rotation=True), attended(hours=9.9)], YEAR, False, settings)
	assert short.hours_required == 10
	assert short.shortfalls == ("hours",)
	assert met.hours == 10.0
	assert met.compliant


def test_shortfalls_order():
	settings = TrainingSettings(require_yearly_hours=True)
	result = compliance([], YEAR, True, settings)
	assert result.shortfalls == ("central", "rotation", "hours")
	assert not result.compliant
	assert result.hours == 0.0


# --- settings -----------------------------------------------------------------------------------------------


def test_from_mapping_coerces_and_keeps_defaults():
	settings = TrainingSettings.from_mapping(
		{
			"secretary_min_central_trainings": "2",
			"central_training_min_level": "City",
			"rotation_period_years": 3.0,
			"require_yearly_hours": 1,
			"yearly_hours_required": "40",
			"name": "Governance Settings",  # unknown keys are ignored
		}
	)
	assert settings == TrainingSettings(
		secretary_min_central_trainings=2,
		central_training_min_level="City",
		rotation_period_years=3,
		require_yearly_hours=True,
		yearly_hours_required=40.0,
	)
	assert isinstance(settings.yearly_hours_required, float)
	assert settings.require_yearly_hours is True


@pytest.mark.parametrize(
	("raw", "expected"), [(0, False), (1, True), ("0", False), ("1", True), (True, True)]
)
def test_from_mapping_bool(raw, expected):
	assert TrainingSettings.from_mapping({"require_yearly_hours": raw}).require_yearly_hours is expected


def test_from_mapping_empty_values_keep_defaults():
	values = {
		"secretary_min_central_trainings": None,
		"central_training_min_level": "",
		"require_yearly_hours": None,
	}
	assert TrainingSettings.from_mapping(values) == DEFAULT
	assert TrainingSettings.from_mapping({}) == DEFAULT


@pytest.mark.parametrize(
	"values",
	[
		{"central_training_min_level": "Province"},
		{"rotation_period_years": 0},
		{"secretary_min_central_trainings": -1},
		{"require_yearly_hours": "maybe"},
	],
)
def test_bad_settings_fail_loudly(values):
	with pytest.raises(ValueError):
		TrainingSettings.from_mapping(values)


# --- statistics ---------------------------------------------------------------------------------------------


def stat(name, attended_count, level="District", category="General", month=3, year=2019):
	return SessionStat(
		session=name, year=year, level=level, category=category, month=month, attended=attended_count
	)


def test_seed_004_seven_classes_920_plus_person_times():
	counts = [180, 150, 140, 130, 120, 110, 93]
	assert sum(counts) == 923
	sessions = [stat(f"TS-{i}", count, month=i + 1) for i, count in enumerate(counts)]
	assert training_statistics(sessions, by=("year",)) == [{"year": 2019, "classes": 7, "person_times": 923}]


def test_statistics_by_month():
	sessions = [stat("A", 10, month=5), stat("B", 20, month=3), stat("C", 5, month=5), stat("D", 1, month=12)]
	assert training_statistics(sessions, by=("month",)) == [
		{"month": 3, "classes": 1, "person_times": 20},
		{"month": 5, "classes": 2, "person_times": 15},
		{"month": 12, "classes": 1, "person_times": 1},
	]


def test_statistics_levels_in_rank_order():
	sessions = [
		stat("A", 1, level="City"),
		stat("B", 2, level="Sub District"),
		stat("C", 3, level="District"),
	]
	rows = training_statistics(sessions, by=("level",))
	assert [row["level"] for row in rows] == ["Sub District", "District", "City"]


def test_statistics_default_grouping():
	sessions = [
		stat("A", 50, level="City", category="Key", year=2020),
		stat("B", 60, level="District", category="General", year=2019),
		stat("C", 70, level="District", category="Key", year=2019),
		stat("D", 80, level="District", category="Key", year=2019),
	]
	assert training_statistics(sessions) == [
		{"year": 2019, "level": "District", "category": "Key", "classes": 2, "person_times": 150},
		{"year": 2019, "level": "District", "category": "General", "classes": 1, "person_times": 60},
		{"year": 2020, "level": "City", "category": "Key", "classes": 1, "person_times": 50},
	]


def test_statistics_empty_and_unknown_key():
	assert training_statistics([]) == []
	with pytest.raises(ValueError):
		training_statistics([stat("A", 1)], by=("community",))
