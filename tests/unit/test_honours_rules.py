"""Plain pytest for community_gov.rules.honours (commendations); no Frappe needed."""

import datetime

from community_gov.rules.honours import (
	ADDED,
	CHANGED,
	CPPCC,
	ELECTED,
	KINDS,
	NOT_ELECTED,
	OTHER,
	OUTSTANDING_PARTY_MEMBER,
	OUTSTANDING_PARTY_WORKER,
	PARTY_CONGRESS,
	PEOPLES_CONGRESS,
	RECOMMENDED,
	REMOVED,
	ROLE_MODEL,
	TOP_TEN_SECRETARY,
	TWO_REPRESENTATIVES,
	GroupCount,
	Honour,
	HonourChange,
	count_by_year_level_kind,
	counts_by_year,
	honour_year,
	is_reserved,
	is_role_model_kind,
	kind_of,
	plan_conferral,
	recommendation_problem,
	representative_post,
	reserved_changes,
	summarize,
	year_problem,
)


def test_kind_as_given_else_from_the_title_else_other():
	assert kind_of(ROLE_MODEL, "十佳社区党组织书记") == ROLE_MODEL
	assert kind_of(None, "十佳社区党组织书记") == TOP_TEN_SECRETARY
	assert kind_of("", " 优秀共产党员 ") == OUTSTANDING_PARTY_MEMBER
	assert kind_of(None, "先进典型") == ROLE_MODEL
	assert kind_of(None, "优秀党务工作者") == OUTSTANDING_PARTY_WORKER
	assert kind_of(None, "三八红旗手") == OTHER
	assert kind_of(None, None) == OTHER


def test_role_models_are_the_exemplar_titles():
	assert [kind for kind in KINDS if is_role_model_kind(kind)] == [
		ROLE_MODEL,
		OUTSTANDING_PARTY_MEMBER,
		OUTSTANDING_PARTY_WORKER,
		TOP_TEN_SECRETARY,
	]
	assert not is_role_model_kind(TWO_REPRESENTATIVES)
	assert not is_role_model_kind(None)


def test_year_as_given_else_from_the_award_date():
	assert honour_year(2025, datetime.date(2026, 2, 26)) == 2025
	assert honour_year(None, datetime.date(2026, 2, 26)) == 2026
	assert honour_year(None, datetime.date(2026, 2, 26), OUTSTANDING_PARTY_MEMBER) == 2026
	assert honour_year(0, None) is None
	assert honour_year(0, None, TOP_TEN_SECRETARY) is None


def test_a_top_ten_title_awarded_in_january_to_march_is_for_the_year_before():
	# The Top Ten of 2025, chosen from the 2025 assessments approved in January, awarded on 26 February 2026.
	assert honour_year(None, datetime.date(2026, 2, 26), TOP_TEN_SECRETARY) == 2025
	assert honour_year(None, datetime.date(2026, 1, 2), TOP_TEN_SECRETARY) == 2025
	assert honour_year(None, datetime.date(2026, 3, 31), TOP_TEN_SECRETARY) == 2025
	# From April the award is taken to be for its own year; a year given is kept.
	assert honour_year(None, datetime.date(2026, 4, 1), TOP_TEN_SECRETARY) == 2026
	assert honour_year(None, datetime.date(2025, 12, 28), TOP_TEN_SECRETARY) == 2025
	assert honour_year(2026, datetime.date(2026, 2, 26), TOP_TEN_SECRETARY) == 2026


def test_year_problems():
	feb = datetime.date(2026, 2, 26)
	assert year_problem(2025, feb, 2000, 2027) is None  # the Top Ten of 2025, awarded in 2026
	assert year_problem(2026, feb, 2000, 2027) is None
	assert year_problem(2027, feb, 2000, 2027) == "after_award"
	assert year_problem(1999, None, 2000, 2027) == "range"
	assert year_problem(2028, None, 2000, 2027) == "range"
	assert year_problem(2027, None, 2000, 2027) is None


def test_what_a_recommendation_is_for():
	assert representative_post(None, "推荐为洛阳市党代会代表") == PARTY_CONGRESS
	assert representative_post("", "推荐为山东省人大代表") == PEOPLES_CONGRESS
	assert representative_post(None, "推荐为X区政协委员") == CPPCC
	assert representative_post(CPPCC, "推荐为山东省人大代表") == CPPCC  # as given
	assert representative_post(None, "省级推荐") is None
	assert recommendation_problem(TWO_REPRESENTATIVES, ELECTED, None) == "post"
	assert recommendation_problem(TWO_REPRESENTATIVES, NOT_ELECTED, None) == "post"
	assert recommendation_problem(TWO_REPRESENTATIVES, RECOMMENDED, None) is None
	assert recommendation_problem(TWO_REPRESENTATIVES, ELECTED, PARTY_CONGRESS) is None


# ---------------------------------------------------------------- who may record which honours


def test_only_sub_district_honours_other_than_top_ten_are_a_reviewer_s():
	assert not is_reserved("Sub District", ROLE_MODEL)
	assert not is_reserved("Sub District", OUTSTANDING_PARTY_MEMBER)
	for level in ("District", "City", "Province", "National", None):
		assert is_reserved(level, ROLE_MODEL), level
	assert is_reserved("Sub District", TOP_TEN_SECRETARY)


