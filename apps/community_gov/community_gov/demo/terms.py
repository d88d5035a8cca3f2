"""The demo's terms and elections (换届): the district's last 换届 and the one now under way.

- 2021年社区"两委"换届选举 (Completed, 2021-11-01 to 2022-01-31, every community): 城关街道 and 东城街道 elected
  first, a community every other day from 2021-11-08; the other sub-districts a community a day from
  2021-12-06. Each cadre in post by its community's election day was elected then, for five years; one
  appointed later serves five years from its appointment (terms already started by an approved appointment
  of the demo are kept).
- The terms the department entered: every secretary's; the residents' committee director's of every secretary
  who is also director (一肩挑: elected with the secretary in 2021 by the residents' representatives, or, appointed
  later, by their by-election a month after the appointment); the deputy secretaries' and committee members' of
  城关街道 and 东城街道; and each first secretary's current two-year dispatch (renewed every two years since it
  was first dispatched; the renewals of 刘家庄社区's and 向阳社区's, due in 2026, are not yet decided: overdue).
- 2026年社区"两委"换届选举 (In Progress since 2026-11-01, to 2027-01-31): the whole district, as in 2021 (统一换届),
  each community on the day its 2021 terms end: 城关街道 and 东城街道 from 2026-11-08, the others from 2026-12-06.
  The eight communities whose day came by 2026-11-22 have voted: the party members' assembly (党员大会) re-elected
  their secretaries and deputy secretaries, the residents' representatives (居民代表会议) their directors and
  committee members, but one committee member was not re-elected (落选, her term ended); a deputy-secretary
  reserve was elected (选: Elected, ready for appointment) and another not elected.

Plain functions compute the plan from the register (community and cadre dicts as in fixtures/), so the unit
test (tests/unit/test_demo_terms.py) works out the demo's figures with the same rules the system applies.
Idempotent: an event, a cadre's current term in a post or an election already there is kept.
"""

from __future__ import annotations

import datetime

import frappe

from community_gov.rules.terms import (
	BY_APPOINTMENT,
	BY_ELECTION,
	COMMITTEE_MEMBER,
	DEFAULT_POST_TERM_YEARS,
	DEPUTY_SECRETARY,
	DIRECTOR,
	ELECTABLE_RESERVE_STATUSES,
	FIRST_SECRETARY,
	PARTY_MEMBER_ASSEMBLY,
	RESIDENTS_REPRESENTATIVES,
	SECRETARY,
	add_years,
)

FIRST = {
	"title": "2021年社区“两委”换届选举",
	"year": 2021,
	"status": "Completed",
	"start_date": datetime.date(2021, 11, 1),
	"end_date": datetime.date(2022, 1, 31),
}
CURRENT = {
	"title": "2026年社区“两委”换届选举",
	"year": 2026,
	"status": "In Progress",
	"start_date": datetime.date(2026, 11, 1),
	"end_date": datetime.date(2027, 1, 31),
}
# First in 2021, first again in 2026; their deputies' and committee members' terms are entered.
EARLY_SUB_DISTRICTS = ("城关街道", "东城街道")
HELD_BY = datetime.date(2026, 11, 22)  # the 2026 elections held so far
TERM_YEARS = 5
FIRST_SECRETARY_YEARS = DEFAULT_POST_TERM_YEARS[FIRST_SECRETARY]
# A secretary appointed after the 2021 换届 becomes director (一肩挑) by the residents' by-election (补选) a month on.
DIRECTOR_BY_ELECTION_DAYS = 30
# The first secretaries whose renewal, due in 2026, the department has not decided: their dispatch is overdue.
RENEWAL_PENDING = ("刘家庄社区", "向阳社区")
NOT_RE_ELECTED = "370102198601257150"  # 马兵宏, committee member of 前屯社区: not re-elected (落选) in 2026
RESERVE_VOTES = ((33, 41), (14, 41))  # the deputy-secretary reserves: elected, not elected
NOT_RE_ELECTED_VOTES = (15, 41)
# Posts whose terms are entered in the early sub-districts besides the secretaries and directors.
MEMBER_POSTS = (DEPUTY_SECRETARY, COMMITTEE_MEMBER)
# The body each re-election is held by (the party members elect the party committee, the residents' representatives
# the residents' committee; the demo's committee members sit on the residents' committee).
BODY = {
	SECRETARY: PARTY_MEMBER_ASSEMBLY,
	DEPUTY_SECRETARY: PARTY_MEMBER_ASSEMBLY,
	DIRECTOR: RESIDENTS_REPRESENTATIVES,
	COMMITTEE_MEMBER: RESIDENTS_REPRESENTATIVES,
}
# Within a community, the order its posts are voted on (the party organization first, 先党组织后居委会).
VOTING_ORDER = (SECRETARY, DEPUTY_SECRETARY, DIRECTOR, COMMITTEE_MEMBER)


