"""When a term starts and ends. Every path that fills or empties a post goes through here:

- an Appointment approved: the cadre's open terms in the post it leaves (and any in another community) end on
  the day the new post starts, and a term in the new post starts, `Elected` when an election (选) put the
  cadre there, `Appointed` otherwise; ends on the appointment's Term End or after the term length setting;
- an Election Record submitted that re-elects the post's incumbent: its term ends on the election day and
  the new one starts (an elected reserve's term starts with its appointment, above);
- a cadre leaving (its status becomes Adjusted, Retired or Resigned): its open terms end that day.

Cancelling the appointment or the election cancels the term it started and reopens the terms it ended.
The ends and reopenings are one UPDATE each (a cadre rarely has more than two open terms, but no loop).
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from community_gov.rules.common import settings_from_mapping
from community_gov.rules.terms import (
	ELECTED,
	LEAVING_STATUSES,
	TERM_CANCELLED,
	TERM_CURRENT,
	TERM_ENDED,
	TermSettings,
	term_end,
)

DIRECTOR, SECRETARY = "Director", "Secretary"


def term_settings() -> TermSettings:
	return settings_from_mapping(TermSettings, frappe.get_cached_doc("Governance Settings").as_dict())


def planned_end(start, fixed_end=None) -> datetime.date:
	"""The end an appointment fixes, else the start plus the term length setting."""
	return getdate(fixed_end) if fixed_end else term_end(getdate(start), term_settings().term_years)


def start_term(
	cadre: str,
	post: str,
	community: str,
	start_date,
	how: str,
	end_date=None,
	election_record: str | None = None,
	appointment: str | None = None,
	general_election: str | None = None,
) -> str:
	"""A new current term (the rule writes it: the user who approved or recorded may not edit terms)."""
	term = frappe.get_doc(
		{
			"doctype": "Cadre Term",
			"cadre": cadre,
			"post": post,
			"community": community,
			"start_date": start_date,
			"end_date": planned_end(start_date, end_date),
			"how": how,
			"election_record": election_record,
			"appointment": appointment,
			"general_election": general_election,
		}
	)
	term.insert(ignore_permissions=True)
	return term.name


def end_open_terms(cadre: str, on, reason: str, ended_by_doctype: str, ended_by: str, criterion=None) -> None:
	"""End the cadre's current terms (those matching `criterion`, a condition on the Cadre Term table)."""
	term = frappe.qb.DocType("Cadre Term")
	condition = (term.cadre == cadre) & (term.status == TERM_CURRENT)
	if criterion is not None:
		condition &= criterion(term)
	(
		frappe.qb.update(term)
		.set(term.status, TERM_ENDED)
		.set(term.ended_on, getdate(on))
		.set(term.end_reason, reason)
		.set(term.ended_by_doctype, ended_by_doctype)
		.set(term.ended_by, ended_by)
		.where(condition)
		.run()
	)


def undo(doctype: str, name: str, source_field: str) -> None:
	"""A cancelled appointment or election: the term it started is cancelled, the terms it ended reopen."""
	term = frappe.qb.DocType("Cadre Term")
	frappe.qb.update(term).set(term.status, TERM_CANCELLED).where(term[source_field] == name).run()
	(
		frappe.qb.update(term)
		.set(term.status, TERM_CURRENT)
		.set(term.ended_on, None)
		.set(term.end_reason, None)
		.set(term.ended_by_doctype, None)
		.set(term.ended_by, None)
		.where((term.ended_by_doctype == doctype) & (term.ended_by == name) & (term.status == TERM_ENDED))
		.run()
	)


def holds_post(cadre: frappe._dict, post: str, community: str) -> bool:
	"""The incumbent: an active cadre of the community in the post (a secretary who is also director, 一肩挑,
	holds the director's post too)."""
	if cadre.status != "Active" or cadre.community != community:
		return False
	return cadre.position == post or (
		post == DIRECTOR and cadre.position == SECRETARY and cadre.also_director
	)


def pending_election(cadre: str, post: str, community: str) -> frappe._dict | None:
	"""The latest submitted election that elected the cadre into the post and has not yet started a term."""
	rows = frappe.get_all(
		"Election Record",
		filters={
			"cadre": cadre,
			"post": post,
			"community": community,
			"docstatus": 1,
			"result": ELECTED,
			"cadre_term": ("is", "not set"),
		},
		fields=["name", "general_election"],
		order_by="election_date desc",
		limit=1,
	)
	return rows[0] if rows else None


# ---------------------------------------------------------------- appointments


def on_appointment_approved(appointment) -> str:
	"""End what the appointment replaces and start the new term; returns the new term's name."""
	reason = _("Appointed {0} of {1} by {2}").format(
		_(appointment.post), appointment.community, appointment.name
	)
	removed = appointment.post_to_remove
	end_open_terms(
		appointment.cadre,
		appointment.from_date,
		reason,
		"Appointment",
		appointment.name,
		lambda term: (term.community != appointment.community)
		| term.post.isin([post for post in (removed, appointment.post) if post]),
	)
	election = pending_election(appointment.cadre, appointment.post, appointment.community)
	name = start_term(
		appointment.cadre,
		appointment.post,
		appointment.community,
		appointment.from_date,
		ELECTED if election else "Appointed",
		end_date=appointment.to_date,
		election_record=election.name if election else None,
		appointment=appointment.name,
		general_election=election.general_election if election else None,
	)
	if election:
		frappe.db.set_value("Election Record", election.name, "cadre_term", name)
	return name


def on_appointment_cancelled(appointment) -> None:
	election_record = frappe.db.get_value("Cadre Term", {"appointment": appointment.name}, "election_record")
	if election_record:
		frappe.db.set_value("Election Record", election_record, "cadre_term", None)
	undo("Appointment", appointment.name, "appointment")


# ---------------------------------------------------------------- elections


def on_election_submitted(election) -> str | None:
	"""A re-elected incumbent's new term (returns its name); None for anyone else."""
	if election.result != ELECTED:
		return None
	cadre = frappe.db.get_value(
		"Cadre", election.cadre, ["status", "community", "position", "also_director"], as_dict=True
	)
	if not holds_post(cadre, election.post, election.community):
		return None
	end_open_terms(
		election.cadre,
		election.election_date,
		_("Re-elected by {0}").format(election.name),
		"Election Record",
		election.name,
		lambda term: (term.post == election.post) & (term.community == election.community),
	)
	return start_term(
		election.cadre,
		election.post,
		election.community,
		election.election_date,
		ELECTED,
		election_record=election.name,
		general_election=election.general_election,
	)


def on_election_cancelled(election) -> None:
	undo("Election Record", election.name, "election_record")


# ---------------------------------------------------------------- cadres leaving


def on_cadre_update(cadre, method=None) -> None:
	"""Cadre on_update: a cadre that left (Adjusted, Retired, Resigned) no longer serves its terms."""
	if cadre.status not in LEAVING_STATUSES or not cadre.has_value_changed("status"):
		return
	end_open_terms(cadre.name, nowdate(), _(cadre.status), "Cadre", cadre.name)
