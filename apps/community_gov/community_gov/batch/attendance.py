"""Attendance from a sign-in sheet: one sheet per training session.

A row names a cadre by ID number, or by name and community when the sheet has no ID number, and gives its
attendance (Attended / Absent / Excused, or Enrolled) and, for Attended, its credit hours (blank: the whole
session). The downloaded sheet lists the session's attendees the user may see; HR may add rows for cadres
who came without being enrolled. Rows not on the sheet are left as they are.

Checked for every row before anything is written (community_gov.batch.imports): the cadre found once within
the uploader's access; a cadre not yet in the session active, of the program's audience, free at that time
and within the capacity (the checks of community_gov.training.sessions, which the session's own save runs
again with locks); hours only for Attended and never above the session's length; attendance only once the
session has started. The changes are written by one save of the session document, as the user.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, now_datetime

from community_gov.batch import imports
from community_gov.batch.sheets import Sheet, SheetColumn, write_workbook
from community_gov.cadres import visible_cadres
from community_gov.constants import doctype_options
from community_gov.exceptions import AttendanceClosedError
from community_gov.rules import sheets as cells
from community_gov.rules.training import SEAT_HOLDING_STATUSES
from community_gov.text import bold
from community_gov.training import sessions

CADRE_FIELDS = ["full_name", "community", "status", "position", "sub_district", "id_number"]
# A cadre's own attendance: what the session records once it has started.
MARKED = ("Attended", "Absent", "Excused")


def headers() -> frappe._dict:
	return frappe._dict(
		id_number=_("ID Number"),
		full_name=_("Full Name"),
		community=_("Community"),
		status=_("Attendance"),
		hours=_("Credit Hours"),
	)


def status_choices() -> dict[str, str]:
	"""Each attendance status by its word in the user's language and in English."""
	statuses = doctype_options("Training Attendance", "status")
	return {**{_(status): status for status in statuses}, **{status: status for status in statuses}}


def load_session(training_session: str, lock: bool = False):
	"""The session the user may change, open for attendance."""
	if not frappe.db.exists("Training Session", training_session):
		frappe.throw(
			_("{0} {1} does not exist").format(_("Training Session"), bold(training_session)),
			frappe.DoesNotExistError,
		)
	# Locked as the portal's enrolment locks it: an enrolment racing the import waits for it.
	session = frappe.get_doc("Training Session", training_session, for_update=lock)
	session.check_permission("write")
	if session.docstatus != 0 or session.status in sessions.CLOSED_STATUSES:
		frappe.throw(
			_("{0} is {1}: its attendance can no longer be changed").format(
				bold(session.title), _(session.status)
			),
			AttendanceClosedError,
			title=_("Attendance Closed"),
		)
	return session


# ---------------------------------------------------------------- the sign-in sheet HR downloads


def attendance_sheet(training_session: str) -> bytes:
	session = load_session(training_session)
	visible = {
		row.name: row
		for row in visible_cadres(
			{"name": ("in", [row.cadre for row in session.attendees] or [""])}, CADRE_FIELDS
		)
	}
	h = headers()
	statuses = doctype_options("Training Attendance", "status")
	sheet = Sheet(
		title=_("Attendance"),
		columns=[
			SheetColumn(h.id_number, 22, editable=True, text=True),
			SheetColumn(h.full_name, 12, editable=True),
			SheetColumn(h.community, 16, editable=True),
			SheetColumn(h.status, 12, editable=True, choices=tuple(_(status) for status in statuses)),
			SheetColumn(
				h.hours,
				10,
				editable=True,
				maximum=flt(session.session_hours),
				prompt=_("Hours between 0 and {0}"),
			),
		],
		notes_title=_("How to Fill"),
		notes=[
			_("Training session: {0} ({1}), {2} hours").format(
				session.title, session.name, session.session_hours
			),
			_(
				"One row per cadre: the ID number, or the name and the community when the ID number is not known."
			),
			_("Attendance: {0}.").format(" / ".join(_(status) for status in statuses)),
			_(
				"Credit hours only for attended cadres, at most the session's hours; blank means the whole session."
			),
			_("Cadres not listed may be added as new rows; attendees left off the sheet are not changed."),
			_("Upload the sheet from the training session: button Import Attendance."),
		],
		range_error=_("Enter a number between 0 and {0}"),
	)
	for row in session.attendees:
		cadre = visible.get(row.cadre)
		if not cadre:
			continue
		hours = flt(row.hours) if row.status == "Attended" else None
		sheet.rows.append([cadre.id_number, cadre.full_name, cadre.community, _(row.status), hours])
	return write_workbook(sheet)


@frappe.whitelist()
def download_attendance_sheet(training_session: str) -> None:
	"""The session's sign-in sheet as an .xlsx download."""
	content = attendance_sheet(training_session)
	imports.send_sheet(content, _("Attendance {0}.xlsx").format(training_session))


# ---------------------------------------------------------------- the filled sheet HR uploads


