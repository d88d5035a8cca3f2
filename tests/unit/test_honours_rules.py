"""Plain pytest for community_gov.rules.honours (commendations); no Frappe needed."""

import datetime

from community_gov.rules.honours import (
	KINDS,
	OTHER,
	OUTSTANDING_PARTY_MEMBER,
	ROLE_MODEL,
	TOP_TEN_SECRETARY,
	TWO_REPRESENTATIVES,
	GroupCount,
	Honour,
	count_by_year_level_kind,
	counts_by_year,
	honour_year,
	is_role_model_kind,
	kind_of,
	plan_conferral,
	summarize,
	year_problem,
)


def test_kind_as_given_else_from_the_title_else_other():
	assert kind_of(ROLE_MODEL, "十佳社区党组织书记") == ROLE_MODEL
	assert kind_of(None, "十佳社区党组织书记") == TOP_TEN_SECRETARY
	assert kind_of("", " 优秀共产党员 ") == OUTSTANDING_PARTY_MEMBER
	assert kind_of(None, "先进典型") == ROLE_MODEL
	assert kind_of(None, "优秀党务工作者") == OTHER
	assert kind_of(None, None) == OTHER


def test_role_models_are_the_exemplar_titles():
	assert [kind for kind in KINDS if is_role_model_kind(kind)] == [
		ROLE_MODEL,
		OUTSTANDING_PARTY_MEMBER,
		TOP_TEN_SECRETARY,
	]
	assert not is_role_model_kind(TWO_REPRESENTATIVES)
	assert not is_role_model_kind(None)


def test_year_as_given_else_from_the_award_date():
	assert honour_year(2025, datetime.date(2026, 2, 26)) == 2025
	assert honour_year(None, datetime.date(2026, 2, 26)) == 2026
	assert honour_year(0, None) is None


def test_year_problems():
	feb = datetime.date(2026, 2, 26)
	assert year_problem(2025, feb, 2000, 2027) is None  # the Top Ten of 2025, awarded in 2026
	assert year_problem(2026, feb, 2000, 2027) is None
	assert year_problem(2027, feb, 2000, 2027) == "after_award"
	assert year_problem(1999, None, 2000, 2027) == "range"
	assert year_problem(2028, None, 2000, 2027) == "range"
	assert year_problem(2027, None, 2000, 2027) is None


# Worked by hand: A holds two honours of 2025 (Top Ten, District; Outstanding Party Member, City) and a
# recommendation of 2024; B a Top Ten of 2025 and an "Other" without a year; C an Outstanding Party Member
# of 2024 at District level.
HONOURS = [
	Honour("A", 2025, "District", TOP_TEN_SECRETARY),
	Honour("A", 2025, "City", OUTSTANDING_PARTY_MEMBER),
	Honour("A", 2024, "Province", TWO_REPRESENTATIVES),
	Honour("B", 2025, "District", TOP_TEN_SECRETARY),
	Honour("B", None, None, OTHER),
	Honour("C", 2024, "District", OUTSTANDING_PARTY_MEMBER),
]


def test_counts_by_year_level_and_kind():
	assert count_by_year_level_kind(HONOURS) == [
		GroupCount(2025, "City", OUTSTANDING_PARTY_MEMBER, honours=1, cadres=1),
		GroupCount(2025, "District", TOP_TEN_SECRETARY, honours=2, cadres=2),
		GroupCount(2024, "Province", TWO_REPRESENTATIVES, honours=1, cadres=1),
		GroupCount(2024, "District", OUTSTANDING_PARTY_MEMBER, honours=1, cadres=1),
		GroupCount(None, None, OTHER, honours=1, cadres=1),
	]
	assert count_by_year_level_kind([]) == []


def test_one_cadre_twice_in_a_group_counts_once_as_a_cadre():
	twice = [Honour("A", 2025, "District", ROLE_MODEL), Honour("A", 2025, "District", ROLE_MODEL)]
	assert count_by_year_level_kind(twice) == [GroupCount(2025, "District", ROLE_MODEL, honours=2, cadres=1)]


def test_summary_counts_role_models_as_people():
	summary = summarize(HONOURS)
	assert summary.honours == 6
	assert summary.cadres == 3
	# A (Top Ten, Outstanding Party Member: once), B (Top Ten), C (Outstanding Party Member).
	assert summary.role_models == 3
	assert summary.by_kind == {
		ROLE_MODEL: 0,
		OUTSTANDING_PARTY_MEMBER: 2,
		TOP_TEN_SECRETARY: 2,
		TWO_REPRESENTATIVES: 1,
		OTHER: 1,
	}
	only_recommended = summarize(
		[Honour("D", 2025, "City", TWO_REPRESENTATIVES), Honour("E", 2025, None, OTHER)]
	)
	assert (only_recommended.cadres, only_recommended.role_models) == (2, 0)


def test_counts_by_year_for_the_chart():
	years, series = counts_by_year(HONOURS)
	assert years == [2024, 2025]
	assert series[TOP_TEN_SECRETARY] == [0, 2]
	assert series[OUTSTANDING_PARTY_MEMBER] == [1, 1]
	assert series[TWO_REPRESENTATIVES] == [1, 0]
	assert series[OTHER] == [0, 0]  # B's honour has no year
	assert counts_by_year([]) == ([], {kind: [] for kind in KINDS})


RANKED = ["R1", "R2", "R3"]


def test_conferral_defaults_to_the_whole_ranking():
	plan = plan_conferral(RANKED, None, ())
	assert plan.to_confer == ("R1", "R2", "R3")
	assert plan.already_conferred == ()
	assert plan.not_ranked == ()


def test_conferring_again_writes_nothing():
	plan = plan_conferral(RANKED, None, {"R1", "R2", "R3"})
	assert plan.to_confer == ()
	assert plan.already_conferred == ("R1", "R2", "R3")


def test_conferral_to_some_in_ranking_order_each_once():
	plan = plan_conferral(RANKED, ["R3", "R1", "R3"], {"R1"})
	assert plan.to_confer == ("R3",)
	assert plan.already_conferred == ("R1",)


def test_conferral_names_the_cadres_outside_the_ranking():
	plan = plan_conferral(RANKED, ["X9", "R2", "X1", "X9"], ())
	assert plan.not_ranked == ("X9", "X1")
	assert plan.to_confer == ("R2",)
