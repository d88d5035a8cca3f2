"""Training sessions: the one owner of seats, time clashes and enrolment (BRIEF R6).

The session controller runs the checks here on every save. The portal's enrolment and withdrawal and the
desk's bulk assignment change a session only through its document, so every path runs the same validation.

Concurrency: a change that gives cadres a seat locks their Cadre rows, then reads their other sessions with
a locking read (under REPEATABLE READ a plain read could miss a seat another request has just committed), so
one cadre cannot be booked twice at one time by parallel requests. The portal loads the session with
`for_update`, which locks it and reads its newest committed attendees: two trainees racing for the last seat
are serialized, the second one sees the session full.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, escape_html, get_datetime, get_link_to_form, now_datetime

from community_gov.constants import DEPUTY_SECRETARY, SECRETARY
from community_gov.exceptions import (
	DuplicateAttendeeError,
	EnrolmentClosedError,
	NotEligibleError,
	NotEnrolledError,
	SessionFullError,
	TimeClashError,
	WithdrawalClosedError,
)
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules.training import (
	SEAT_HOLDING_STATUSES,
	SESSION_STATUS_COLOURS,
	SESSION_STATUS_MOVES,
	SESSION_STATUSES,
	find_clash,
	seats_left,
)
from community_gov.text import bold

AUDIENCE_POSITIONS = {
	"Secretaries": (SECRETARY,),
	"Deputy Secretaries": (DEPUTY_SECRETARY,),
}
CLOSED_STATUSES = ("Completed", "Cancelled")


# Queries


def live_sessions_of(
	cadres: list[str], exclude: str | None = None, lock: bool = False
) -> dict[str, list[frappe._dict]]:
	"""The live sessions (not cancelled) each cadre holds a seat in, by start: one query (`lock`: a locking
	read of the newest committed rows)."""
	if not cadres:
		return {}
	session = frappe.qb.DocType("Training Session")
	attendance = frappe.qb.DocType("Training Attendance")
	query = (
		frappe.qb.from_(attendance)
		.join(session)
		.on(session.name == attendance.parent)
		.select(attendance.cadre, session.name, session.title, session.start, session.end)
		.where(
			attendance.cadre.isin(list(cadres))
			& attendance.status.isin(SEAT_HOLDING_STATUSES)
			& (attendance.parenttype == "Training Session")
			& (session.docstatus < 2)
			& (session.status != "Cancelled")
		)
		.orderby(session.start)
	)
	if exclude:
		query = query.where(session.name != exclude)
	if lock:
		query = query.for_update()
	result: dict[str, list[frappe._dict]] = {}
	for row in query.run(as_dict=True):
		result.setdefault(row.cadre, []).append(row)
	return result


def lock_cadres(cadres: list[str]) -> dict[str, frappe._dict]:
	"""Locks the cadres' rows, in name order so parallel requests take them in one order: a change that gives
	one of them a seat waits until any other such change has committed. Returns their details."""
	if not cadres:
		return {}
	cadre = frappe.qb.DocType("Cadre")
	rows = (
		frappe.qb.from_(cadre)
		.select(cadre.name, cadre.full_name, cadre.status, cadre.position, cadre.sub_district)
		.where(cadre.name.isin(sorted(set(cadres))))
		.orderby(cadre.name)
		.for_update()
		.run(as_dict=True)
	)
	return {row.name: row for row in rows}


def seats_taken_in(session) -> int:
	"""Seats held by the attendees of this in-memory session document, unsaved changes included."""
	return sum(1 for row in session.attendees if row.status in SEAT_HOLDING_STATUSES)


def find_clashes(
	cadres: list[str], start, end, exclude: str | None = None, lock: bool = False
) -> dict[str, frappe._dict]:
	"""The clash check: for each cadre holding a seat in another live session that overlaps [start, end),
	the first such session (name, title, start, end). One query for all cadres."""
	start, end = get_datetime(start), get_datetime(end)
	clashes = {}
	for cadre, others in live_sessions_of(cadres, exclude, lock).items():
		clash = find_clash(start, end, [(s.name, s.start, s.end) for s in others])
		if clash:
			clashes[cadre] = next(s for s in others if s.name == clash)
	return clashes


# Checks of a session document, run by its controller on every save


def is_self_service(session, cadre: str) -> bool:
	"""Whether this save is `cadre`'s own enrolment or withdrawal (the portal): its messages then speak to
	the cadre and link nothing in the desk."""
	return bool(cadre) and session.flags.self_service_cadre == cadre


def check_duplicates(session) -> None:
	seen = set()
	for row in session.attendees:
		if row.cadre in seen:
			if is_self_service(session, row.cadre):
				message = _("You are already enrolled in {0}").format(bold(session.title))
				title = _("Enrolled")
			else:
				message = _("Row {0}: {1} is listed twice").format(row.idx, bold(row.full_name or row.cadre))
				title = _("Duplicate Attendee")
			frappe.throw(message, exc=DuplicateAttendeeError, title=title)
		seen.add(row.cadre)


def check_capacity(session) -> None:
	taken = seats_taken_in(session)
	if taken <= cint(session.capacity):
		return
	if session.flags.self_service_cadre:
		message = _("{0} is full ({1} seats)").format(bold(session.title), session.capacity)
	else:
		message = _("{0} {1} is below the {2} cadres already enrolled").format(
			_("Capacity"), bold(session.capacity), taken
		)
	frappe.throw(message, exc=SessionFullError, title=_("Session Full"))


def cadres_taking_a_seat(session) -> list[str]:
	"""Cadres who hold a seat after this save and did not before: everyone when the session is new or its
	times change (who kept a seat at unchanged times cannot have gained a clash here)."""
	holders = [row.cadre for row in session.attendees if row.status in SEAT_HOLDING_STATUSES]
	before = session.get_doc_before_save()
	times = (get_datetime(session.start), get_datetime(session.end))
	if not before or (get_datetime(before.start), get_datetime(before.end)) != times:
		return holders
	held = {row.cadre for row in before.attendees if row.status in SEAT_HOLDING_STATUSES}
	return [cadre for cadre in holders if cadre not in held]


def check_clashes(session) -> None:
	"""No cadre holds a seat here and in another live session at the same time."""
	if session.status == "Cancelled":
		return
	cadres = cadres_taking_a_seat(session)
	if not cadres:
		return
	lock_cadres(cadres)
	clashes = find_clashes(cadres, session.start, session.end, exclude=session.name, lock=True)
	for row in session.attendees:
		clash = clashes.get(row.cadre)
		if not clash or row.status not in SEAT_HOLDING_STATUSES:
			continue
		if is_self_service(session, row.cadre):
			message = _("You are already enrolled in {0} at the same time").format(bold(clash.title))
		else:
			message = _("{0} is already in the session {1} at the same time").format(
				bold(row.full_name or row.cadre),
				get_link_to_form("Training Session", clash.name, escape_html(clash.title or clash.name)),
			)
		frappe.throw(message, exc=TimeClashError, title=_("Time Clash"))


# A cadre's own enrolment (the portal)


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


def check_open_for_enrolment(session) -> None:
	"""Trainees enrol themselves only in Menu sessions that are enrolling and have not started."""
	if session.docstatus != 0 or session.status in CLOSED_STATUSES:
		frappe.throw(
			_("{0} is {1}: enrolment is closed").format(bold(session.title), _(session.status)),
			exc=EnrolmentClosedError,
			title=_("Enrolment Closed"),
		)
	if (
		session.enrolment_mode != "Menu"
		or session.status != "Enrolling"
		or get_datetime(session.start) <= now_datetime()
	):
		frappe.throw(
			_("{0} is not open for enrolment").format(bold(session.title)),
			exc=EnrolmentClosedError,
			title=_("Enrolment Closed"),
		)


def check_eligible(session, cadre: frappe._dict) -> None:
	"""An active cadre of the program's audience (and of its sub-district, for Sub District level)."""
	if cadre.status != "Active":
		frappe.throw(
			_("{0} is {1}: only active cadres can enrol").format(bold(cadre.full_name), _(cadre.status)),
			exc=NotEligibleError,
			title=_("Not Eligible"),
		)
	audience = frappe.db.get_value("Training Program", session.program, "audience")
	program_sub_district = session.sub_district if session.level == "Sub District" else None
	if not cadre_in_audience(cadre, audience, program_sub_district):
		frappe.throw(
			_("{0} is for {1}; {2} is not in its audience").format(
				bold(session.title), _(audience), cadre.full_name
			),
			exc=NotEligibleError,
			title=_("Not Eligible"),
		)