@dataclass
class AttendanceRow:
	number: int
	id_number: str
	full_name: str
	community: str
	status: str
	hours: float | None


@frappe.whitelist(methods=["POST"])
def import_attendance(
	training_session: str, file_url: str, import_mode: str = imports.ALL_OR_NOTHING
) -> dict:
	"""Marks the session's attendance from an uploaded sign-in sheet (the URL of a file the user uploaded): at
	once for a small sheet (the result), else in the background (the queued log; community_gov.batch.imports)."""
	session = load_session(training_session)
	return imports.start_import(
		"Attendance",
		import_mode,
		file_url,
		run_attendance_import,
		training_session=session.name,
		year=session.year,
		sub_district=session.sub_district if session.level == "Sub District" else None,
	)


def run_attendance_import(log: str, user: str, lang: str, queued: bool = False) -> dict:
	"""The import job of a sign-in sheet's log, as the user who uploaded it."""
	return imports.run_job(log, user, lang, queued, mark_attendance)


def mark_attendance(log, result: imports.ImportResult, sheet_headers: list[str], rows) -> dict:
	"""Checks the sheet's rows and writes the good ones in one save of the session (the job's work)."""
	# Locked as the portal's enrolment locks it, and checked again as the job runs: still the uploader's to
	# change, still open.
	session = load_session(log.training_session, lock=True)
	h = headers()
	identified = h.id_number in sheet_headers or h.full_name in sheet_headers
	if not identified:
		result.add_error(
			imports.WHOLE_SHEET,
			h.id_number,
			_("The sheet needs a column {0} or a column {1}").format(bold(h.id_number), bold(h.full_name)),
		)
	if not imports.missing_columns(sheet_headers, (h.status,), result) and identified:
		parsed = parse_rows(rows, result)
		plan = check_rows(session, parsed, result)
		imports.write_planned(plan, result)
	return {}


def parse_rows(rows, result: imports.ImportResult) -> list[AttendanceRow]:
	h = headers()
	choices = status_choices()
	parsed = []
	for row in rows:
		errors = len(result.errors)
		id_number = cells.as_text(row.get(h.id_number)).upper()
		full_name = cells.as_text(row.get(h.full_name))
		if not id_number and not full_name:
			result.add_error(
				row.number,
				h.id_number,
				_("Enter the {0}, or the {1} and the {2}").format(h.id_number, h.full_name, h.community),
			)
		try:
			status = cells.choice(row.get(h.status), choices)
			if not status:
				result.add_error(row.number, h.status, _("{0} is required").format(h.status))
		except KeyError:
			status = None
			result.add_error(
				row.number,
				h.status,
				_("{0} is not an attendance; enter one of {1}").format(
					bold(row.get(h.status)),
					" / ".join(_(s) for s in doctype_options("Training Attendance", "status")),
				),
			)
		try:
			hours = cells.as_number(row.get(h.hours))
		except cells.NotANumber:
			hours = None
			result.add_error(row.number, h.hours, _("{0} is not a number").format(bold(row.get(h.hours))))
		if len(result.errors) == errors:
			parsed.append(
				AttendanceRow(
					row.number, id_number, full_name, cells.as_text(row.get(h.community)), status, hours
				)
			)
	return parsed


def find_cadres(parsed: list[AttendanceRow]) -> tuple[dict[str, frappe._dict], dict[str, list[frappe._dict]]]:
	"""Cadres the user may see, by ID number and by name: two queries whatever the rows."""
	id_numbers = sorted({row.id_number for row in parsed if row.id_number})
	names = sorted({row.full_name for row in parsed if not row.id_number})
	by_id = (
		{row.id_number: row for row in visible_cadres({"id_number": ("in", id_numbers)}, CADRE_FIELDS)}
		if id_numbers
		else {}
	)
	by_name: dict[str, list[frappe._dict]] = {}
	if names:
		for row in visible_cadres({"full_name": ("in", names)}, CADRE_FIELDS):
			by_name.setdefault(row.full_name, []).append(row)
	return by_id, by_name


def identify(row: AttendanceRow, by_id, by_name, result: imports.ImportResult) -> frappe._dict | None:
	h = headers()
	if row.id_number:
		cadre = by_id.get(row.id_number)
		if not cadre:
			result.add_error(
				row.number,
				h.id_number,
				_("No cadre with the ID number {0} within your access").format(bold(row.id_number)),
			)
		elif row.full_name and row.full_name != cadre.full_name:
			result.add_error(
				row.number,
				h.full_name,
				_("The ID number {0} is registered for {1}, not {2}").format(
					row.id_number, cadre.full_name, bold(row.full_name)
				),
			)
			return None
		return cadre
	candidates = [
		cadre
		for cadre in by_name.get(row.full_name, [])
		if not row.community or cadre.community == row.community
	]
	if len(candidates) == 1:
		return candidates[0]
	if not candidates:
		result.add_error(
			row.number,
			h.community if row.community else h.full_name,
			_("No cadre named {0} in {1} within your access").format(
				bold(row.full_name), row.community or _("any community")
			),
		)
	else:
		result.add_error(
			row.number,
			h.id_number,
			_("{0} cadres are named {1}{2}: enter the ID number").format(
				len(candidates),
				bold(row.full_name),
				_(" in {0}").format(row.community) if row.community else "",
			),
		)
	return None


