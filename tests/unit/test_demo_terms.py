"""The demo's terms and elections (community_gov.demo.terms) from the fixtures, worked by hand (plain pytest):
every sitting secretary has a term, the 2026 换届 covers 城关街道 and 东城街道, some terms end within 90 days of
the demo's date, and the re-elections held so far are elected."""

import datetime
import json
from pathlib import Path

from community_gov.demo.terms import (
	CURRENT,
	EARLY_SUB_DISTRICTS,
	FIRST,
	HELD_BY,
	early_communities,
	election_days,
	reelection_votes,
	secretary_term,
)
from community_gov.rules.terms import ELECTED, add_years, election_result

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
DEMO_DATE = datetime.date(2026, 11, 23)
# Of the eight communities that have voted, three have secretaries whose terms began after their 2021 vote.
EXPECTED_REELECTIONS = 5


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


COMMUNITIES = load("communities.json")
DAYS = election_days(COMMUNITIES)
SECRETARIES = [c for c in load("cadres.json") if c["position"] == "Secretary" and c["status"] == "Active"]


def term_of(secretary):
	appointed = secretary.get("appointment_date")
	return secretary_term(
		datetime.date.fromisoformat(appointed) if appointed else None, DAYS[secretary["community"]]
	)


def test_every_community_votes_within_the_2021_general_election():
	assert len(DAYS) == 71
	assert all(FIRST["start_date"] <= day <= FIRST["end_date"] for day in DAYS.values())
	early = [c["community_name"] for c in COMMUNITIES if c["sub_district"] in EARLY_SUB_DISTRICTS]
	# 城关街道 15 + 东城街道 14 = 29 communities, every other day from 2021-11-08: the last on 2022-01-03.
	assert len(early) == 29
	assert max(DAYS[name] for name in early) == datetime.date(2022, 1, 3)


def test_a_secretary_in_post_before_the_election_was_elected_then_a_later_one_appointed():
	day = datetime.date(2021, 12, 6)
	assert secretary_term(datetime.date(2014, 5, 1), day) == {
		"start_date": day, "end_date": datetime.date(2026, 12, 6), "how": "Elected",
	}  # fmt: skip
	assert secretary_term(datetime.date(2021, 12, 26), day)["start_date"] == datetime.date(2021, 12, 26)
	assert secretary_term(datetime.date(2023, 3, 17), day) == {
		"start_date": datetime.date(2023, 3, 17), "end_date": datetime.date(2028, 3, 17), "how": "Appointed",
	}  # fmt: skip


def test_terms_end_within_ninety_days_of_the_demo_date():
	ends = [term_of(s)["end_date"] for s in SECRETARIES]
	assert len(ends) == 71
	soon = [end for end in ends if (end - DEMO_DATE).days <= 90]
	# Every secretary elected in 2021 (in post by 2022-01-31): 57 of the 71 (14 appointed from March 2022 on).
	assert sum(term_of(s)["how"] == "Elected" for s in SECRETARIES) == 57
	assert len(soon) == 57


def test_the_2026_general_election_is_in_progress_and_its_elections_are_held_by_the_demo_date():
	assert (CURRENT["status"], CURRENT["start_date"] <= HELD_BY < DEMO_DATE) == ("In Progress", True)
	early = early_communities(COMMUNITIES)
	assert len(early) == 29  # the 2026 换届 covers 城关街道 and 东城街道
	held = [name for name in early if add_years(DAYS[name], 5) <= HELD_BY]
	# 2021-11-08, -10, ..., -22: eight communities have voted by the demo's date.
	assert len(held) == 8
	# Their secretaries in post since the 2021 election are re-elected: all but those appointed later.
	reelected = [s for s in SECRETARIES if s["community"] in held and term_of(s)["end_date"] <= HELD_BY]
	assert len(reelected) == EXPECTED_REELECTIONS
	for index in range(len(held)):
		votes_for, votes_cast = reelection_votes(index)
		assert election_result(votes_for, votes_cast) == ELECTED
