"""When a term starts and ends. Every path that fills or empties a post goes through here; which terms end and
why is decided by the plain rules (community_gov.rules.terms: terms_ended_by_appointment,
terms_ended_by_election, election_starts_term), this module reads and writes them:

- an Appointment approved: the cadre's open terms in the post it leaves (and any in another community) end on
  the day the new post starts, and so does the predecessor's term of a single-holder post (书记, 主任, 第一书记)
  of that community; a term in the new post starts, `By Election` when an election (选) put the cadre there
  within the year before, `By Appointment` otherwise; it ends on the appointment's Term End or after the post's
  term length (Governance Settings; a post of length 0, the community worker, starts no term);
- an Election Record submitted: re-electing the incumbent ends its term on the election day and starts the
  next; in a 换届, an incumbent standing and not elected (落选) ends its term that day, and so does the
  incumbent of a single-holder post when someone else is elected into it;
- a cadre leaving (its status becomes Adjusted, Retired or Resigned): its open terms end that day (an adjusted
  one's on the day of the decision that adjusted it).

Cancelling the appointment or the election cancels the term it started and reopens the terms it ended (the
election's cancellation is refused while an approved appointment's term follows it). The ends and reopenings
are one UPDATE per reason (no loop over terms).
"""

from __future__ import annotations

import dataclasses
import datetime

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import cint, get_link_to_form, getdate, nowdate

from community_gov.exceptions import TermError
from community_gov.rules import terms as rules
from community_gov.rules.common import settings_from_mapping
from community_gov.rules.terms import (
	BY_APPOINTMENT,
	BY_ELECTION,
	ELECTED,
	LEAVING_STATUSES,
	TERM_CANCELLED,
	TERM_CURRENT,
	TERM_ENDED,
	OpenTerm,
	RegisterEntry,
	TermSettings,
)
from community_gov.text import bold


def term_settings() -> TermSettings:
	settings = frappe.get_cached_doc("Governance Settings")
	return dataclasses.replace(
		settings_from_mapping(TermSettings, settings.as_dict()),
		post_term_years={row.post: cint(row.term_years) for row in settings.get("post_term_lengths") or ()},
	)


def planned_end(start, post: str, fixed_end=None) -> datetime.date | None:
	"""The end an appointment fixes, else the start plus the post's term length; None: the post has no term."""
	return rules.planned_term_end(
		getdate(start), post, term_settings(), getdate(fixed_end) if fixed_end else None
	)


def register_entry(cadre: str) -> RegisterEntry | None:
	row = frappe.db.get_value(
		"Cadre", cadre, ["status", "community", "position", "also_director"], as_dict=True
	)
	return RegisterEntry(row.status, row.community, row.position, bool(row.also_director)) if row else None


def holds_post(cadre: frappe._dict, post: str, community: str) -> bool:
	"""The incumbent by the register (rules.terms.holds_post) of a Cadre row (status, community, position,
	also_director)."""
	return rules.holds_post(
		RegisterEntry(cadre.status, cadre.community, cadre.position, bool(cadre.also_director)),
		post,
		community,
	)


def open_terms(criterion) -> list[OpenTerm]:
	"""The current terms matching `criterion` (a function of the Cadre Term table giving a condition)."""
	term = frappe.qb.DocType("Cadre Term")
	rows = (
		frappe.qb.from_(term)
		.select(term.name, term.cadre, term.post, term.community, term.start_date)
		.where((term.status == TERM_CURRENT) & criterion(term))
		.run()
	)
	return [
		OpenTerm(name, cadre, post, community, getdate(start)) for name, cadre, post, community, start in rows
	]


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
) -> str | None:
	"""A new current term (the rule writes it: the user who approved or recorded may not edit terms); None for a
	post without a term."""
	end = planned_end(start_date, post, end_date)
	if end is None:
		return None
	term = frappe.get_doc(
		{
			"doctype": "Cadre Term",
			"cadre": cadre,
			"post": post,
			"community": community,
			"start_date": start_date,
			"end_date": end,
			"how": how,
			"election_record": election_record,
			"appointment": appointment,
			"general_election": general_election,
		}
	)
	term.insert(ignore_permissions=True)
	return term.name


