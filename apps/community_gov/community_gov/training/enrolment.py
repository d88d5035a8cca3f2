"""Enrolment with capacity and time clashes enforced, safe under concurrent requests.

Every enrolment locks the session row (SELECT … FOR UPDATE) before counting seats, so two trainees
racing for the last seat are serialized: the second one sees the session full.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules.training import find_clash, seats_left
from community_gov.text import bold
from community_gov.training.common import TAKEN_STATUSES

AUDIENCE_POSITIONS = {
	"Secretaries": ("Secretary",),
	"Deputy Secretaries": ("Deputy Secretary",),
}


def lock_session(session: str) -> frappe._dict:
	rows = frappe.db.sql(
		"""select session.name, session.title, session.status, session.docstatus, session.capacity,
			session.enrolment_mode, session.start, session.end, program.audience,
			if(program.level = 'Sub District', program.sub_district, null) as program_sub_district
		from `tabTraining Session` session left join `tabTraining Program` program on program.name = session.program
		where session.name = %s for update""",
		session,
		as_dict=True,
	)
	if not rows:
		frappe.throw(_("{0} {1} does not exist").format(_("Training Session"), bold(session)))
	return rows[0]


def seats_taken(session: str) -> int:
	"""A locking read: under REPEATABLE READ a plain count could see a snapshot older than the seat
	another trainee has just taken."""
	return frappe.db.sql(
		"""select count(*) from `tabTraining Attendance`
		where parent = %s and parenttype = 'Training Session' and status in %s for update""",
		(session, TAKEN_STATUSES),
	)[0][0]


def check_clash(session: frappe._dict, cadre: str) -> None:
	from community_gov.community_governance.doctype.training_session.training_session import other_sessions_of

	# A locking read: the cadre row lock has serialized this cadre's enrolments, but under REPEATABLE READ
	# a plain read could still see a snapshot older than the enrolment that just committed.
	others = other_sessions_of([cadre], exclude=session.name, lock=True).get(cadre, [])
	clash = find_clash(
		get_datetime(session.start), get_datetime(session.end), [(s.name, s.start, s.end) for s in others]
	)
	if clash:
		title = frappe.db.get_value("Training Session", clash, "title")
		frappe.throw(
			_("You are already enrolled in {0} at the same time").format(bold(title)),
			title=_("Time Clash"),
		)


def lock_cadre(cadre: str) -> frappe._dict:
	"""Serializes one cadre's enrolments: two parallel requests cannot both pass the clash check."""
	rows = frappe.db.sql(
		"""select name, full_name, status, position, sub_district from `tabCadre` where name = %s for update""",
		cadre,
		as_dict=True,
	)
	if not rows:
		frappe.throw(_("{0} {1} does not exist").format(_("Cadre"), bold(cadre)))
	return rows[0]


def cadre_in_audience(cadre: frappe._dict, audience: str | None, program_sub_district: str | None) -> bool:
	if program_sub_district and cadre.sub_district != program_sub_district:
		return False
	if audience in AUDIENCE_POSITIONS:
		return cadre.position in AUDIENCE_POSITIONS[audience]
	if audience == "Reserve Candidates":
		return bool(
			frappe.db.exists("Reserve Candidate", {"cadre": cadre.name, "status": ("in", IN_POOL_STATUSES)})
		)
	return True


def enrol(session_name: str, cadre: str, via: str = "Menu") -> None:
	"""Add a cadre to a session; for the portal (via Menu) only open Menu sessions that have not started,
	for an active cadre of the program's audience."""
	cadre_details = lock_cadre(cadre)
	session = lock_session(session_name)
	if session.docstatus != 0 or session.status in ("Completed", "Cancelled"):
		frappe.throw(
			_("{0} is {1}: enrolment is closed").format(bold(session.title), _(session.status)),
			title=_("Enrolment Closed"),
		)
	if via == "Menu" and (
		session.enrolment_mode != "Menu"
		or session.status != "Enrolling"
		or get_datetime(session.start) <= now_datetime()
	):
		frappe.throw(
			_("{0} is not open for enrolment").format(bold(session.title)), title=_("Enrolment Closed")
		)
	if cadre_details.status != "Active":
		frappe.throw(
			_("{0} is {1}: only active cadres can enrol").format(
				bold(cadre_details.full_name), _(cadre_details.status)
			),
			title=_("Not Eligible"),
		)
	if not cadre_in_audience(cadre_details, session.audience, session.program_sub_district):
		frappe.throw(
			_("{0} is for {1}; {2} is not in its audience").format(
				bold(session.title), _(session.audience), cadre_details.full_name
			),
			title=_("Not Eligible"),
		)
	if frappe.db.get_value(
		"Training Attendance",
		{"parent": session.name, "parenttype": "Training Session", "cadre": cadre},
		"name",
		for_update=True,
	):
		frappe.throw(_("You are already enrolled in {0}").format(bold(session.title)))
	if seats_left(session.capacity, seats_taken(session.name)) <= 0:
		frappe.throw(
			_("{0} is full ({1} seats)").format(bold(session.title), session.capacity),
			title=_("Session Full"),
		)
	check_clash(session, cadre)
	details = cadre_details
	idx = (
		frappe.db.count("Training Attendance", {"parent": session.name, "parenttype": "Training Session"}) + 1
	)
	frappe.get_doc(
		{
			"doctype": "Training Attendance",
			"parent": session.name,
			"parenttype": "Training Session",
			"parentfield": "attendees",
			"idx": idx,
			"cadre": cadre,
			"full_name": details.full_name,
			"sub_district": details.sub_district,
			"status": "Enrolled",
			"enrolled_via": via,
		}
	).db_insert()
	refresh_counts(session.name)


