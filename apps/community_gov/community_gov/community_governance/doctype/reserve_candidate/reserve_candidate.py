import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_link_to_form, getdate, now, today

from community_gov.exceptions import (
	AppointedOnlyByAppointmentError,
	ApprovalRateOutOfRangeError,
	CadreNotFoundError,
	DuplicateNominationError,
	ElectedOnlyByElectionError,
	ReserveClosedError,
	ReserveDateError,
	ReserveStepIncompleteError,
	ReserveStepSkippedError,
	SelfMentorError,
)
from community_gov.permissions import community_sub_district, validate_sub_district_scope
from community_gov.reserves.pool import IN_POOL_STATUSES, update_pool_counts
from community_gov.text import bold

# None of the steps can be skipped. The last, Elected (选), is entered only by an Election Record.
STEPS = IN_POOL_STATUSES
# What a step must have recorded before the candidate enters it, and where who/when is kept.
STEP_FIELDS = {
	"Forum Talk": (("forum_talk_date", "forum_attendees", "forum_summary"), "forum_recorded"),
	"Questionnaire": (("questionnaire_respondents", "questionnaire_approval_rate"), "questionnaire_recorded"),
	"Inspection": (("inspection_team", "inspection_conclusion"), "inspection_recorded"),
	"In Training": ((), "training_started"),
	"Qualified": (("assignments",), "qualified"),
	"Withdrawn": (("withdrawal_reason",), "withdrawn"),
}