def end_terms(
	ended: list[tuple[OpenTerm, str]], on, reasons: dict[str, str], doctype: str, name: str
) -> None:
	"""End the terms on `on`, each with the reason of its kind (one UPDATE per kind)."""
	term = frappe.qb.DocType("Cadre Term")
	for kind, reason in reasons.items():
		names = [open_term.name for open_term, why in ended if why == kind]
		if not names:
			continue
		(
			frappe.qb.update(term)
			.set(term.status, TERM_ENDED)
			.set(term.ended_on, getdate(on))
			.set(term.end_reason, reason)
			.set(term.ended_by_doctype, doctype)
			.set(term.ended_by, name)
			.where(term.name.isin(names) & (term.status == TERM_CURRENT))
			.run()
		)


def end_cadre_terms(cadre: str, on, reason: str, doctype: str, name: str) -> None:
	"""End every current term of the cadre (it left)."""
	terms = open_terms(lambda term: term.cadre == cadre)
	end_terms([(term, rules.LEFT_POST) for term in terms], on, {rules.LEFT_POST: reason}, doctype, name)


def refuse_end_before_start(ended: list[tuple[OpenTerm, str]], day, what: str) -> None:
	"""A record dated on or before the start of a term it would end is refused (a term ends after it starts)."""
	term = rules.ends_on_or_before_start([open_term for open_term, _why in ended], getdate(day))
	if term:
		frappe.throw(
			_("{0} {1} is on or before the start of the term it ends: {2} ({3} of {4}) from {5}").format(
				what,
				bold(day),
				get_link_to_form("Cadre Term", term.name),
				_(term.post),
				bold(term.community),
				term.start_date,
			),
			TermError,
			title=_("Invalid Date"),
		)


def undo(doctype: str, name: str, source_field: str) -> None:
	"""A cancelled appointment or election: the term it started is cancelled, the terms it ended reopen. An
	election's cancellation leaves a term an appointment started (its cancellation is refused before)."""
	term = frappe.qb.DocType("Cadre Term")
	started = term[source_field] == name
	if source_field == "election_record":
		started &= term.appointment.isnull()
	frappe.qb.update(term).set(term.status, TERM_CANCELLED).where(started).run()
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


def pending_election(cadre: str, post: str, community: str, term_start) -> frappe._dict | None:
	"""The latest submitted election that elected the cadre into the post, held within the year before the term
	starts (rules.terms.pending_election_window), that has not yet started a term."""
	earliest, latest = rules.pending_election_window(getdate(term_start))
	rows = frappe.get_all(
		"Election Record",
		filters={
			"cadre": cadre,
			"post": post,
			"community": community,
			"docstatus": 1,
			"result": ELECTED,
			"cadre_term": ("is", "not set"),
			"election_date": ("between", (earliest, latest)),
		},
		fields=["name", "general_election"],
		order_by="election_date desc",
		limit=1,
	)
	return rows[0] if rows else None


# ---------------------------------------------------------------- appointments


def appointment_ends(appointment) -> list[tuple[OpenTerm, str]]:
	return rules.terms_ended_by_appointment(
		open_terms(
			lambda term: (term.cadre == appointment.cadre)
			| ((term.post == appointment.post) & (term.community == appointment.community))
		),
		appointment.cadre,
		appointment.post,
		appointment.community,
		appointment.post_to_remove,
	)


def validate_appointment(appointment) -> None:
	"""Before approval: the terms it ends began before its Term Start."""
	refuse_end_before_start(appointment_ends(appointment), appointment.from_date, _("Term Start"))


def on_appointment_approved(appointment) -> str | None:
	"""End what the appointment replaces and start the new term; returns the new term's name (None for a post
	without a term)."""
	end_terms(
		appointment_ends(appointment),
		appointment.from_date,
		{
			rules.LEFT_POST: _("Appointed {0} of {1} by {2}").format(
				_(appointment.post), appointment.community, appointment.name
			),
			rules.REPLACED: _("Succeeded by {0}, appointed {1} by {2}").format(
				appointment.full_name or appointment.cadre, _(appointment.post), appointment.name
			),
		},
		"Appointment",
		appointment.name,
	)
	election = pending_election(
		appointment.cadre, appointment.post, appointment.community, appointment.from_date
	)
	name = start_term(
		appointment.cadre,
		appointment.post,
		appointment.community,
		appointment.from_date,
		BY_ELECTION if election else BY_APPOINTMENT,
		end_date=appointment.to_date,
		election_record=election.name if election else None,
		appointment=appointment.name,
		general_election=election.general_election if election else None,
	)
	if election and name:
		frappe.db.set_value("Election Record", election.name, "cadre_term", name)
	return name