def withdraw(session_name: str, cadre: str) -> None:
	"""Leave a session until it starts."""
	session = lock_session(session_name)
	if get_datetime(session.start) <= now_datetime() or session.docstatus != 0:
		frappe.throw(
			_("{0} has started: withdrawing is no longer possible").format(bold(session.title)),
			title=_("Too Late"),
		)
	via = frappe.db.get_value(
		"Training Attendance",
		{"parent": session.name, "parenttype": "Training Session", "cadre": cadre, "status": "Enrolled"},
		"enrolled_via",
	)
	if not via:
		frappe.throw(_("You are not enrolled in {0}").format(bold(session.title)))
	if via != "Menu":
		frappe.throw(
			_("{0} was assigned to you by the organization department; ask them to release you").format(
				bold(session.title)
			),
			title=_("Assigned Training"),
		)
	attendance = frappe.qb.DocType("Training Attendance")
	deleted = (
		frappe.qb.from_(attendance)
		.delete()
		.where(
			(attendance.parent == session.name)
			& (attendance.parenttype == "Training Session")
			& (attendance.cadre == cadre)
			& (attendance.status == "Enrolled")
		)
		.run()
	)
	refresh_counts(session.name)
	return deleted


def refresh_counts(session: str) -> None:
	"""Counts, and `modified` so a desk form opened before this change refuses to overwrite it."""
	frappe.db.set_value(
		"Training Session",
		session,
		{
			"enrolled_count": seats_taken(session),
			"attended_count": frappe.db.count(
				"Training Attendance",
				{"parent": session, "parenttype": "Training Session", "status": "Attended"},
			),
		},
		update_modified=True,
	)


def audience_cadres(audience: str, sub_district: str | None = None) -> list[frappe._dict]:
	filters = {"status": "Active"}
	if sub_district:
		filters["sub_district"] = sub_district
	if audience in AUDIENCE_POSITIONS:
		filters["position"] = ("in", AUDIENCE_POSITIONS[audience])
	elif audience == "Reserve Candidates":
		in_pool = frappe.get_all(
			"Reserve Candidate", filters={"status": ("in", IN_POOL_STATUSES)}, pluck="cadre", distinct=True
		)
		filters["name"] = ("in", in_pool or [""])
	# The caller's list: a reviewer can only ever assign cadres it may see.
	return frappe.get_list(
		"Cadre", filters=filters, fields=["name", "full_name", "sub_district"], order_by="name"
	)


def assign_audience(session, sub_district: str | None = None) -> dict:
	"""Bulk assignment: every cadre of the program's audience not yet in the session and free at that time.

	Refused as a whole when the seats do not suffice; clashing cadres are skipped and reported.
	"""
	session.check_permission("write")
	if sub_district and not frappe.has_permission("Sub District", "read", sub_district):
		frappe.throw(
			_("{0} {1} is outside your access").format(_("Sub District"), bold(sub_district)),
			frappe.PermissionError,
		)
	audience = frappe.db.get_value("Training Program", session.program, "audience")
	present = {row.cadre for row in session.attendees}
	candidates = [c for c in audience_cadres(audience, sub_district) if c.name not in present]
	busy = set()
	if candidates:
		from community_gov.community_governance.doctype.training_session.training_session import (
			other_sessions_of,
		)

		others = other_sessions_of([c.name for c in candidates], exclude=session.name)
		start, end = get_datetime(session.start), get_datetime(session.end)
		busy = {
			cadre
			for cadre, rows in others.items()
			if find_clash(start, end, [(s.name, s.start, s.end) for s in rows])
		}
	to_add = [c for c in candidates if c.name not in busy]
	free = seats_left(session.capacity, session.seats_taken())
	if len(to_add) > free:
		frappe.throw(
			_("{0} would need {1} more seats but has {2} left; raise the {3} first").format(
				bold(session.title), len(to_add), free, _("Capacity")
			),
			title=_("Session Full"),
		)
	for cadre in to_add:
		session.append(
			"attendees",
			{"cadre": cadre.name, "full_name": cadre.full_name, "sub_district": cadre.sub_district,
				"status": "Enrolled", "enrolled_via": "Assigned"},
		)  # fmt: skip
	session.save()
	return {"added": len(to_add), "skipped_clashing": sorted(busy)}
