"""The demo reserve pool: valid nominations, range flags to show, and one completed succession."""

import json
from collections import Counter
from pathlib import Path

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