def check_rows(
	session, parsed: list[AttendanceRow], result: imports.ImportResult
) -> list[imports.PlannedWrite]:
	"""Checks every row (a fixed number of queries) and plans one save of the session with the good ones."""
	h = headers()
	by_id, by_name = find_cadres(parsed)
	current = {row.cadre: row for row in session.attendees}
	started = get_datetime(session.start) <= now_datetime()
	audience = frappe.db.get_value("Training Program", session.program, "audience")
	program_sub_district = session.sub_district if session.level == "Sub District" else None
	checked: list[tuple[AttendanceRow, frappe._dict]] = []
	seen: set[str] = set()
	for row in parsed:
		errors = len(result.errors)
		cadre = identify(row, by_id, by_name, result)
		if not cadre:
			continue
		if cadre.name in seen:
			result.add_error(
				row.number, h.full_name, _("{0} appears more than once").format(bold(cadre.full_name))
			)
			continue
		seen.add(cadre.name)
		if row.status in MARKED and not started:
			result.add_error(
				row.number,
				h.status,
				_("{0} has not started: attendance is marked once it has").format(bold(session.title)),
			)
		if row.hours is not None:
			if row.status != "Attended" and row.hours:
				result.add_error(
					row.number, h.hours, _("Credit hours count only for {0}").format(_("Attended"))
				)
			elif not cells.within(row.hours, 0, flt(session.session_hours)):
				result.add_error(
					row.number,
					h.hours,
					_("{0} {1} must be between 0 and the session's {2} hours").format(
						h.hours, bold(cells.shown(row.hours)), cells.shown(flt(session.session_hours))
					),
				)
		if cadre.name not in current and cadre.status != "Active":
			result.add_error(
				row.number,
				h.full_name,
				_("{0} is {1}: only active cadres can be added").format(
					bold(cadre.full_name), _(cadre.status)
				),
			)
		if len(result.errors) == errors:
			checked.append((row, cadre))
	newcomers = [cadre.name for row, cadre in checked if cadre.name not in current]
	eligible = (
		{c.name for c in sessions.audience_cadres(audience, program_sub_district)} if newcomers else set()
	)
	gaining = [
		cadre.name
		for row, cadre in checked
		if row.status in SEAT_HOLDING_STATUSES
		and (cadre.name not in current or current[cadre.name].status not in SEAT_HOLDING_STATUSES)
	]
	clashes = sessions.find_clashes(gaining, session.start, session.end, exclude=session.name)
	seats = sessions.seats_taken_in(session)
	changes: list[tuple[AttendanceRow, frappe._dict]] = []
	for row, cadre in checked:
		if cadre.name not in current and cadre.name not in eligible:
			result.add_error(
				row.number,
				h.full_name,
				_("{0} is for {1}; {2} is not in its audience").format(
					bold(session.title), _(audience), cadre.full_name
				),
			)
			continue
		if clash := clashes.get(cadre.name):
			result.add_error(
				row.number,
				h.status,
				_("{0} is already in the session {1} at the same time").format(
					bold(cadre.full_name), bold(clash.title)
				),
			)
			continue
		existing = current.get(cadre.name)
		if (
			existing
			and existing.status == row.status
			and (row.hours is None or row.status != "Attended" or abs(flt(existing.hours) - row.hours) < 1e-9)
		):
			result.unchanged += 1
			continue
		if cadre.name in gaining:
			if seats + 1 > cint(session.capacity):
				result.add_error(
					row.number,
					h.status,
					_("{0} is full ({1} seats)").format(bold(session.title), session.capacity),
				)
				continue
			seats += 1
		changes.append((row, cadre))
	if not changes:
		return []
	# One save of the session writes every row: a refusal there concerns the sheet as a whole.
	return [imports.PlannedWrite(imports.WHOLE_SHEET, "", make_writer(session, changes))]


def make_writer(session, changes: list[tuple[AttendanceRow, frappe._dict]]):
	"""One save of the session with every change: its controller checks seats, clashes and hours again."""

	def write() -> dict:
		current = {row.cadre: row for row in session.attendees}
		added = 0
		for row, cadre in changes:
			attendee = current.get(cadre.name)
			if not attendee:
				attendee = session.append(
					"attendees",
					{"cadre": cadre.name, "full_name": cadre.full_name, "enrolled_via": "Assigned"},
				)
				added += 1
			if row.hours is not None:
				attendee.hours = row.hours
			elif attendee.status != row.status:
				attendee.hours = 0  # newly Attended: the controller gives the whole session; otherwise none
			attendee.status = row.status
		session.save()
		return {"created": added, "updated": len(changes) - added}

	return write
