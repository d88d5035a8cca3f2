"""The demo's pay standards reproduce seeds 003 and 004, and the pay on record (each cadre's records, in
force on a date) paid against them shows the planted cadre below the standard (plain pytest: the demo's data
and the pay rules, no site)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from community_gov.demo.pay import BELOW_STANDARD, MISSING_INSURANCE, PAY_STANDARDS
from community_gov.rules.pay import (
	INSURANCE_FIELDS,
	CadrePay,
	PayStandard,
	grades_for_pay,
	pay_due,
	record_in_force,
	standard_in_force,
	standard_key,
)

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
AS_OF = datetime.date(2026, 12, 31)


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


STANDARDS = [
	PayStandard.from_mapping(
		{
			"name": f"PS-{index}",
			**values,
			"effective_from": datetime.date.fromisoformat(values["effective_from"]),
		}
	)
	for index, values in enumerate(PAY_STANDARDS, 1)
]
CADRES = load("cadres.json")
COMMUNITY_TYPE = {row["community_name"]: row["community_type"] for row in load("communities.json")}
ASSESSED = [(row["id_number"], row["year"], row["grade"]) for row in load("assessments.json")]
RECORDS = {}
for _record in load("pay_records.json"):
	RECORDS.setdefault(_record["id_number"], []).append(
		{**_record, "effective_from": datetime.date.fromisoformat(_record["effective_from"])}
	)


def test_one_standard_per_post_type_and_date():
	keys = [standard_key(s.post, s.community_type, s.effective_from) for s in STANDARDS]
	assert len(keys) == len(set(keys))


def test_seed_004_secretaries_before_and_after_the_raise():
	def post_pay(community_type, on):
		return standard_in_force(STANDARDS, "Secretary", community_type, on).post_pay

	before, after = datetime.date(2019, 12, 31), datetime.date(2020, 1, 1)
	assert (post_pay("Urban", before), post_pay("Village-to-Residential", before)) == (1600, 600)
	assert (post_pay("Urban", after), post_pay("Village-to-Residential", after)) == (
		Decimal("2487"),
		Decimal("2368.5"),
	)


def test_seed_003_work_subsidies():
	subsidy = {s.post: s.work_subsidy for s in STANDARDS if s.effective_from.year == 2020}
	assert subsidy == {
		"Secretary": 1100,
		"Deputy Secretary": 1000,
		"Committee Member": 900,
		"Community Worker": 900,
	}


def recorded_pay(cadre, on):
	"""The pay on record on `on` as the demo loads it (the planted underpayment since the raise)."""
	record = record_in_force(RECORDS[cadre["id_number"]], on)
	if record is None:
		return None
	if cadre["id_number"] == BELOW_STANDARD["id_number"] and record[
		"effective_from"
	] >= datetime.date.fromisoformat(BELOW_STANDARD["since"]):
		return Decimal(BELOW_STANDARD["monthly_pay"])
	return Decimal(record["monthly_pay"])


def dues(on=AS_OF):
	result = {}
	grades = grades_for_pay(ASSESSED, on)
	for cadre in CADRES:
		community_type = COMMUNITY_TYPE[cadre["community"]]
		standard = standard_in_force(STANDARDS, cadre["position"], community_type, on)
		if standard and cadre["service_start_date"] <= on.isoformat():
			result[cadre["full_name"], cadre["community"]] = pay_due(
				standard,
				CadrePay(
					post=cadre["position"],
					community_type=community_type,
					service_start_date=datetime.date.fromisoformat(cadre["service_start_date"]),
					also_director=bool(cadre["also_director"]),
					grade=grades.get(cadre["id_number"]),
					recorded_pay=recorded_pay(cadre, on),
				),
				on,
			)
	return result


def test_who_is_paid_below_the_standard_at_the_end_of_2026():
	result = dues()
	# First secretaries are paid by the office that sends them: no standard.
	assert len(CADRES) - len(result) == sum(c["position"] == "First Secretary" for c in CADRES) == 6
	below = {key: due.shortfall for key, due in result.items() if due.below_standard}
	# 前屯社区's secretary (村改居): 2,368.5 + 30 years × 30 (the cap) + 1,100 + 200 (Basically Competent
	# 2025) = 4,568.5, paid 4,300. Two community workers fall behind the 2% growth: 1,800 × 1.02^6 = 2,027.09,
	# + 900 + 12 or 13 years × 30 = 3,287.09 / 3,317.09, paid 3,250.
	assert below == {
		("姜敏莉", "前屯社区"): Decimal("268.50"),
		("周璐", "杨家屯社区"): Decimal("37.09"),
		("王青霞", "南关社区"): Decimal("67.09"),
	}
	assert result["姜敏莉", "前屯社区"].total == Decimal("4568.50")
	assert sum(below.values()) == Decimal("372.68")


def test_the_uninsured_cadre_is_in_the_register():
	assert {c["id_number"] for c in CADRES} >= {MISSING_INSURANCE["id_number"], BELOW_STANDARD["id_number"]}
	assert set(MISSING_INSURANCE["missing"]) < set(INSURANCE_FIELDS)


def test_before_the_raise_the_secretaries_in_post_were_paid_the_old_standard():
	"""On the last day before the raise each secretary then in its post is on record at the old standard
	(1,600 urban, 600 村改居) and paid exactly what it was due; the other posts had no standard yet, and no
	pay of theirs is on record before 2020."""
	on = datetime.date(2019, 12, 31)
	secretaries = {
		(c["full_name"], c["community"])
		for c in CADRES
		if c["position"] == "Secretary" and c["appointment_date"] <= on.isoformat()
	}
	result = {key: due for key, due in dues(on).items() if key in secretaries}
	assert len(result) == len(secretaries) == 27
	assert {due.total for due in result.values()} == {Decimal("1600.00"), Decimal("600.00")}
	assert all(due.difference == 0 for due in result.values())
	others = [c for c in CADRES if c["position"] != "Secretary"]
	assert all(recorded_pay(c, on) is None for c in others)


def test_performance_pay_of_2026_follows_the_grades_of_2025():
	result = dues()
	graded = {
		(c["full_name"], c["community"]): grade
		for c in CADRES
		if (grade := grades_for_pay(ASSESSED, AS_OF).get(c["id_number"]))
	}
	assert len(graded) == 71  # every secretary in post is assessed for 2025
	assert all(result[key].grade == grade for key, grade in graded.items())
	# The 2024 grades set nothing in 2026.
	assert grades_for_pay(ASSESSED, AS_OF) == {row[0]: row[2] for row in ASSESSED if row[1] == 2025}
