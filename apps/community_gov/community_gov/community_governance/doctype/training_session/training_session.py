import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime

from community_gov.exceptions import SessionStatusError
from community_gov.permissions import get_access_scope
from community_gov.rules.training import can_move_session, session_hours
from community_gov.text import bold
from community_gov.training import sessions
from community_gov.training.common import validate_training_scope

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
		"""A reviewer's save keeps the attendees it was not shown (only a reviewer's form hides rows; a cadre
		changes a session only through `training.sessions`, which loads every row)."""
		scope = get_access_scope()
		before = self.get_doc_before_save()
		if scope.unrestricted or not scope.is_reviewer or not before:
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
		sessions.check_duplicates(self)
		sub_districts = dict(
			frappe.get_all(
				"Cadre",
				filters={"name": ("in", [row.cadre for row in self.attendees] or [""])},
				fields=["name", "sub_district"],
				as_list=True,
			)
		)
		for row in self.attendees:
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

	def validate_capacity(self):
		sessions.check_capacity(self)

	def validate_clashes(self):
		sessions.check_clashes(self)

	def set_counts(self):
		self.enrolled_count = sessions.seats_taken_in(self)
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
		"""Moves the session as `rules.training.SESSION_STATUS_MOVES` allows; attendees are told of a
		cancellation."""
		self.check_permission("write")
		if self.docstatus != 0 or not can_move_session(self.status, status):
			frappe.throw(
				_("{0} cannot go from {1} to {2}").format(bold(self.title), _(self.status), bold(_(status))),
				exc=SessionStatusError,
				title=_("Not Allowed"),
			)
		if status == "Cancelled":
			if not (reason or "").strip():
				frappe.throw(_("{0} is required").format(_("Cancellation Reason")), exc=SessionStatusError)
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
		return sessions.assign_audience(self, sub_district)
