"""The demo's Staffing Watch (community_gov.demo.staffing over the register of fixtures/): the gaps it shows,
recomputed with the watch's rules (plain pytest: the demo's data, no site)."""

import datetime
import json
from collections import Counter
from pathlib import Path

from community_gov.demo.staffing import (
	KEY_WITH_FIRST_SECRETARY,
	KEY_WITHOUT_FIRST_SECRETARY,
	PART_TIME,
	UNFILED,
)
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules import staffing

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
D = datetime.date.fromisoformat


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


CADRES = load("cadres.json")
BY_ID = {cadre["id_number"]: cadre for cadre in CADRES}
COMMUNITIES = load("communities.json")


def demo_gaps() -> list[staffing.Gap]:
	keys = {**KEY_WITH_FIRST_SECRETARY, **KEY_WITHOUT_FIRST_SECRETARY}
	communities = [
		staffing.Community(
			c["community_name"],
			c["sub_district"],
			D("2022-01-10"),  # the go-live day of the register (demo/loader.py)
			is_key=c["community_name"] in keys,
			key_since=D(keys[c["community_name"]]) if c["community_name"] in keys else None,
		)
		for c in COMMUNITIES
	]
	cadres = [
		staffing.Cadre(
			cadre["id_number"],
			cadre["full_name"],
			cadre["community"],
			None,
			cadre["position"],
			full_time=cadre["id_number"] != PART_TIME,
			county_filing_number=None if cadre["id_number"] == UNFILED else cadre.get("county_filing_number"),
			appointment_date=D(cadre["appointment_date"]),
		)
		for cadre in CADRES
	]
	reserves = [
		staffing.Reserve(
			f"RC-{index}",
			BY_ID[spec["id_number"]]["full_name"],
			spec["community"],
			None,
			spec["status"],
			BY_ID[spec["id_number"]]["education"],
			D(spec["nomination_date"]),
		)
		for index, spec in enumerate(load("reserves.json"))
	]
	return staffing.staffing_gaps(communities, cadres, [], reserves, IN_POOL_STATUSES)


def test_the_key_communities_with_a_first_secretary_became_key_when_it_came():
	first_secretaries = {
		c["community"]: c["appointment_date"] for c in CADRES if c["position"] == "First Secretary"
	}
	assert first_secretaries == KEY_WITH_FIRST_SECRETARY
	assert not set(KEY_WITHOUT_FIRST_SECRETARY) & set(first_secretaries)
	assert set(KEY_WITHOUT_FIRST_SECRETARY) <= {c["community_name"] for c in COMMUNITIES}


def test_the_planted_cadres_are_secretaries():
	assert (BY_ID[UNFILED]["full_name"], BY_ID[UNFILED]["community"], BY_ID[UNFILED]["position"]) == (
		"崔新亮",
		"银河社区",
		"Secretary",
	)
	assert (BY_ID[PART_TIME]["full_name"], BY_ID[PART_TIME]["community"], BY_ID[PART_TIME]["position"]) == (
		"朱云",
		"孙家庄社区",
		"Secretary",
	)


def test_the_demo_shows_each_kind_but_a_vacancy():
	gaps = demo_gaps()
	assert staffing.count_by_kind(gaps) == {
		staffing.VACANT_SECRETARY: 0,  # the 71 secretaries of seed 004 stay in post
		staffing.TWO_SECRETARIES: 0,  # one secretary per community
		staffing.NO_FIRST_SECRETARY: 2,
		staffing.UNFILED_SECRETARY: 1,
		staffing.PART_TIME_SECRETARY: 1,
		staffing.RESERVE_BELOW_COLLEGE: 54,
	}
	by_kind = {gap.kind: gap for gap in gaps}
	assert [
		(g.sub_district, g.community, g.open_since) for g in gaps if g.kind == staffing.NO_FIRST_SECRETARY
	] == [
		("东城街道", "杨家屯社区", D("2026-03-01")),
		("南苑街道", "陈家庄社区", D("2025-09-01")),
	]
	assert by_kind[staffing.UNFILED_SECRETARY].open_since == D("2025-04-29")
	assert by_kind[staffing.PART_TIME_SECRETARY].open_since == D("2017-02-13")
	below = Counter(g.community for g in gaps if g.kind == staffing.RESERVE_BELOW_COLLEGE)
	assert sum(below.values()) == 54
