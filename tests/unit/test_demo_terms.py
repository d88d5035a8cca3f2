"""The demo's terms and elections (community_gov.demo.terms) from the fixtures, worked out with the rules the
system applies (community_gov.rules.terms; plain pytest, no site): the terms the department enters, the 2026
elections held so far and what they end and start, and the figures README.md gives (Terms Ending, the card, the
换届's progress) on the demo's date."""

import datetime
import json
from collections import Counter
from pathlib import Path

from community_gov.demo.terms import (
	CURRENT,
	EARLY_SUB_DISTRICTS,
	FIRST,
	HELD_BY,
	NOT_RE_ELECTED,
	RENEWAL_PENDING,
	demo_elections,
	demo_terms,
	director_term,
	early_communities,
	election_days,
	first_secretary_term,
	held_communities,
	planned_days,
	reelection_votes,
	secretary_term,
)
from community_gov.rules.terms import (
	BY_APPOINTMENT,
	BY_ELECTION,
	ELECTED,
	NOT_ELECTED,
	PARTY_MEMBER_ASSEMBLY,
	RE_ELECTED,
	RESIDENTS_REPRESENTATIVES,
	OpenTerm,
	RegisterEntry,
	add_years,
	body_elects,
	election_result,
	election_starts_term,
	ending_soon,
	holds_post,
	is_overdue,
	quarter_label,
	report_window,
	terms_ended_by_election,
)
from community_gov.rules.terms import (
	NOT_RE_ELECTED as NOT_RE_ELECTED_REASON,
)

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
DEMO_DATE = datetime.date(2026, 11, 23)
D = datetime.date.fromisoformat


def load(name):
	return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


COMMUNITIES = load("communities.json")
CADRES = load("cadres.json")
BY_ID = {cadre["id_number"]: cadre for cadre in CADRES}
RESERVES = load("reserves.json")
DAYS = election_days(COMMUNITIES)
SECRETARIES = [c for c in CADRES if c["position"] == "Secretary" and c["status"] == "Active"]


def run_demo():
	"""The demo's terms after its elections, as the system leaves them: (terms, elections), each term a dict
	with status and why it ended (the lifecycle's decisions, rules.terms, applied in the order recorded)."""
	terms = [{**term, "name": f"T{i}", "status": "In Office", "why": None} for i, term in
		enumerate(demo_terms(COMMUNITIES, CADRES))]  # fmt: skip
	elections = demo_elections(COMMUNITIES, CADRES, RESERVES)
	for election in elections:
		current = [
			OpenTerm(t["name"], t["id_number"], t["post"], t["community"], t["start_date"])
			for t in terms
			if t["status"] == "In Office"
		]
		result = election_result(election["votes_for"], election["votes_cast"])
		election["result"] = result
		args = (election["id_number"], election["post"], election["community"])
		for term, why in terms_ended_by_election(current, *args, result, True):
			ended = next(t for t in terms if t["name"] == term.name)
			ended.update(status="Ended", ended_on=election["election_date"], why=why)
		cadre = BY_ID[election["id_number"]]
		register = RegisterEntry(
			cadre["status"], cadre["community"], cadre["position"], bool(cadre["also_director"])
		)
		incumbent = holds_post(register, election["post"], election["community"])
		if election_starts_term(result, incumbent):
			day = election["election_date"]
			terms.append(
				{"id_number": election["id_number"], "post": election["post"], "community": election["community"],
					"start_date": day, "end_date": add_years(day, 5), "how": BY_ELECTION, "first_event": False,
					"name": f"T{len(terms)}", "status": "In Office", "why": None}
			)  # fmt: skip
	return terms, elections


TERMS, ELECTIONS = run_demo()
CURRENT_TERMS = [term for term in TERMS if term["status"] == "In Office"]


def quarters(terms) -> dict[str, int]:
	return dict(sorted(Counter(quarter_label(term["end_date"]) for term in terms).items()))


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


def test_the_2026_general_election_covers_the_district_on_the_days_the_terms_end():
	planned = planned_days(DAYS)
	# Every community (统一换届), on the day its 2021 terms end: 2026-11-08 to 2027-01-16, inside 11-01 to 01-31.
	assert len(planned) == 71
	assert (min(planned.values()), max(planned.values())) == (D("2026-11-08"), D("2027-01-16"))
	assert all(CURRENT["start_date"] <= day <= CURRENT["end_date"] for day in planned.values())
	# Every term of the 2021 换届 ends inside the 2026 one, in a community it covers (most on its planned day;
	# those who came in during the 2021 换届, after their community's vote, a few days later).
	elected_2021 = [term for term in demo_terms(COMMUNITIES, CADRES) if term["first_event"]]
	assert all(CURRENT["start_date"] <= term["end_date"] <= CURRENT["end_date"] for term in elected_2021)
	assert all(term["community"] in planned for term in elected_2021)
	# 170 terms of the 2021 换届, 4 of them of cadres who came in after their community's vote.
	on_the_day = sum(term["end_date"] == planned[term["community"]] for term in elected_2021)
	assert (len(elected_2021), on_the_day) == (170, 166)