def save_as_cadre(session, cadre: str) -> None:
	"""Saves a cadre's own change through the session's validation. A cadre may not write sessions and
	`enrolled_via` is the system's (permlevel 2): the callers' checks stand in for both."""
	session.flags.self_service_cadre = cadre
	session.save(ignore_permissions=True)


def enrol(session_name: str, cadre_name: str):
	"""A cadre enrols itself in an open Menu session; returns the session."""
	# Locks the session and reads its newest committed attendees: a racer for the last seat waits here.
	session = frappe.get_doc("Training Session", session_name, for_update=True)
	cadre = lock_cadres([cadre_name]).get(cadre_name)
	if not cadre:
		frappe.throw(
			_("{0} {1} does not exist").format(_("Cadre"), bold(cadre_name)), frappe.DoesNotExistError
		)
	check_open_for_enrolment(session)
	check_eligible(session, cadre)
	session.append(
		"attendees",
		{"cadre": cadre.name, "full_name": cadre.full_name, "status": "Enrolled", "enrolled_via": "Menu"},
	)
	save_as_cadre(session, cadre.name)
	return session


def withdraw(session_name: str, cadre_name: str):
	"""A cadre leaves a session it chose on the portal, until the session starts; returns the session.
	Assigned training is left only when the organization department releases the cadre."""
	session = frappe.get_doc("Training Session", session_name, for_update=True)
	if session.docstatus != 0 or get_datetime(session.start) <= now_datetime():
		frappe.throw(
			_("{0} has started: withdrawing is no longer possible").format(bold(session.title)),
			exc=WithdrawalClosedError,
			title=_("Too Late"),
		)
	row = next((r for r in session.attendees if r.cadre == cadre_name and r.status == "Enrolled"), None)
	if not row:
		frappe.throw(_("You are not enrolled in {0}").format(bold(session.title)), exc=NotEnrolledError)
	if row.enrolled_via != "Menu":
		frappe.throw(
			_("{0} was assigned to you by the organization department; ask them to release you").format(
				bold(session.title)
			),
			exc=WithdrawalClosedError,
			title=_("Assigned Training"),
		)
	session.remove(row)
	save_as_cadre(session, cadre_name)
	return session