def as_date(value) -> datetime.date | None:
	if not value:
		return None
	return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def early_communities(communities: list[dict]) -> list[str]:
	"""The communities of 城关街道 and 东城街道 (community dicts: community_name, sub_district), by name."""
	return sorted(c["community_name"] for c in communities if c["sub_district"] in EARLY_SUB_DISTRICTS)


def election_days(communities: list[dict]) -> dict[str, datetime.date]:
	"""Each community's 2021 election day."""
	early = early_communities(communities)
	late = sorted(c["community_name"] for c in communities if c["sub_district"] not in EARLY_SUB_DISTRICTS)
	days = {name: datetime.date(2021, 11, 8) + datetime.timedelta(days=2 * i) for i, name in enumerate(early)}
	days.update(
		{name: datetime.date(2021, 12, 6) + datetime.timedelta(days=i) for i, name in enumerate(late)}
	)
	return days


def planned_days(days: dict[str, datetime.date]) -> dict[str, datetime.date]:
	"""Each community's day in the 2026 换届: the day its 2021 terms end."""
	return {name: add_years(day, TERM_YEARS) for name, day in days.items()}


def held_communities(days: dict[str, datetime.date]) -> list[str]:
	"""The communities that have voted in the 2026 换届 by HELD_BY, by name."""
	return sorted(name for name, day in planned_days(days).items() if day <= HELD_BY)


def secretary_term(appointment_date: datetime.date | None, election_day: datetime.date) -> dict:
	"""A sitting cadre's current term: from its community's 2021 election if in post by then (or appointed
	during that 换届), else from its appointment."""
	if not appointment_date or appointment_date <= FIRST["end_date"]:
		start, how = max(election_day, appointment_date or election_day), BY_ELECTION
	else:
		start, how = appointment_date, BY_APPOINTMENT
	return {"start_date": start, "end_date": add_years(start, TERM_YEARS), "how": how}


def director_term(secretary: dict) -> dict:
	"""The director's term of a secretary who is also director: with its 2021 election, else from the
	residents' by-election a month after its appointment."""
	if secretary["how"] == BY_ELECTION:
		return dict(secretary)
	start = secretary["start_date"] + datetime.timedelta(days=DIRECTOR_BY_ELECTION_DAYS)
	return {"start_date": start, "end_date": add_years(start, TERM_YEARS), "how": BY_ELECTION}


def first_secretary_term(dispatched: datetime.date, renewal_pending: bool = False) -> dict:
	"""A first secretary's current dispatch: two years at a time since it was first dispatched, the latest
	begun by HELD_BY; with its renewal pending, the one before it (past its end, still current)."""
	start = dispatched
	while add_years(start, FIRST_SECRETARY_YEARS) <= HELD_BY:
		start = add_years(start, FIRST_SECRETARY_YEARS)
	if renewal_pending and start > dispatched:
		start = add_years(start, -FIRST_SECRETARY_YEARS)
	return {"start_date": start, "end_date": add_years(start, FIRST_SECRETARY_YEARS), "how": BY_APPOINTMENT}


