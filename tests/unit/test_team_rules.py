"""The team's figures (community_gov.rules.team): hand-worked cases, and seed 003's figures recomputed from
the fixture built for them (tests/unit/fixtures/seed_003_team.json; plain pytest)."""

import datetime
import json
from pathlib import Path

from community_gov import constants
from community_gov.rules import team

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "seed_003_team.json"


def seed_003():
	data = json.loads(FIXTURE.read_text(encoding="utf-8"))
	for cadre in data["cadres"]:
		cadre["date_of_birth"] = datetime.date.fromisoformat(cadre["date_of_birth"])
	return data, datetime.date.fromisoformat(data["as_on_date"])


def test_rounding_is_half_up_to_one_decimal():
	assert team.round1(45.45) == 45.5
	assert team.round1(None) is None
	assert team.average(181, 4) == 45.3  # 45.25
	assert team.average(0, 0) is None
	assert team.percent(88, 93) == 94.6  # 94.623…
	assert team.percent(79, 93) == 84.9  # why seed 003's 85% cannot be of the 93 secretaries alone
	assert team.percent(1, 0) is None
	assert team.average_years(2191 + 730 + 1277, 3) == 3.8  # 4198 / 3 / 365.25 = 3.83


def test_figures_of_a_small_team():
	on = datetime.date(2026, 6, 30)
	communities = [{"grid_party_groups": 4}, {"grid_party_groups": None}, {"grid_party_groups": 3}]
	cadres = [
		# 35 (birthday the next day), 46, and no date of birth (left out of the average, not counted as 0).
		{"position": "Secretary", "date_of_birth": datetime.date(1990, 7, 1), "education": "College", "also_director": 1},
		{"position": "Secretary", "date_of_birth": datetime.date(1980, 6, 30), "education": "High School", "also_director": "0"},
		{"position": "Community Worker", "date_of_birth": None, "education": "Undergraduate", "also_director": 1},
	]  # fmt: skip
	figures = team.team_figures(communities, cadres, on, constants.COLLEGE_OR_ABOVE)
	assert figures == team.TeamFigures(
		communities=3,
		grid_party_groups=7,
		cadres=3,
		average_age=40.5,  # (35 + 46) / 2
		college_or_above=2,
		college_or_above_percent=66.7,
		secretaries=2,
		also_director=1,  # the worker's flag does not count: the ratio is of the secretaries
		also_director_percent=50.0,
	)
	empty = team.team_figures([], [], on, constants.COLLEGE_OR_ABOVE)
	assert (empty.average_age, empty.college_or_above_percent, empty.also_director_percent) == (
		None,
		None,
		None,
	)


def test_the_secretary_is_the_cadre_option():
	assert team.SECRETARY == constants.SECRETARY


def test_seed_003_figures_from_the_fixture():
	data, on = seed_003()
	figures = team.team_figures(data["communities"], data["cadres"], on, constants.COLLEGE_OR_ABOVE)
	assert figures.communities == 93
	assert figures.grid_party_groups == 483
	assert figures.cadres == 400
	assert figures.average_age == 45.0  # 18,000 completed years / 400
	assert (figures.college_or_above, figures.college_or_above_percent) == (340, 85.0)
	assert (figures.secretaries, figures.also_director, figures.also_director_percent) == (93, 88, 94.6)


def test_seed_003_fixture_is_consistent():
	data, on = seed_003()
	names = [c["community_name"] for c in data["communities"]]
	assert len(set(names)) == 93
	assert {c["sub_district"] for c in data["communities"]} == set(data["sub_districts"])
	assert {c["community_type"] for c in data["communities"]} == {"Urban", "Village-to-Residential"}
	secretaries = [c["community"] for c in data["cadres"] if c["position"] == "Secretary"]
	assert sorted(secretaries) == sorted(names)  # one secretary in every community
	assert {c["community"] for c in data["cadres"]} == set(names)
	# Every birthday falls before the date, so each cadre's age is the year's difference.
	assert all(
		(c["date_of_birth"].month, c["date_of_birth"].day) <= (on.month, on.day) for c in data["cadres"]
	)


def test_seed_003_by_community_type():
	data, on = seed_003()
	types = {c["community_name"]: c["community_type"] for c in data["communities"]}
	village = [c for c in data["communities"] if c["community_type"] == "Village-to-Residential"]
	figures = team.team_figures(
		village,
		[c for c in data["cadres"] if types[c["community"]] == "Village-to-Residential"],
		on,
		constants.COLLEGE_OR_ABOVE,
	)
	# 贤士湖管理处's first six communities, the 37th to the 42nd: past the first 18 (6 groups) and the first 28
	# (two workers), so 5 groups and 3 posts + 1 worker each.
	assert (figures.communities, figures.grid_party_groups, figures.cadres, figures.secretaries) == (
		6,
		30,
		24,
		6,
	)


def test_ethnic_make_up():
	# Two Han (one written 汉), a 回族 and a 满族, two with no 民族 recorded: 2 of the 4 recorded are minorities.
	figures = team.ethnic_make_up(["汉族", " 汉 ", "回族", "满族", "", None])
	assert (figures.han, figures.minorities, figures.not_recorded) == (2, 2, 2)
	assert figures.minority_percent == 50.0
	assert team.ethnic_make_up([]).minority_percent is None
	assert team.ethnic_make_up(["汉族"] * 94 + ["回族"] * 4 + ["满族"] * 2).minority_percent == 6.0
	assert team.is_han("汉族") and not team.is_han("回族") and not team.is_han(None)


def test_the_demo_register_s_ethnic_make_up():
	"""The demo register's 民族 (fixtures/cadres.json), as Team Structure shows it for all positions: 494 汉族,
	20 回族 and 5 满族 of 519: 25 / 519 = 4.8%; of the 71 secretaries, 2 满族 and 1 回族: 3 / 71 = 4.2%."""
	cadres = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "cadres.json").read_text("utf-8"))
	figures = team.ethnic_make_up(cadre["ethnicity"] for cadre in cadres)
	assert (figures.han, figures.minorities, figures.not_recorded, figures.minority_percent) == (
		494,
		25,
		0,
		4.8,
	)
	secretaries = team.ethnic_make_up(c["ethnicity"] for c in cadres if c["position"] == "Secretary")
	assert (secretaries.minorities, secretaries.minority_percent) == (3, 4.2)
