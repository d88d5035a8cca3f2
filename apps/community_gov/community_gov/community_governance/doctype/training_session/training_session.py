import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime

from community_gov.permissions import get_access_scope
from community_gov.rules.training import find_clash, session_hours
from community_gov.text import bold
from community_gov.training.common import TAKEN_STATUSES, validate_training_scope

PROGRAM_FIELDS = ("level", "category", "training_format", "is_rotation", "sub_district")


class TrainingSession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.training_attendance.training_attendance import (
			TrainingAttendance,
		)

		amended_from: DF.Link | None
		attended_count: DF.Int
		attendees: DF.Table[TrainingAttendance]
		cancellation_reason: DF.SmallText | None
		capacity: DF.Int
		category: DF.Literal["Key", "General"]
		end: DF.Datetime
		enrolled_count: DF.Int
		enrolment_mode: DF.Literal["Assigned", "Menu"]
		is_rotation: DF.Check
		level: DF.Literal["City", "District", "Sub District"]
		program: DF.Link
		session_hours: DF.Float
		start: DF.Datetime
		status: DF.Literal["Planned", "Enrolling", "In Progress", "Completed", "Cancelled"]
		sub_district: DF.Link | None
		title: DF.Data
		trainer: DF.Data | None
		training_format: DF.Literal["Lecture", "Experience Exchange", "Site Visit", "Seminar"]
		venue: DF.Data
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		self.set_program_details()
		validate_training_scope(self)
		self.validate_times()
		self.validate_attendee_scope()
		self.validate_attendees()
		self.validate_capacity()
		self.validate_clashes()
		self.set_counts()

	def before_submit(self):
		self.validate_attendance_marked()
		self.status = "Completed"

	def on_cancel(self):
		self.db_set("status", "Cancelled")

	def apply_fieldlevel_read_permissions(self):
		"""A reviewer reads a session's attendees of its own sub-district only (every read path, the
		desk form and REST alike, passes through here)."""
		super().apply_fieldlevel_read_permissions()
		scope = get_access_scope()
		if not scope.unrestricted:
			self.set("attendees", [row for row in self.attendees if row.sub_district in scope.sub_districts])

	def validate_attendee_scope(self):
		"""A reviewer's save keeps the attendees it was not shown."""
		scope = get_access_scope()
		before = self.get_doc_before_save()
		if scope.unrestricted or not before:
			return
		present = {row.name for row in self.attendees}
		hidden = [row for row in before.attendees if row.sub_district not in scope.sub_districts]
		if any(row.name not in present for row in hidden):
			frappe.throw(
				_(
					"{0} has attendees of other sub-districts; only the Organization Department can remove them"
				).format(bold(self.title)),
				frappe.PermissionError,
			)

	def set_program_details(self):
		program = frappe.db.get_value("Training Program", self.program, PROGRAM_FIELDS, as_dict=True)
		if not program:
			frappe.throw(_("{0} {1} does not exist").format(_("Training Program"), bold(self.program)))
		self.update(program)

	def validate_times(self):
		start, end = get_datetime(self.start), get_datetime(self.end)
		if end <= start:
			frappe.throw(
				_("{0} {1} must be after the {2} {3}").format(
					_("Ends At"), bold(self.end), _("Starts At"), self.start
				),
				title=_("Invalid Time"),
			)
		self.session_hours = session_hours(start, end)
		self.year = start.year

	def validate_attendees(self):
		"""One row per cadre; hours count only for Attended and never exceed the session's length."""
		seen = set()
		sub_districts = dict(
			frappe.get_all(
				"Cadre",
				filters={"name": ("in", [row.cadre for row in self.attendees] or [""])},
				fields=["name", "sub_district"],
				as_list=True,
			)
		)
		for row in self.attendees:
			if row.cadre in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice").format(row.idx, bold(row.full_name or row.cadre)),
					title=_("Duplicate Attendee"),
				)
			seen.add(row.cadre)
			row.sub_district = sub_districts.get(row.cadre)
			if row.status != "Attended":
				row.hours = 0
			elif not flt(row.hours):
				row.hours = self.session_hours
			if flt(row.hours) > flt(self.session_hours) + 1e-6:
				frappe.throw(
					_("Row {0}: {1} {2} is more than the session's {3} hours").format(
						row.idx, _("Credit Hours"), bold(row.hours), self.session_hours
					),
					title=_("Invalid Hours"),
				)

	def seats_taken(self) -> int:
		return sum(1 for row in self.attendees if row.status in TAKEN_STATUSES)

	def validate_capacity(self):
		if self.capacity < self.seats_taken():
			frappe.throw(
				_("{0} {1} is below the {2} cadres already enrolled").format(
					_("Capacity"), bold(self.capacity), self.seats_taken()
				),
				title=_("Capacity Too Low"),
			)

	def validate_clashes(self):
		"""No attendee may be in another session at the same time: one query for all attendees."""
		cadres = [row.cadre for row in self.attendees if row.status in TAKEN_STATUSES]
		if not cadres or self.status == "Cancelled":
			return
		others = other_sessions_of(cadres, exclude=self.name)
		for row in self.attendees:
			if row.status not in TAKEN_STATUSES:
				continue
			clash = find_clash(
				get_datetime(self.start),
				get_datetime(self.end),
				[(s.name, s.start, s.end) for s in others.get(row.cadre, [])],
			)
			if clash:
				frappe.throw(
					_("{0} is already in the session {1} at the same time").format(
						bold(row.full_name or row.cadre), clash
					),
					title=_("Time Clash"),
				)

	def set_counts(self):
		self.enrolled_count = self.seats_taken()
		self.attended_count = sum(1 for row in self.attendees if row.status == "Attended")

	def validate_attendance_marked(self):
		unmarked = [row.full_name or row.cadre for row in self.attendees if row.status == "Enrolled"]
		if unmarked:
			frappe.throw(
				_("Mark the attendance of {0} before completing the session").format(
					", ".join(unmarked[:10])
				),
				title=_("Attendance Not Marked"),
			)

	@frappe.whitelist(methods=["POST"])
	def set_status(self, status: str, reason: str | None = None) -> None:
		"""Planned → Open → In Progress; Cancelled (attendees are told) from any of them."""
		self.check_permission("write")
		allowed = {"Planned": ("Enrolling", "In Progress", "Cancelled"), "Enrolling": ("In Progress", "Cancelled"),
			"In Progress": ("Cancelled",)}  # fmt: skip
		if self.docstatus != 0 or status not in allowed.get(self.status, ()):
			frappe.throw(
				_("{0} cannot go from {1} to {2}").format(self.title, _(self.status), bold(_(status))),
				title=_("Not Allowed"),
			)
		if status == "Cancelled":
			if not (reason or "").strip():
				frappe.throw(_("{0} is required").format(_("Cancellation Reason")))
			self.cancellation_reason = reason.strip()
		self.status = status
		# Status and reason are set only here (permlevel 2: no role writes them through a form).
		self.flags.ignore_permlevel_for_fields = ["status", "cancellation_reason"]
		self.save()
		if status == "Cancelled":
			from community_gov.training.reminders import notify_cancellation

			notify_cancellation(self)

	@frappe.whitelist(methods=["POST"])
	def assign_audience(self, sub_district: str | None = None) -> dict:
		"""Enrol every cadre of the program's audience (optionally of one sub-district) in one action."""
		from community_gov.training.enrolment import assign_audience

		return assign_audience(self, sub_district)


def other_sessions_of(
	cadres: list[str], exclude: str | None = None, lock: bool = False
) -> dict[str, list[frappe._dict]]:
	"""The live sessions (not cancelled) each cadre holds a seat in: one query (`lock`: a locking read
	of the newest committed rows)."""
	session = frappe.qb.DocType("Training Session")
	attendance = frappe.qb.DocType("Training Attendance")
	query = (
		frappe.qb.from_(attendance)
		.join(session)
		.on(session.name == attendance.parent)
		.select(attendance.cadre, session.name, session.start, session.end)
		.where(
			attendance.cadre.isin(cadres)
			& attendance.status.isin(TAKEN_STATUSES)
			& (attendance.parenttype == "Training Session")
			& (session.docstatus < 2)
			& (session.status != "Cancelled")
		)
	)
	if exclude:
		query = query.where(session.name != exclude)
	if lock:
		query = query.for_update()
	result: dict[str, list[frappe._dict]] = {}
	for row in query.run(as_dict=True):
		result.setdefault(row.cadre, []).append(row)
	return result