def demo_terms(communities: list[dict], cadres: list[dict]) -> list[dict]:
	"""The terms the department enters: {id_number, post, community, start_date, end_date, how, first_event}
	(first_event: elected in the 2021 换届). `cadres`: the register's dicts (id_number, community, position,
	also_director, status, appointment_date)."""
	days = election_days(communities)
	early = set(early_communities(communities))
	terms = []
	for cadre in sorted(cadres, key=lambda c: (c["community"] or "", c["id_number"])):
		if cadre["status"] != "Active" or cadre["community"] not in days:
			continue
		appointed = as_date(cadre.get("appointment_date"))
		position, community = cadre["position"], cadre["community"]
		own = []
		if position == SECRETARY:
			term = secretary_term(appointed, days[community])
			own.append((SECRETARY, term))
			if cadre.get("also_director"):
				own.append((DIRECTOR, director_term(term)))
		elif position in MEMBER_POSTS and community in early:
			own.append((position, secretary_term(appointed, days[community])))
		elif position == FIRST_SECRETARY and appointed:
			own.append((FIRST_SECRETARY, first_secretary_term(appointed, community in RENEWAL_PENDING)))
		for post, term in own:
			first_event = term["how"] == BY_ELECTION and term["start_date"] <= FIRST["end_date"]
			terms.append(
				{"id_number": cadre["id_number"], "post": post, "community": community, **term,
					"first_event": first_event}
			)  # fmt: skip
	return terms


def reelection_votes(index: int) -> tuple[int, int]:
	"""Votes for and votes cast at the n-th re-election: 30 to 49 voting, 1 to 4 against."""
	cast = 30 + (index * 7) % 20
	return cast - 1 - index % 4, cast


def demo_elections(communities: list[dict], cadres: list[dict], reserves: list[dict]) -> list[dict]:
	"""The 2026 elections held by HELD_BY, in the order they are recorded: {id_number, community, post, body,
	election_date, votes_for, votes_cast, reserve} (reserve: the nomination's dict, or None). In each community
	that voted, its incumbents of the entered terms stand again (the secretary, the deputies, the 一肩挑
	secretary as director, the committee members: NOT_RE_ELECTED is not re-elected); then a deputy-secretary
	reserve is elected and another is not. `reserves`: dicts with id_number, community, target_post, status."""
	days = election_days(communities)
	planned = planned_days(days)
	held = held_communities(days)
	standing = {
		(term["id_number"], term["post"], term["community"])
		for term in demo_terms(communities, cadres)
		if term["community"] in held and term["post"] in VOTING_ORDER
	}
	elections, index = [], 0
	for community in held:
		for post in VOTING_ORDER:
			for id_number in sorted(i for i, p, c in standing if (p, c) == (post, community)):
				votes = NOT_RE_ELECTED_VOTES if id_number == NOT_RE_ELECTED else reelection_votes(index)
				index += 1
				elections.append(
					{"id_number": id_number, "community": community, "post": post, "body": BODY[post],
						"election_date": planned[community], "votes_for": votes[0], "votes_cast": votes[1],
						"reserve": None}
				)  # fmt: skip
	candidates = sorted(
		(r for r in reserves if r["community"] in held and r["target_post"] == DEPUTY_SECRETARY),
		key=lambda r: (r["community"], r["id_number"]),
	)
	elected = next((r for r in candidates if r["status"] == "Qualified"), None)
	not_elected = next((r for r in candidates if r["status"] == "In Training"), None)
	for reserve, (votes_for, votes_cast) in zip((elected, not_elected), RESERVE_VOTES, strict=True):
		if reserve:
			elections.append(
				{"id_number": reserve["id_number"], "community": reserve["community"], "post": DEPUTY_SECRETARY,
					"body": PARTY_MEMBER_ASSEMBLY, "election_date": planned[reserve["community"]],
					"votes_for": votes_for, "votes_cast": votes_cast, "reserve": reserve}
			)  # fmt: skip
	return elections


# ---------------------------------------------------------------- loading