class ReserveCandidate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.reserve_assignment.reserve_assignment import (
			ReserveAssignment,
		)

		appointed_on: DF.Date | None
		appointment: DF.Link | None
		assignments: DF.Table[ReserveAssignment]
		cadre: DF.Link
		community: DF.Link
		cultivation_stage: DF.Literal["Youth", "Party Member", "Community Cadre", "Secretary"]
		current_position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		date_of_birth: DF.Date | None
		election_date: DF.Date | None
		election_record: DF.Link | None
		election_recorded_by: DF.Link | None
		election_recorded_on: DF.Datetime | None
		education: DF.Literal[
			"",
			"Postgraduate",
			"Undergraduate",
			"College",
			"Technical Secondary",
			"High School",
			"Junior High or Below",
		]
		forum_attendees: DF.Int
		forum_recorded_by: DF.Link | None
		forum_recorded_on: DF.Datetime | None
		forum_summary: DF.SmallText | None
		forum_talk_date: DF.Date | None
		full_name: DF.Data | None
		gender: DF.Literal["", "Male", "Female"]
		inspection_conclusion: DF.SmallText | None
		inspection_recorded_by: DF.Link | None
		inspection_recorded_on: DF.Datetime | None
		inspection_team: DF.Data | None
		mentor: DF.Link | None
		mentor_name: DF.Data | None
		nomination_date: DF.Date
		nomination_source: DF.Literal[
			"Community Party Organization",
			"Sub District Committee",
			"Residents",
			"Self-Recommendation",
			"Organization Department",
		]
		qualified_by: DF.Link | None
		qualified_on: DF.Datetime | None
		questionnaire_approval_rate: DF.Percent
		questionnaire_recorded_by: DF.Link | None
		questionnaire_recorded_on: DF.Datetime | None
		questionnaire_respondents: DF.Int
		status: DF.Literal[
			"Nominated",
			"Forum Talk",
			"Questionnaire",
			"Inspection",
			"In Training",
			"Qualified",
			"Elected",
			"Appointed",
			"Withdrawn",
		]
		sub_district: DF.Link | None
		target_post: DF.Literal["Secretary", "Deputy Secretary"]
		training_started_by: DF.Link | None
		training_started_on: DF.Datetime | None
		withdrawal_reason: DF.SmallText | None
		withdrawn_by: DF.Link | None
		withdrawn_on: DF.Datetime | None

	# end: auto-generated types
	def validate(self):
		self.set_cadre_details()
		validate_sub_district_scope(self)
		self.validate_mentor()
		self.validate_unique_in_pool()
		self.validate_dates()
		self.validate_step()

	def on_update(self):
		before = self.get_doc_before_save()
		update_pool_counts({self.community, before and before.community})

	def after_delete(self):
		update_pool_counts({self.community})

	def set_cadre_details(self):
		details = frappe.db.get_value(
			"Cadre",
			self.cadre,
			["full_name", "gender", "date_of_birth", "education", "position", "community"],
			as_dict=True,
		)
		if not details:
			frappe.throw(_("{0} {1} does not exist").format(_("Cadre"), bold(self.cadre)), CadreNotFoundError)
		self.update({key: value for key, value in details.items() if key not in ("position", "community")})
		self.current_position = details.position
		self.community = self.community or details.community
		self.sub_district = community_sub_district(self.community)

	def validate_mentor(self):
		if self.mentor and self.mentor == self.cadre:
			frappe.throw(
				_("{0} {1} is the candidate; a mentor must be another cadre").format(
					_("Mentor"), bold(self.full_name)
				),
				SelfMentorError,
				title=_("Invalid Mentor"),
			)

	def validate_unique_in_pool(self):
		if self.status not in IN_POOL_STATUSES:
			return
		existing = frappe.db.get_value(
			"Reserve Candidate",
			{
				"cadre": self.cadre,
				"target_post": self.target_post,
				"status": ("in", IN_POOL_STATUSES),
				"name": ("!=", self.name),
			},
			"name",
		)
		if existing:
			frappe.throw(
				_("{0} is already in the reserve pool for {1}: {2}").format(
					self.full_name, bold(_(self.target_post)), get_link_to_form("Reserve Candidate", existing)
				),
				DuplicateNominationError,
				title=_("Duplicate Nomination"),
			)

	def validate_dates(self):
		current_date = getdate(today())
		for fieldname in ("nomination_date", "forum_talk_date"):
			value = self.get(fieldname)
			if value and getdate(value) > current_date:
				frappe.throw(
					_("{0} {1} is in the future").format(_(self.meta.get_label(fieldname)), bold(value)),
					ReserveDateError,
					title=_("Invalid Date"),
				)
		if self.forum_talk_date and getdate(self.forum_talk_date) < getdate(self.nomination_date):
			frappe.throw(
				_("{0} {1} is before the {2} {3}").format(
					_("Forum Talk Date"),
					bold(self.forum_talk_date),
					_("Nomination Date"),
					self.nomination_date,
				),
				ReserveDateError,
				title=_("Invalid Date"),
			)
		if (
			self.questionnaire_approval_rate is not None
			and not 0 <= flt(self.questionnaire_approval_rate) <= 100
		):
			frappe.throw(
				_("{0} must be between 0 and 100, not {1}").format(
					_("Approval Rate (%)"), bold(self.questionnaire_approval_rate)
				),
				ApprovalRateOutOfRangeError,
			)

	def validate_step(self):
		"""Each step follows the one before it and needs its record; who and when is kept."""
		before = self.get_doc_before_save()
		previous = before.status if before else "Nominated"
		if self.status == previous:
			return
		if self.status == "Appointed":
			frappe.throw(
				_("A reserve candidate is appointed by approving an Appointment, not directly"),
				AppointedOnlyByAppointmentError,
				title=_("Not Allowed"),
			)
		if self.status == "Elected":
			frappe.throw(
				_("A reserve candidate is elected by submitting an Election Record, not directly"),
				ElectedOnlyByElectionError,
				title=_("Not Allowed"),
			)
		if self.status != "Withdrawn":
			if previous not in STEPS or STEPS.index(self.status) != STEPS.index(previous) + 1:
				frappe.throw(
					_("{0} cannot move from {1} to {2}: the steps are {3}").format(
						self.full_name,
						bold(_(previous)),
						bold(_(self.status)),
						" → ".join(_(step) for step in STEPS),
					),
					ReserveStepSkippedError,
					title=_("Step Skipped"),
				)
		elif previous not in IN_POOL_STATUSES:
			frappe.throw(_("{0} is already {1}").format(self.full_name, _(previous)), ReserveClosedError)
		required, recorder = STEP_FIELDS[self.status]
		missing = [fieldname for fieldname in required if not self.get(fieldname)]
		if self.status == "Qualified" and not missing:
			if not any(row.outcome not in ("In Progress", "Not Completed") for row in self.assignments):
				missing = ["assignments"]
		if missing:
			frappe.throw(
				_("Record {0} before moving {1} to {2}").format(
					", ".join(_(self.meta.get_label(fieldname)) for fieldname in missing),
					self.full_name,
					bold(_(self.status)),
				),
				ReserveStepIncompleteError,
				title=_("Step Incomplete"),
			)
		self.set(f"{recorder}_by", frappe.session.user)
		self.set(f"{recorder}_on", now())


def on_doctype_update():
	# Reserve Pool Status counts the reserves of its communities by status and post from this index alone.
	frappe.db.add_index("Reserve Candidate", ["community", "status", "target_post"])
