"""The demo's honours give the figures the README states for the Honours report (section "Commendations"),
recomputed from the fixtures and the demo's own honours with the report's rules (plain pytest, no site).

The demo's honours are the register's (fixtures/cadres.json: 优秀共产党员, 优秀党务工作者, 十佳, ...), the
role models and recommendations `community_gov.demo.honours` adds, and the Top Ten of 2025 it confers from the
ranking. The ranking is recomputed here as `community_gov.assessment.top_ten` makes it on the demo: the
secretaries' approved assessments of 2023–2025 (totals as the assessment computes them from the fixture's
target percentages), no training on record in those years (so 75% score, 25% satisfaction), anyone failed in
the window left out; ties (none among the ten) would go by the cadre's ID, in the register's order."""

import datetime
import json
from pathlib import Path

from community_gov.demo.honours import RECOMMENDATIONS, ROLE_MODELS, chosen_cadres
from community_gov.rules.assessment import RuleSettings, calculate_total
from community_gov.rules.honours import (
	ELECTED,
	OUTSTANDING_PARTY_MEMBER,
	OUTSTANDING_PARTY_WORKER,
	ROLE_MODEL,
	TOP_TEN_SECRETARY,
	TWO_REPRESENTATIVES,
	Honour,
	honour_year,
	kind_of,
	summarize,
)
from community_gov.rules.ranking import Candidate, RankingWeights, YearScore, rank_secretaries

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
YEAR, WINDOW = 2025, 3  # the latest assessed year, the ranking's default window


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


CADRES = load("cadres.json") + load("former_cadres.json")
WEIGHTS = [target["weight"] for target in load("agreement_targets.json")]


def register_honours() -> list[Honour]:
	honours = []
	for cadre in CADRES:
		for row in cadre["honours"]:
			kind = kind_of(None, row["honour"])
			awarded_on = datetime.date.fromisoformat(row["awarded_on"])
			year = honour_year(row.get("year"), awarded_on, kind)
			honours.append(Honour(cadre["id_number"], year, row["level"], kind))
	return honours


def added_honours() -> list[Honour]:
	specs = ROLE_MODELS + RECOMMENDATIONS
	return [
		Honour(id_number, int(day[:4]), level, kind, outcome)
		for (_title, kind, level, _body, day, outcome), id_number in zip(
			specs, chosen_cadres(CADRES, specs), strict=True
		)
	]


def total_score(row) -> float:
	"""As the demo's assessment computes it: each target scored weight × percent (to 0.1), then total."""
	scored = sum(round(weight * row["target_percent"] / 100, 1) for weight in WEIGHTS)
	target = round(scored / sum(WEIGHTS) * 100, 2)
	return calculate_total(target, row["satisfaction"], RuleSettings())


def top_ten_2025() -> list[str]:
	order = {cadre["id_number"]: index for index, cadre in enumerate(CADRES)}
	secretaries = {c["id_number"] for c in CADRES if c["position"] == "Secretary" and c["status"] == "Active"}
	results: dict[str, list[YearScore]] = {}
	for row in load("assessments.json"):
		if row["id_number"] in secretaries:
			score = YearScore(row["year"], total_score(row), row["satisfaction"], row["grade"])
			results.setdefault(row["id_number"], []).append(score)
	# The ranking sorts ties by the cadre's ID (CAD-00001, ... in the order the register is loaded).
	candidates = [
		Candidate(f"{order[id_number]:05d}", tuple(scores)) for id_number, scores in results.items()
	]
	by_key = {f"{order[id_number]:05d}": id_number for id_number in results}
	weights = RankingWeights().without_training()
	ranked = rank_secretaries(candidates, weights, YEAR, WINDOW, limit=10)
	assert len({item.composite_score for item in ranked}) == 10  # no tie decides who is in
	return [by_key[item.cadre] for item in ranked]


def demo_honours() -> list[Honour]:
	conferred = [Honour(id_number, YEAR, "District", TOP_TEN_SECRETARY) for id_number in top_ten_2025()]
	return register_honours() + added_honours() + conferred


def since(year: int) -> list[Honour]:
	return [honour for honour in demo_honours() if honour.year and honour.year >= year]


def test_no_register_title_is_already_the_2025_top_ten():
	"""The register's Top Ten titles are for the year before their award (the last awarded in February 2024, for
	2023), so the demo's conferral of 2025 gives the title to all ten ranked, none left as conferred already."""
	years = [h.year for h in register_honours() if h.kind == TOP_TEN_SECRETARY]
	assert max(years) == 2023
	assert len(top_ten_2025()) == 10


def test_the_readme_figures_since_2017():
	summary = summarize(since(2017))
	assert (summary.honours, summary.cadres, summary.role_models) == (60, 47, 38)
	assert summary.by_kind[TOP_TEN_SECRETARY] == 16
	assert summary.by_kind[OUTSTANDING_PARTY_MEMBER] == 15
	assert summary.by_kind[OUTSTANDING_PARTY_WORKER] == 6
	assert summary.by_kind[ROLE_MODEL] == 8
	assert (summary.by_kind[TWO_REPRESENTATIVES], summary.elected) == (4, 2)


def test_the_readme_figures_of_every_year():
	summary = summarize(demo_honours())
	assert (summary.honours, summary.cadres, summary.role_models) == (64, 50, 40)


def test_recommendations_elected_are_seed_004_s_kind():
	"""Seed 004: a secretary recommended and elected to the city's party congress; one recommended to the
	provincial people's congress."""
	elected = [h for h in added_honours() if h.kind == TWO_REPRESENTATIVES and h.outcome == ELECTED]
	assert [(h.year, h.level) for h in elected] == [(2021, "District"), (2021, "City")]