def load_terms(dated) -> dict[str, int]:
	"""`dated`: the loader's context manager that stamps what is recorded inside on a day."""
	communities = frappe.get_all("Community", fields=["name as community_name", "sub_district"])
	cadres = frappe.get_all(
		"Cadre",
		fields=["name", "id_number", "community", "position", "also_director", "status", "appointment_date"],
		order_by="name asc",
	)
	days = election_days(communities)
	counts = {"General Election": 0, "Cadre Term": 0, "Election Record": 0}
	first, created = ensure_event(FIRST, days)
	counts["General Election"] += created
	current, created = ensure_event(CURRENT, planned_days(days))
	counts["General Election"] += created
	cadre_of = {cadre.id_number: cadre.name for cadre in cadres}
	counts["Cadre Term"] = backfill_terms(demo_terms(communities, cadres), cadre_of, first, dated)
	reserves = frappe.get_all(
		"Reserve Candidate",
		filters={"status": ("in", ELECTABLE_RESERVE_STATUSES)},
		fields=["name", "cadre", "community", "target_post", "status"],
	)
	id_of = {cadre.name: cadre.id_number for cadre in cadres}
	for reserve in reserves:
		reserve.id_number = id_of.get(reserve.cadre)
	counts["Election Record"] = hold_elections(
		demo_elections(communities, cadres, reserves), cadre_of, current, dated
	)
	frappe.db.commit()
	return counts


def ensure_event(spec: dict, planned: dict[str, datetime.date]) -> tuple[str, int]:
	"""The 换届 covering every community on its planned day (a community missing from it is added)."""
	existing = frappe.db.get_value("General Election", {"title": spec["title"]})
	if existing:
		doc = frappe.get_doc("General Election", existing)
		listed = {row.community for row in doc.communities}
		missing = [name for name in sorted(planned) if name not in listed]
		for name in missing:
			doc.append("communities", {"community": name, "planned_date": planned[name]})
		if missing:
			doc.save(ignore_permissions=True)
		return existing, 0
	doc = frappe.get_doc(
		{
			"doctype": "General Election",
			**spec,
			"communities": [{"community": name, "planned_date": planned[name]} for name in sorted(planned)],
		}
	).insert(ignore_permissions=True)
	return doc.name, 1


def backfill_terms(terms: list[dict], cadre_of: dict[str, str], first_event: str, dated) -> int:
	"""The department enters the current terms, as it did when the system went live (a cadre's current term
	in the post already there, e.g. started by an approved appointment, is kept)."""
	with_term = {
		(row.cadre, row.post)
		for row in frappe.get_all(
			"Cadre Term", filters={"status": ("!=", "Cancelled")}, fields=["cadre", "post"]
		)
	}
	created = 0
	for term in terms:
		cadre = cadre_of[term["id_number"]]
		if (cadre, term["post"]) in with_term:
			continue
		with dated(term["start_date"]):
			frappe.get_doc(
				{
					"doctype": "Cadre Term",
					"cadre": cadre,
					"post": term["post"],
					"community": term["community"],
					"start_date": term["start_date"],
					"end_date": term["end_date"],
					"how": term["how"],
					"general_election": first_event if term["first_event"] else None,
				}
			).insert(ignore_permissions=True)
		created += 1
	return created


def hold_elections(elections: list[dict], cadre_of: dict[str, str], event: str, dated) -> int:
	done = {
		(row.cadre, row.post, row.community)
		for row in frappe.get_all(
			"Election Record",
			filters={"general_election": event, "docstatus": 1},
			fields=["cadre", "post", "community"],
		)
	}
	created = 0
	for election in elections:
		cadre = cadre_of[election["id_number"]]
		if (cadre, election["post"], election["community"]) in done:
			continue
		reserve = election["reserve"]
		with dated(election["election_date"]):
			doc = frappe.get_doc(
				{
					"doctype": "Election Record",
					"general_election": event,
					"cadre": cadre,
					"community": election["community"],
					"post": election["post"],
					"reserve_candidate": reserve["name"] if reserve else None,
					"body": election["body"],
					"election_date": election["election_date"],
					"votes_for": election["votes_for"],
					"votes_cast": election["votes_cast"],
				}
			).insert()
			doc.submit()
		created += 1
	return created
