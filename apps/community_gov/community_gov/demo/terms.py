"""The demo's terms and elections (换届): the district's last 换届 and the one now under way.

- 2021年社区"两委"换届选举 (Completed, 2021-11-01 to 2022-01-31, every community): 城关街道 and 东城街道 elected
  first, a community every other day from 2021-11-08; the other sub-districts a community a day from
  2021-12-06. Each secretary in post by its community's election day was elected then, for five years; one
  appointed later serves five years from its appointment (terms already started by an approved appointment
  of the demo are kept).
- 2026年社区"两委"换届选举 (In Progress since 2026-11-01, to 2027-01-31): 城关街道 and 东城街道 first, on the day
  each community's term ends. The communities whose terms ended by 2026-11-22 have voted: their secretaries
  re-elected (new terms to 2031), a deputy-secretary reserve elected (选: Elected, ready for appointment) and
  another not elected. The rest of the district's terms end within 90 days of the demo's date (late November
  2026): the Terms Ending report and the alerts show them.

Idempotent: an event, a secretary's current term or an election already there is kept.
"""

from __future__ import annotations

import datetime

import frappe

from community_gov.rules.terms import add_years

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
EARLY_SUB_DISTRICTS = (
	"城关街道",
	"东城街道",
)  # first in 2021, first again in 2026 (the 2026 换届 covers them)
HELD_BY = datetime.date(2026, 11, 22)  # the 2026 elections held so far
TERM_YEARS = 5


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


def secretary_term(appointment_date: datetime.date | None, election_day: datetime.date) -> dict:
	"""A sitting secretary's current term: from its community's 2021 election if in post by then (or
	appointed during that 换届), else from its appointment."""
	if not appointment_date or appointment_date <= FIRST["end_date"]:
		start, how = max(election_day, appointment_date or election_day), "Elected"
	else:
		start, how = appointment_date, "Appointed"
	return {"start_date": start, "end_date": add_years(start, TERM_YEARS), "how": how}


def reelection_votes(index: int) -> tuple[int, int]:
	"""Votes for and votes cast at the n-th re-election: 30 to 49 party members voting, 1 to 4 against."""
	cast = 30 + (index * 7) % 20
	return cast - 1 - index % 4, cast


def load_terms(dated) -> dict[str, int]:
	"""`dated`: the loader's context manager that stamps what is recorded inside on a day."""
	communities = frappe.get_all("Community", fields=["name as community_name", "sub_district"])
	days = election_days(communities)
	counts = {"General Election": 0, "Cadre Term": 0, "Election Record": 0}
	first, created = ensure_event(FIRST, sorted(days), days)
	counts["General Election"] += created
	early = early_communities(communities)
	planned = {name: add_years(days[name], TERM_YEARS) for name in early}
	current, created = ensure_event(CURRENT, early, planned)
	counts["General Election"] += created
	counts["Cadre Term"] = backfill_secretary_terms(days, first, dated)
	counts["Election Record"] = hold_elections(early, planned, current, dated)
	frappe.db.commit()
	return counts


def ensure_event(spec: dict, communities: list[str], planned: dict[str, datetime.date]) -> tuple[str, int]:
	existing = frappe.db.get_value("General Election", {"title": spec["title"]})
	if existing:
		return existing, 0
	doc = frappe.get_doc(
		{
			"doctype": "General Election",
			**spec,
			"communities": [{"community": name, "planned_date": planned[name]} for name in communities],
		}
	).insert(ignore_permissions=True)
	return doc.name, 1


def backfill_secretary_terms(days: dict[str, datetime.date], first_event: str, dated) -> int:
	"""The department enters each active secretary's current term, as it did when the system went live."""
	secretaries = frappe.get_all(
		"Cadre",
		filters={"status": "Active", "position": "Secretary"},
		fields=["name", "community", "appointment_date"],
		order_by="community asc, name asc",
	)
	with_term = set(
		frappe.get_all("Cadre Term", filters={"status": "Current", "post": "Secretary"}, pluck="cadre")
	)
	created = 0
	for secretary in secretaries:
		if secretary.name in with_term or secretary.community not in days:
			continue
		term = secretary_term(
			frappe.utils.getdate(secretary.appointment_date) if secretary.appointment_date else None,
			days[secretary.community],
		)
		with dated(term["start_date"]):
			frappe.get_doc(
				{
					"doctype": "Cadre Term",
					"cadre": secretary.name,
					"post": "Secretary",
					"community": secretary.community,
					"general_election": first_event if term["how"] == "Elected" else None,
					**term,
				}
			).insert(ignore_permissions=True)
		created += 1
	return created


def hold_elections(early: list[str], planned: dict[str, datetime.date], event: str, dated) -> int:
	"""The 2026 elections held by HELD_BY: the secretaries of those communities re-elected on the day their
	terms end, then a deputy-secretary reserve of the first of them elected and another not elected."""
	held = [name for name in early if planned[name] <= HELD_BY]
	done = {
		(row.cadre, row.post)
		for row in frappe.get_all(
			"Election Record", filters={"general_election": event, "docstatus": 1}, fields=["cadre", "post"]
		)
	}
	created = 0
	for index, community in enumerate(held):
		secretary = frappe.db.get_value(
			"Cadre", {"community": community, "position": "Secretary", "status": "Active"}, "name"
		)
		term_end = frappe.db.get_value(
			"Cadre Term", {"cadre": secretary, "post": "Secretary", "status": "Current"}, "end_date"
		)
		if not secretary or (secretary, "Secretary") in done or frappe.utils.getdate(term_end) > HELD_BY:
			continue
		votes_for, votes_cast = reelection_votes(index)
		created += elect(
			secretary, community, "Secretary", planned[community], event, votes_for, votes_cast, dated
		)
	reserves = frappe.get_all(
		"Reserve Candidate",
		filters={
			"community": ("in", held),
			"target_post": "Deputy Secretary",
			"status": ("in", ("Qualified", "In Training")),
		},
		fields=["name", "cadre", "community", "status"],
		order_by="community asc, status desc, name asc",
	)
	elected = next((r for r in reserves if r.status == "Qualified"), None)
	not_elected = next((r for r in reserves if r.status == "In Training" and r is not elected), None)
	for reserve, (votes_for, votes_cast) in ((elected, (33, 41)), (not_elected, (14, 41))):
		if reserve and (reserve.cadre, "Deputy Secretary") not in done:
			created += elect(
				reserve.cadre, reserve.community, "Deputy Secretary", planned[reserve.community], event,
				votes_for, votes_cast, dated, reserve.name,
			)  # fmt: skip
	return created


def elect(cadre, community, post, day, event, votes_for, votes_cast, dated, reserve=None) -> int:
	with dated(day):
		doc = frappe.get_doc(
			{
				"doctype": "Election Record",
				"general_election": event,
				"cadre": cadre,
				"community": community,
				"post": post,
				"reserve_candidate": reserve,
				"body": "Party Member Assembly",
				"election_date": day,
				"votes_for": votes_for,
				"votes_cast": votes_cast,
			}
		).insert()
		doc.submit()
	return 1
