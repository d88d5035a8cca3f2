"""Plain pytest for community_gov.rules.pay (seeds 000, 003, 004); no Frappe needed. Figures by hand."""

from datetime import date
from decimal import Decimal

from community_gov.rules.pay import (
	INSURANCE_FIELDS,
	CadrePay,
	PayStandard,
	annual,
	grades_for_pay,
	grown,
	growth_out_of_range,
	missing_insurances,
	negative_amounts,
	pay_due,
	performance_year,
	record_in_force,
	standard_in_force,
	standard_key,
	term_in_force,
)

ON = date(2026, 6, 30)
PERFORMANCE = {"Excellent": 600, "Competent": 400, "Basically Competent": 200, "Fail": 0}


def standard(name, post, community_type, effective_from, post_pay, **values):
	return PayStandard.from_mapping(
		{
			"name": name,
			"post": post,
			"community_type": community_type,
			"effective_from": effective_from,
			"post_pay": post_pay,
			**values,
		}
	)


def after_raise(name, community_type, post_pay):
	"""Seed 004's raised secretary pay with seed 003's head-post subsidy and illustrative other components."""
	return standard(
		name,
		"Secretary",
		community_type,
		date(2020, 1, 1),
		post_pay,
		work_subsidy=1100,
		director_supplement=200,
		service_pay_per_year=30,
		service_years_cap=30,
		performance_excellent=600,
		performance_competent=400,
		performance_basically_competent=200,
		performance_fail=0,
	)


OLD_URBAN = standard("old-urban", "Secretary", "Urban", date(2017, 1, 1), 1600)
OLD_VILLAGE = standard("old-village", "Secretary", "Village-to-Residential", date(2017, 1, 1), 600)
URBAN = after_raise("urban", "Urban", 2487)
VILLAGE = after_raise("village", "Village-to-Residential", "2368.5")
WORKER = standard(
	"worker", "Community Worker", "", date(2020, 1, 1), 1800, work_subsidy=900, service_pay_per_year=30,
	yearly_growth_percent=2,
)  # fmt: skip
STANDARDS = [OLD_URBAN, OLD_VILLAGE, URBAN, VILLAGE, WORKER]


# --- the standard in force ---------------------------------------------------------------------------


def test_the_latest_standard_on_or_before_the_date():
	assert standard_in_force(STANDARDS, "Secretary", "Urban", date(2019, 12, 31)) is OLD_URBAN
	assert standard_in_force(STANDARDS, "Secretary", "Urban", date(2020, 1, 1)) is URBAN
	assert standard_in_force(STANDARDS, "Secretary", "Village-to-Residential", ON) is VILLAGE
	assert (
		standard_in_force(STANDARDS, "Secretary", "Village-to-Residential", date(2018, 5, 1)) is OLD_VILLAGE
	)


def test_none_before_the_first_standard_or_for_a_post_without_one():
	assert standard_in_force(STANDARDS, "Secretary", "Urban", date(2016, 12, 31)) is None
	assert standard_in_force(STANDARDS, "First Secretary", "Urban", ON) is None


def test_a_standard_for_any_type_serves_both_types():
	assert standard_in_force(STANDARDS, "Community Worker", "Urban", ON) is WORKER
	assert standard_in_force(STANDARDS, "Community Worker", "Village-to-Residential", ON) is WORKER
	assert WORKER.community_type is None  # blank is "any"


def test_the_community_type_standard_wins_over_a_later_one_for_any_type():
	any_type = standard("any", "Secretary", None, date(2024, 1, 1), 3000)
	standards = [*STANDARDS, any_type]
	assert standard_in_force(standards, "Secretary", "Urban", ON) is URBAN
	# A community without a type, or a post without a type-specific standard, gets the general one.
	assert standard_in_force(standards, "Secretary", None, ON) is any_type
	urban_only_old = [OLD_URBAN, any_type]
	assert standard_in_force(urban_only_old, "Secretary", "Village-to-Residential", ON) is any_type
	assert standard_in_force(urban_only_old, "Secretary", "Urban", ON) is OLD_URBAN


def test_seed_004_raise():
	# 城市社区 1,600 → 2,487 and 村改居社区 600 → 2,368.5 a month for the secretary (post pay).
	before, after = date(2019, 12, 31), date(2020, 1, 1)
	for community_type, old, new in (
		("Urban", "1600.00", "2487.00"),
		("Village-to-Residential", "600.00", "2368.50"),
	):
		assert standard_in_force(STANDARDS, "Secretary", community_type, before).post_pay == Decimal(old)
		assert standard_in_force(STANDARDS, "Secretary", community_type, after).post_pay == Decimal(new)


def test_key_treats_blank_type_as_any():
	assert standard_key("Secretary", "", date(2020, 1, 1)) == standard_key(
		"Secretary", None, date(2020, 1, 1)
	)
	assert standard_key("Secretary", "Urban", date(2020, 1, 1)) != standard_key(
		"Secretary", None, date(2020, 1, 1)
	)


