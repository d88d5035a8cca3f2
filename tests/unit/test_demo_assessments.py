"""The demo's four years of assessments: plausible, within the rules, and with the planted cases."""

import json
import math
from collections import Counter, defaultdict
from pathlib import Path

from community_gov.rules.assessment import RuleSettings, YearResult, calculate_total, evaluate, grade_for

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
SETTINGS = RuleSettings()


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


ASSESSMENTS = load("assessments.json")
CADRES = {c["id_number"]: c for c in load("cadres.json") + load("former_cadres.json")}
SUB_DISTRICT = {c["community_name"]: c["sub_district"] for c in load("communities.json")}


def histories():
	result = defaultdict(list)
	for row in ASSESSMENTS:
		result[row["id_number"]].append(YearResult(year=row["year"], grade=row["grade"]))
	return result


def test_agreement_targets_weigh_100_with_a_veto_target():
	targets = load("agreement_targets.json")
	assert sum(t["weight"] for t in targets) == 100
	assert any(t["is_veto"] for t in targets)


def test_values_give_the_recorded_grade():
	for row in ASSESSMENTS:
		total = calculate_total(row["target_percent"], row["satisfaction"], SETTINGS)
		assert grade_for(total, False, SETTINGS) == row["grade"], row
		# A margin of a point, so rounding the per-target scores cannot change the grade.
		assert grade_for(total - 1, False, SETTINGS) == row["grade"] or row["grade"] == "Fail", row


def test_one_assessment_per_secretary_and_year():
	keys = Counter((row["id_number"], row["year"]) for row in ASSESSMENTS)
	assert max(keys.values()) == 1
	assert {CADRES[row["id_number"]]["position"] for row in ASSESSMENTS} == {"Secretary"}
	assert {row["year"] for row in ASSESSMENTS} == {2022, 2023, 2024, 2025}


def test_excellent_quota_per_sub_district_and_year():
	population, excellent = Counter(), Counter()
	for row in ASSESSMENTS:
		key = (SUB_DISTRICT[CADRES[row["id_number"]]["community"]], row["year"])
		population[key] += 1
		excellent[key] += row["grade"] == "Excellent"
	for key, count in excellent.items():
		assert count <= math.floor(population[key] * 0.15 + 1e-9), key


def test_planted_cases_and_watch_list():
	evaluations = {cadre: evaluate(history, (), SETTINGS) for cadre, history in histories().items()}
	with_cases = {cadre: [run.trigger_year for run in e.runs] for cadre, e in evaluations.items() if e.runs}
	assert sorted(with_cases.values()) == [[2023], [2023], [2025], [2025]]
	assert sum(e.at_risk for e in evaluations.values()) == 3

	decisions = {d["id_number"]: d for d in load("case_decisions.json")}
	assert {d["decision"] for d in decisions.values()} == {"Adjusted", "Retained", "Under Review"}
	for cadre, decision in decisions.items():
		assert with_cases[cadre] == [decision["trigger_year"]]
	former = load("former_cadres.json")[0]
	assert decisions[former["id_number"]]["decision"] == "Adjusted"