def test_a_cadre_in_post_before_the_election_was_elected_then_a_later_one_appointed():
	day = datetime.date(2021, 12, 6)
	assert secretary_term(datetime.date(2014, 5, 1), day) == {
		"start_date": day, "end_date": datetime.date(2026, 12, 6), "how": BY_ELECTION,
	}  # fmt: skip
	assert secretary_term(datetime.date(2021, 12, 26), day)["start_date"] == datetime.date(2021, 12, 26)
	appointed = secretary_term(datetime.date(2023, 3, 17), day)
	assert appointed == {
		"start_date": datetime.date(2023, 3, 17), "end_date": datetime.date(2028, 3, 17), "how": BY_APPOINTMENT,
	}  # fmt: skip
	# 一肩挑: the director's term with the 2021 election, or from the residents' by-election a month after.
	assert director_term(secretary_term(datetime.date(2014, 5, 1), day))["start_date"] == day
	assert director_term(appointed) == {
		"start_date": datetime.date(2023, 4, 16), "end_date": datetime.date(2028, 4, 16), "how": BY_ELECTION,
	}  # fmt: skip


def test_a_first_secretary_serves_two_year_dispatches():
	# Dispatched 2024-12-07: its first dispatch, to 2026-12-07.
	assert first_secretary_term(D("2024-12-07"))["end_date"] == D("2026-12-07")
	# 2021-10-18: renewed 2023-10-18 and 2025-10-18, to 2027-10-18.
	assert first_secretary_term(D("2021-10-18"))["start_date"] == D("2025-10-18")
	# 2022-06-14, renewal due 2026-06-14 not decided: the dispatch from 2024-06-14 stays, overdue.
	assert first_secretary_term(D("2022-06-14"), renewal_pending=True) == {
		"start_date": D("2024-06-14"), "end_date": D("2026-06-14"), "how": BY_APPOINTMENT,
	}  # fmt: skip


def test_the_terms_the_department_entered():
	terms = demo_terms(COMMUNITIES, CADRES)
	# Every secretary (71), the director's post of the 67 一肩挑 secretaries, the 29 deputies and 62 committee
	# members of 城关街道 and 东城街道, and the 6 first secretaries.
	assert Counter(term["post"] for term in terms) == {
		"Secretary": 71, "Director": 67, "Deputy Secretary": 29, "Committee Member": 62, "First Secretary": 6,
	}  # fmt: skip
	# 57 secretaries elected in 2021 (in post by 2022-01-31), 14 appointed since.
	assert Counter(term["how"] for term in terms if term["post"] == "Secretary") == {
		BY_ELECTION: 57, BY_APPOINTMENT: 14,
	}  # fmt: skip
	assert sum(term_of(s)["how"] == BY_ELECTION for s in SECRETARIES) == 57


def test_the_2026_elections_held_by_the_demo_date():
	assert (CURRENT["status"], CURRENT["start_date"] <= HELD_BY < DEMO_DATE) == ("In Progress", True)
	held = held_communities(DAYS)
	# 2021-11-08, -10, ..., -22 plus five years: eight communities of 城关街道 and 东城街道 have voted.
	assert len(held) == 8 and set(held) <= set(early_communities(COMMUNITIES))
	# Their 8 secretaries and 8 deputies by the party members' assembly, their 8 一肩挑 secretaries as director
	# and 15 committee members by the residents' representatives, then two deputy-secretary reserves.
	assert Counter((e["post"], e["body"]) for e in ELECTIONS) == {
		("Secretary", PARTY_MEMBER_ASSEMBLY): 8,
		("Deputy Secretary", PARTY_MEMBER_ASSEMBLY): 10,
		("Director", RESIDENTS_REPRESENTATIVES): 8,
		("Committee Member", RESIDENTS_REPRESENTATIVES): 15,
	}
	assert all(body_elects(e["body"], e["post"]) for e in ELECTIONS)
	assert all(e["election_date"] <= HELD_BY for e in ELECTIONS)
	assert Counter(e["result"] for e in ELECTIONS) == {ELECTED: 39, NOT_ELECTED: 2}
	# 刘波 (东风社区) elected 33 of 41, 崔琳 (丁香园社区) not elected 14 of 41; 马兵宏 not re-elected 15 of 41.
	reserves = [(BY_ID[e["id_number"]]["full_name"], e["community"], e["votes_for"], e["result"])
		for e in ELECTIONS if e["reserve"]]  # fmt: skip
	assert reserves == [("刘波", "东风社区", 33, ELECTED), ("崔琳", "丁香园社区", 14, NOT_ELECTED)]
	assert BY_ID[NOT_RE_ELECTED]["full_name"] == "马兵宏"
	for index in range(39):
		votes_for, votes_cast = reelection_votes(index)
		assert election_result(votes_for, votes_cast) == ELECTED


