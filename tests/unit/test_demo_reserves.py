"""The demo reserve pool: valid nominations, range flags to show, one completed succession, and the former
reserves of earlier years that make seed 004's "2017年以来,培养社区后备干部255名"."""

import json
from collections import Counter
from pathlib import Path

from community_gov.demo.reserve_steps import reserve_step_dates
from community_gov.rules.reserves import cultivated_since

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
IN_POOL = {"Nominated", "Forum Talk", "Questionnaire", "Inspection", "In Training", "Qualified"}


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


RESERVES = load("reserves.json")
CADRES = {c["id_number"]: c for c in load("cadres.json")}


def test_every_step_is_present_and_nominations_are_valid():
	assert {r["status"] for r in RESERVES} == IN_POOL | {"Withdrawn"}
	in_pool = Counter((r["id_number"], r["target_post"]) for r in RESERVES if r["status"] in IN_POOL)
	assert max(in_pool.values()) == 1
	for reserve in RESERVES:
		cadre = CADRES[reserve["id_number"]]
		assert cadre["community"] == reserve["community"]
		assert cadre["position"] not in ("Secretary", "First Secretary")
		assert reserve["mentor_id_number"] != reserve["id_number"]
		assert reserve["target_post"] in ("Secretary", "Deputy Secretary")
		if reserve["status"] == "Qualified":
			assert any(a["outcome"] not in ("In Progress", "Not Completed") for a in reserve["assignments"])


def test_some_communities_under_the_range_and_one_over():
	counts = Counter(r["community"] for r in RESERVES if r["status"] in IN_POOL)
	communities = [c["community_name"] for c in load("communities.json")]
	below = [name for name in communities if counts.get(name, 0) < 3]
	above = [name for name in communities if counts.get(name, 0) > 7]
	assert len(below) >= 3
	assert len(above) == 1


def test_succession_of_the_adjusted_secretary():
	succession = load("successions.json")[0]
	former = load("former_cadres.json")[0]
	decisions = {d["id_number"]: d["decision"] for d in load("case_decisions.json")}
	assert succession["adjusted_id_number"] == former["id_number"]
	assert decisions[former["id_number"]] == "Adjusted"
	successor = CADRES[succession["successor_id_number"]]
	assert successor["community"] == former["community"] == succession["community"]
	assert succession["reserve"]["status"] == "Qualified"
	assert succession["from_date"] > "2023-12-31"


FORMER = load("former_reserves.json")
IN_TRAINING_STEPS = ("In Training", "Qualified")


def cultivated(since: int | None) -> int:
	"""The demo's reserves cultivated since the year, with their step dates as the loader records them: the
	pool, the former reserves and the successor appointed from its 2022 nomination."""
	specs = [*RESERVES, *FORMER, load("successions.json")[0]["reserve"]]
	count = 0
	for spec in specs:
		last_step = spec.get("withdrawn_after") or spec["status"]
		trained = reserve_step_dates(spec)["In Training"] if last_step in IN_TRAINING_STEPS else None
		count += cultivated_since(spec["status"], trained, spec["nomination_date"], since)
	return count


def test_former_reserves_left_the_pool_after_training():
	assert {r["status"] for r in FORMER} == {"Withdrawn"}
	assert {r["withdrawn_after"] for r in FORMER} == set(IN_TRAINING_STEPS)
	assert Counter(r["nomination_date"][:4] for r in FORMER) == {
		"2015": 4, "2016": 4, "2017": 20, "2018": 22, "2019": 20, "2020": 20, "2021": 15,
	}  # fmt: skip
	for reserve in FORMER:
		cadre = CADRES[reserve["id_number"]]
		assert cadre["service_start_date"] <= reserve["nomination_date"]
		steps = reserve_step_dates(reserve)
		last = steps[reserve["withdrawn_after"]]
		# Trained in its nomination year; withdrawn after its last step.
		assert steps["In Training"].year == int(reserve["nomination_date"][:4])
		assert last.isoformat() < reserve["withdrawn_on"] <= "2025-12-31", reserve
		assert reserve["withdrawal_reason"]


def test_cultivated_since_2017_is_seed_004_s_255():
	# The pool's 157 in training or qualified and the successor (nominated in 2022, trained from its first
	# assignment in 2023), all trained 2023–2025, and the 97 former reserves trained 2017–2021 = 255; with the
	# 8 trained in 2015–2016, 263 in all.
	assert cultivated(2023) == 158
	assert cultivated(2017) == 255
	assert cultivated(None) == 263