# --- the pay due -------------------------------------------------------------------------------------


def test_urban_secretary_also_director_paid_below_the_standard():
	cadre = CadrePay(
		post="Secretary",
		community_type="Urban",
		service_start_date=date(2014, 7, 1),  # 11 completed years on 2026-06-30 (the 12th on 2026-07-01)
		also_director=True,
		grade="Competent",
		recorded_pay=Decimal(4300),
	)
	due = pay_due(URBAN, cadre, ON)
	assert (due.post_pay, due.growth_years) == (Decimal("2487.00"), 6)
	assert (due.service_years, due.service_years_counted, due.service_pay) == (11, 11, Decimal("330.00"))
	assert (due.work_subsidy, due.director_supplement) == (Decimal("1100.00"), Decimal("200.00"))
	assert due.performance_pay == Decimal("400.00")
	# 2,487 + 330 + 1,100 + 200 + 400
	assert due.total == Decimal("4517.00")
	assert due.difference == Decimal("-217.00")
	assert due.below_standard and due.shortfall == Decimal("217.00")
	assert due.standard == "urban"


def test_village_secretary_paid_above_the_standard():
	cadre = CadrePay(
		post="Secretary",
		community_type="Village-to-Residential",
		service_start_date=date(2000, 1, 1),  # 26 years
		grade="Excellent",
		recorded_pay=Decimal(5000),
	)
	due = pay_due(VILLAGE, cadre, ON)
	# 2,368.5 + 26 × 30 + 1,100 + 600 (Excellent); not also director: no supplement
	assert due.total == Decimal("4848.50")
	assert due.director_supplement == Decimal("0.00")
	assert due.difference == Decimal("151.50")
	assert not due.below_standard and due.shortfall == 0


def test_years_of_service_are_capped():
	cadre = CadrePay(post="Secretary", community_type="Urban", service_start_date=date(1990, 1, 1))
	due = pay_due(URBAN, cadre, ON)
	assert (due.service_years, due.service_years_counted, due.service_pay) == (36, 30, Decimal("900.00"))


def test_no_service_date_no_grade_no_pay_on_record():
	due = pay_due(URBAN, CadrePay(post="Secretary", community_type="Urban"), ON)
	assert (due.service_years, due.service_pay, due.grade, due.performance_pay) == (
		None,
		Decimal("0.00"),
		None,
		Decimal("0.00"),
	)
	assert due.total == Decimal("3587.00")  # 2,487 + 1,100
	assert (due.recorded, due.difference, due.below_standard) == (None, None, False)


def test_fail_earns_the_fail_amount():
	due = pay_due(URBAN, CadrePay(post="Secretary", community_type="Urban", grade="Fail"), ON)
	assert due.performance_pay == Decimal("0.00")
	due = pay_due(URBAN, CadrePay(post="Secretary", community_type="Urban", grade="Basically Competent"), ON)
	assert due.performance_pay == Decimal("200.00")


def test_a_service_start_after_the_date_counts_no_year():
	due = pay_due(
		URBAN, CadrePay(post="Secretary", community_type="Urban", service_start_date=date(2027, 1, 1)), ON
	)
	assert (due.service_years, due.service_pay) == (0, Decimal("0.00"))


def test_yearly_growth_compounds_per_full_year_since_the_standard():
	assert grown(Decimal(2487), Decimal(3), 1) == Decimal("2561.61")
	assert grown(Decimal(2487), Decimal(3), 2) == Decimal("2638.46")  # 2,487 × 1.0609 = 2,638.4583
	assert grown(Decimal(2487), Decimal(0), 5) == Decimal("2487.00")
	worker = CadrePay(post="Community Worker", community_type="Urban", service_start_date=date(2023, 3, 1))
	due = pay_due(WORKER, worker, ON)
	# 6 full years since 2020-01-01: 1,800 × 1.02^6 = 1,800 × 1.126162419264 = 2,027.09
	assert (due.growth_years, due.post_pay) == (6, Decimal("2027.09"))
	# + 3 years × 30 + 900; a community worker is never "also director"
	assert due.total == Decimal("3017.09")
	# On the day before the sixth anniversary, five years of growth: 1,800 × 1.1040808032 = 1,987.35
	assert pay_due(WORKER, worker, date(2025, 12, 31)).post_pay == Decimal("1987.35")


def test_the_director_supplement_is_a_secretary_s():
	director_standard = after_raise("director", "Urban", 2487)
	director = CadrePay(post="Director", community_type="Urban", also_director=True)
	assert pay_due(director_standard, director, ON).director_supplement == Decimal("0.00")


# --- grades, insurances, validation ------------------------------------------------------------------