def test_what_the_elections_ended_and_started():
	ended = [term for term in TERMS if term["status"] == "Ended"]
	# Each of the 38 re-elected incumbents' terms ended on the election day; 马兵宏's term ended (落选).
	assert Counter(term["why"] for term in ended) == {RE_ELECTED: 38, NOT_RE_ELECTED_REASON: 1}
	[lost] = [term for term in ended if term["why"] == NOT_RE_ELECTED_REASON]
	assert (lost["id_number"], lost["community"], lost["ended_on"]) == (
		NOT_RE_ELECTED,
		"前屯社区",
		D("2026-11-16"),
	)
	# 235 entered, 38 renewed and 1 lost: 234 current.
	assert Counter(term["post"] for term in CURRENT_TERMS) == {
		"Secretary": 71, "Director": 67, "Deputy Secretary": 29, "Committee Member": 61, "First Secretary": 6,
	}  # fmt: skip
	# The eight re-elected secretaries serve to 2031 Q4 (their appointed terms too: 东风, 光明, 北关).
	renewed = [
		t for t in CURRENT_TERMS if t["post"] == "Secretary" and t["start_date"] >= CURRENT["start_date"]
	]
	assert quarters(renewed) == {"2031 Q4": 8}


def test_the_terms_ending_card_and_report_on_the_demo_date():
	card = ending_soon(DEMO_DATE, 90)
	soon = [term for term in CURRENT_TERMS if card.covers(term["end_date"])]
	# The card: 148 terms ending by 2027-02-21 or overdue, the report it opens shows the same 148.
	assert len(soon) == 148
	assert Counter(term["post"] for term in soon) == {
		"Secretary": 52, "Director": 48, "Committee Member": 30, "Deputy Secretary": 13, "First Secretary": 5,
	}  # fmt: skip
	assert quarters(soon) == {"2026 Q2": 1, "2026 Q4": 117, "2027 Q1": 30}
	# Overdue: the two first secretaries whose renewal is pending (刘家庄社区 since 2026-06-14, an earlier quarter).
	overdue = [(t["community"], t["end_date"]) for t in soon if is_overdue(t["end_date"], DEMO_DATE)]
	assert sorted(overdue) == [("刘家庄社区", D("2026-06-14")), ("向阳社区", D("2026-11-15"))]
	assert {community for community, _end in overdue} == set(RENEWAL_PENDING)
	# The report's default view: 2026-10-01 to 2027-09-30 and every overdue term: 156.
	shown = [term for term in CURRENT_TERMS if report_window(DEMO_DATE).covers(term["end_date"])]
	assert quarters(shown) == {"2026 Q2": 1, "2026 Q4": 117, "2027 Q1": 31, "2027 Q2": 4, "2027 Q3": 3}
	assert len(shown) == 156


def test_the_secretaries_terms_ending():
	secretaries = [term for term in CURRENT_TERMS if term["post"] == "Secretary"]
	card = ending_soon(DEMO_DATE, 90)
	soon = [term for term in secretaries if card.covers(term["end_date"])]
	# 52 secretaries' terms end between 2026-11-24 and 2027-01-16: 37 in 2026 Q4 and 15 in 2027 Q1.
	assert len(soon) == 52
	assert (min(t["end_date"] for t in soon), max(t["end_date"] for t in soon)) == (
		D("2026-11-24"),
		D("2027-01-16"),
	)
	assert quarters(soon) == {"2026 Q4": 37, "2027 Q1": 15}
	# On the report (post Secretary): 37 in 2026 Q4 and 16 in 2027 Q1 (one appointed, ending 2027-03), then a
	# few a quarter to 2030 and the eight re-elected in 2031 Q4.
	[late] = [
		t for t in secretaries if quarter_label(t["end_date"]) == "2027 Q1" and not card.covers(t["end_date"])
	]
	assert (late["how"], late["end_date"]) == (BY_APPOINTMENT, D("2027-03-28"))
	assert quarters(secretaries) == {
		"2026 Q4": 37, "2027 Q1": 16, "2028 Q1": 1, "2028 Q3": 1, "2028 Q4": 2, "2029 Q1": 2, "2029 Q3": 1,
		"2029 Q4": 1, "2030 Q1": 1, "2030 Q2": 1, "2031 Q4": 8,
	}  # fmt: skip


def test_the_progress_of_the_2026_general_election():
	# 8 of the 71 covered communities have a submitted election, 63 have none yet.
	voted = {e["community"] for e in ELECTIONS}
	assert (len(voted), len(planned_days(DAYS)) - len(voted)) == (8, 63)