TOP_TEN_ROW = {"name": "r1", "honour": "十佳社区党组织书记", "kind": TOP_TEN_SECRETARY, "level": "District",
	"year": 2024, "awarded_on": datetime.date(2025, 2, 26), "awarding_body": "中共X区委"}  # fmt: skip
OWN_ROW = {"name": "r2", "honour": "党员风采墙先进典型", "kind": ROLE_MODEL, "level": "Sub District", "year": 2024,
	"awarded_on": datetime.date(2024, 7, 1), "awarding_body": "街道党工委"}  # fmt: skip
STORED = [TOP_TEN_ROW, OWN_ROW]


def test_unchanged_rows_are_no_change_as_the_form_sends_them():
	# A form sends dates and numbers as text: the same values.
	as_sent = [
		{**row, "awarded_on": row["awarded_on"].isoformat(), "year": str(row["year"])} for row in STORED
	]
	assert reserved_changes(STORED, as_sent) == []
	assert reserved_changes([], []) == []


def test_a_row_stored_before_a_rule_compares_as_saved_now():
	# Stored before kinds and the Top Ten year rule: no kind, no year. Saved again untouched, the save fills
	# them in (Top Ten Secretary, 2024): not a change of the reviewer's.
	legacy = {"name": "r9", "honour": "十佳社区党组织书记", "kind": "", "level": "District", "year": 0,
		"awarded_on": datetime.date(2025, 2, 26)}  # fmt: skip
	saved = {**legacy, "kind": TOP_TEN_SECRETARY, "year": 2024, "awarded_on": "2025-02-26"}
	assert reserved_changes([legacy], [saved]) == []
	assert reserved_changes([legacy], []) == [
		HonourChange(REMOVED, "十佳社区党组织书记", "District", TOP_TEN_SECRETARY)
	]


def test_the_department_s_honours_cannot_be_added_changed_or_removed():
	district = {"honour": "优秀共产党员", "kind": OUTSTANDING_PARTY_MEMBER, "level": "City", "year": 2025}
	assert reserved_changes(STORED, [*STORED, district]) == [
		HonourChange(ADDED, "优秀共产党员", "City", OUTSTANDING_PARTY_MEMBER)
	]
	assert reserved_changes(STORED, [OWN_ROW]) == [
		HonourChange(REMOVED, "十佳社区党组织书记", "District", TOP_TEN_SECRETARY)
	]
	changed = {**TOP_TEN_ROW, "awarding_body": "街道党工委"}
	assert reserved_changes(STORED, [changed, OWN_ROW]) == [
		HonourChange(CHANGED, "十佳社区党组织书记", "District", TOP_TEN_SECRETARY)
	]
	# A Sub District honour raised to District is a change to a reserved one, named as it is now.
	raised = {**OWN_ROW, "level": "District"}
	assert reserved_changes(STORED, [TOP_TEN_ROW, raised]) == [
		HonourChange(CHANGED, "党员风采墙先进典型", "District", ROLE_MODEL)
	]
	# A Top Ten title at Sub District level, an honour without a level: the department's too.
	top_ten_here = {"honour": "十佳社区党组织书记", "kind": TOP_TEN_SECRETARY, "level": "Sub District"}
	no_level = {"honour": "优秀共产党员", "kind": OUTSTANDING_PARTY_MEMBER, "level": ""}
	assert [change.action for change in reserved_changes([], [top_ten_here, no_level])] == [ADDED, ADDED]


def test_a_reviewer_s_own_sub_district_honours():
	new = {"honour": "百家好人", "kind": ROLE_MODEL, "level": "Sub District", "year": 2025}
	assert reserved_changes(STORED, [*STORED, new]) == []
	assert reserved_changes(STORED, [TOP_TEN_ROW, {**OWN_ROW, "awarding_body": "某街道党工委"}]) == []
	assert reserved_changes(STORED, [TOP_TEN_ROW]) == []  # its own removed


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
		OUTSTANDING_PARTY_WORKER: 0,
		TOP_TEN_SECRETARY: 2,
		TWO_REPRESENTATIVES: 1,
		OTHER: 1,
	}
	assert summary.elected == 0
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


def test_recommendations_and_those_elected():
	honours = [
		Honour("A", 2016, "City", TWO_REPRESENTATIVES, ELECTED),
		Honour("B", 2016, "City", TWO_REPRESENTATIVES, RECOMMENDED),
		Honour("C", 2016, "City", TWO_REPRESENTATIVES, NOT_ELECTED),
		Honour("D", 2016, "City", OUTSTANDING_PARTY_WORKER, ELECTED),  # not a recommendation: never elected
	]
	assert count_by_year_level_kind(honours) == [
		GroupCount(2016, "City", OUTSTANDING_PARTY_WORKER, honours=1, cadres=1, elected=0),
		GroupCount(2016, "City", TWO_REPRESENTATIVES, honours=3, cadres=3, elected=1),
	]
	summary = summarize(honours)
	assert (summary.by_kind[TWO_REPRESENTATIVES], summary.elected) == (3, 1)
	# 优秀党务工作者 is a role-model title: D is one, the recommended are not.
	assert summary.role_models == 1