def test_performance_pay_follows_the_grade_of_the_year_before():
	rows = [
		("c1", 2023, "Fail"),
		("c1", 2025, "Competent"),
		("c1", 2024, "Excellent"),
		("c2", 2026, "Excellent"),
		("c3", "2022", "Basically Competent"),
	]
	# In 2026 the grade of 2025 counts: c1 Competent; c2's 2026 grade is not that year's (it is decided in
	# 2027), c3's of 2022 is too old: neither is assessed for 2025.
	assert performance_year(date(2026, 1, 1)) == performance_year(ON) == 2025
	assert grades_for_pay(rows, ON) == {"c1": "Competent"}
	# On the last day of 2025, the grade of 2024; in 2027, c2's of 2026; in 2023, c3's of 2022.
	assert grades_for_pay(rows, date(2025, 12, 31)) == {"c1": "Excellent"}
	assert grades_for_pay(rows, date(2027, 3, 1)) == {"c2": "Excellent"}
	assert grades_for_pay(rows, date(2023, 6, 30)) == {"c3": "Basically Competent"}
	# A grade of 2019 sets nothing in 2026.
	assert grades_for_pay([("c4", 2019, "Excellent")], ON) == {}
	assert grades_for_pay([], ON) == {}


def test_not_assessed_means_no_performance_pay():
	secretary = CadrePay(post="Secretary", community_type="Urban", service_start_date=date(2014, 7, 1))
	due = pay_due(URBAN, secretary, ON)
	assert (due.grade, due.performance_pay) == (None, Decimal("0.00"))


def test_annual_is_twelve_months_to_the_fen():
	assert annual(Decimal("4568.5")) == Decimal("54822.00")
	assert annual(3017.09) == Decimal("36205.08")
	assert annual(None) == Decimal("0.00")


def test_the_pay_record_in_force_is_the_latest_begun_by_the_date():
	records = [
		{"name": "old", "effective_from": date(2017, 3, 1), "monthly_pay": 1600},
		{"name": "raise", "effective_from": date(2020, 1, 1), "monthly_pay": 4300},
		{"name": "next", "effective_from": date(2027, 1, 1), "monthly_pay": 4600},
	]
	assert record_in_force(records, date(2019, 12, 31))["name"] == "old"
	assert record_in_force(records, date(2020, 1, 1))["name"] == "raise"
	assert record_in_force(list(reversed(records)), ON)["name"] == "raise"
	assert record_in_force(records, date(2027, 1, 1))["name"] == "next"
	# Before the first record: nothing recorded by then.
	assert record_in_force(records, date(2017, 2, 28)) is None
	assert record_in_force([], ON) is None


POSTS = (
	"Secretary",
	"Deputy Secretary",
	"Committee Member",
	"Director",
	"First Secretary",
	"Community Worker",
)


def test_the_post_held_on_a_date_by_the_terms():
	deputy = {"post": "Deputy Secretary", "start_date": date(2016, 12, 1), "ended_on": date(2021, 12, 6)}
	secretary = {"post": "Secretary", "start_date": date(2021, 12, 6), "ended_on": None, "status": "Current"}
	director = {"post": "Director", "start_date": date(2021, 12, 6), "ended_on": None, "status": "Current"}
	terms = [deputy, secretary, director]
	assert term_in_force(terms, date(2020, 6, 30), POSTS) is deputy
	# Ended on the day the next began: that day the new post; a secretary also director holds both,
	# the secretary's counts.
	assert term_in_force(terms, date(2021, 12, 6), POSTS) is secretary
	assert term_in_force(terms, ON, POSTS) is secretary
	assert term_in_force(terms, date(2016, 11, 30), POSTS) is None
	cancelled = {**secretary, "status": "Cancelled"}
	assert term_in_force([cancelled, director], ON, POSTS) is director
	assert term_in_force([], ON, POSTS) is None


def test_missing_insurances_in_seed_order():
	assert INSURANCE_FIELDS == (
		"pension_insurance",
		"unemployment_insurance",
		"work_injury_insurance",
		"medical_insurance",
		"maternity_insurance",
	)
	flags = {"pension_insurance": 1, "medical_insurance": 1, "unemployment_insurance": 0}
	assert missing_insurances(flags) == (
		"unemployment_insurance",
		"work_injury_insurance",
		"maternity_insurance",
	)
	assert missing_insurances(dict.fromkeys(INSURANCE_FIELDS, 1)) == ()
	assert missing_insurances({}) == INSURANCE_FIELDS


def test_validation_helpers():
	assert negative_amounts({"post_pay": 2487, "work_subsidy": -1, "performance_fail": -0.01}) == [
		"work_subsidy",
		"performance_fail",
	]
	assert negative_amounts({"post_pay": None}) == []
	assert not growth_out_of_range(0) and not growth_out_of_range(None) and not growth_out_of_range(100)
	assert growth_out_of_range(-1) and growth_out_of_range(100.5)