# Bulk assignment (the desk)


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
	"""Enrols every cadre of the program's audience not yet in the session and free at that time.

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
	busy = find_clashes([c.name for c in candidates], session.start, session.end, exclude=session.name)
	to_add = [c for c in candidates if c.name not in busy]
	free = seats_left(session.capacity, seats_taken_in(session))
	if len(to_add) > free:
		frappe.throw(
			_("{0} would need {1} more seats but has {2} left; raise the {3} first").format(
				bold(session.title), len(to_add), free, _("Capacity")
			),
			exc=SessionFullError,
			title=_("Session Full"),
		)
	for cadre in to_add:
		session.append(
			"attendees",
			{"cadre": cadre.name, "full_name": cadre.full_name, "sub_district": cadre.sub_district,
				"status": "Enrolled", "enrolled_via": "Assigned"},
		)  # fmt: skip
	# The save checks the clashes again, with locks: a seat taken meanwhile elsewhere refuses it.
	session.save()
	return {"added": len(to_add), "skipped_clashing": sorted(busy)}


def add_session_statuses_to_boot(bootinfo) -> None:
	"""boot_session: the desk's form and list scripts read the status map from here, not from a copy."""
	bootinfo.training_session_statuses = {
		"statuses": SESSION_STATUSES,
		"moves": SESSION_STATUS_MOVES,
		"colours": SESSION_STATUS_COLOURS,
	}