def on_appointment_cancelled(appointment) -> None:
	election_record = frappe.db.get_value("Cadre Term", {"appointment": appointment.name}, "election_record")
	if election_record:
		frappe.db.set_value("Election Record", election_record, "cadre_term", None)
	undo("Appointment", appointment.name, "appointment")


# ---------------------------------------------------------------- elections


def election_effect(election) -> tuple[list[tuple[OpenTerm, str]], bool]:
	"""The terms the election ends (with why) and whether it starts the cadre's next term."""
	terms = open_terms(lambda term: (term.post == election.post) & (term.community == election.community))
	ended = rules.terms_ended_by_election(
		terms,
		election.cadre,
		election.post,
		election.community,
		election.result,
		bool(election.general_election),
	)
	register = register_entry(election.cadre)
	incumbent = bool(register and rules.holds_post(register, election.post, election.community)) or any(
		term.cadre == election.cadre for term in terms
	)
	return ended, rules.election_starts_term(election.result, incumbent)


def validate_election(election) -> None:
	"""The terms it ends began before the election day."""
	ended, _starts = election_effect(election)
	refuse_end_before_start(ended, election.election_date, _("Election Date"))


def on_election_submitted(election) -> str | None:
	"""End the terms the election ends; a re-elected incumbent's new term (returns its name), else None."""
	ended, starts = election_effect(election)
	end_terms(
		ended,
		election.election_date,
		{
			rules.RE_ELECTED: _("Re-elected by {0}").format(election.name),
			rules.NOT_RE_ELECTED: _("Not re-elected by {0}").format(election.name),
			rules.REPLACED: _("Succeeded by {0}, elected {1} by {2}").format(
				election.full_name or election.cadre, _(election.post), election.name
			),
		},
		"Election Record",
		election.name,
	)
	if not starts:
		return None
	return start_term(
		election.cadre,
		election.post,
		election.community,
		election.election_date,
		BY_ELECTION,
		election_record=election.name,
		general_election=election.general_election,
	)


def appointment_after_election(election: str) -> str | None:
	"""An approved appointment whose term followed the election (its cancellation must wait for it)."""
	term = frappe.qb.DocType("Cadre Term")
	appointment = frappe.qb.DocType("Appointment")
	rows = (
		frappe.qb.from_(term)
		.join(appointment)
		.on(appointment.name == term.appointment)
		.select(appointment.name)
		.where(
			(term.election_record == election)
			& (term.status != TERM_CANCELLED)
			& (appointment.docstatus == 1)
		)
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None


def on_election_cancelled(election) -> None:
	undo("Election Record", election.name, "election_record")


# ---------------------------------------------------------------- cadres leaving


def adjustment_decided_on(cadre: str) -> datetime.date | None:
	"""The date of the (latest) decision that adjusted the cadre."""
	case = frappe.qb.DocType("Adjustment Case")
	rows = (
		frappe.qb.from_(case)
		.select(case.decision_date)
		.where((case.cadre == cadre) & (case.status == "Adjusted") & case.decision_date.isnotnull())
		.orderby(case.decision_date, order=Order.desc)
		.limit(1)
		.run()
	)
	return getdate(rows[0][0]) if rows else None


def on_cadre_update(cadre, method=None) -> None:
	"""Cadre on_update: a cadre that left (Adjusted, Retired, Resigned) no longer serves its terms. An adjusted
	one left on the day of the decision (Adjustment Case.decision_date), the others on the day of the change."""
	if cadre.status not in LEAVING_STATUSES or not cadre.has_value_changed("status"):
		return
	left_on = (adjustment_decided_on(cadre.name) if cadre.status == "Adjusted" else None) or getdate(
		nowdate()
	)
	end_cadre_terms(cadre.name, left_on, _(cadre.status), "Cadre", cadre.name)
