"""An election (选, seed 004 §三.2: "通过组织换届选举,把有真才实学的能人'选'出来"): who stood for which post of a
community, before which body, with how many votes; the result follows from the votes
(`community_gov.rules.terms.election_result`). Submitting it elects: a reserve candidate becomes Elected
(appointable like a Qualified one), a re-elected incumbent starts a new term, and in a 换届 an incumbent not
re-elected (落选) or replaced in a single-holder post ends its term (`community_gov.terms.lifecycle`). The body
must be one that elects the post (`community_gov.rules.terms.BODY_POSTS`).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import comma_or, get_link_to_form, getdate, now, today

from community_gov.exceptions import (
	CadreNotFoundError,
	ElectionBodyError,
	ElectionCancelError,
	ElectionCandidateError,
	ElectionDateError,
	ElectionVotesError,
)
from community_gov.permissions import community_sub_district, validate_sub_district_scope
from community_gov.reserves.pool import update_pool_counts
from community_gov.rules.terms import (
	ELECTABLE_RESERVE_STATUSES,
	ELECTED,
	MORE_FOR_THAN_CAST,
	NEGATIVE_VOTES_FOR,
	NO_VOTES_CAST,
	bodies_electing,
	body_elects,
	election_result,
	vote_problem,
)
from community_gov.terms import lifecycle
from community_gov.text import bold

# Secretaries and deputies stand from the reserve pool (like their appointment), unless re-elected.
RESERVE_POSTS = ("Secretary", "Deputy Secretary")


class ElectionRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		body: DF.Literal["Party Member Assembly", "Residents' Representatives Meeting", "Residents' Meeting"]
		cadre: DF.Link
		cadre_term: DF.Link | None
		community: DF.Link
		election_date: DF.Date
		full_name: DF.Data | None
		general_election: DF.Link | None
		post: DF.Literal["Secretary", "Deputy Secretary", "Committee Member", "Director"]
		recorded_by: DF.Link | None
		recorded_on: DF.Datetime | None
		remarks: DF.SmallText | None
		reserve_candidate: DF.Link | None
		reserve_status_before: DF.Data | None
		result: DF.Literal["", "Elected", "Not Elected"]
		sub_district: DF.Link | None
		votes_cast: DF.Int
		votes_for: DF.Int

	# end: auto-generated types
	def validate(self):
		self.sub_district = community_sub_district(self.community)
		validate_sub_district_scope(self)
		self.validate_votes()
		self.result = election_result(self.votes_for, self.votes_cast)
		self.validate_body()
		self.validate_date()
		self.validate_candidate()
		lifecycle.validate_election(self)

	def before_submit(self):
		self.validate_not_elected_twice()
		self.recorded_by = frappe.session.user
		self.recorded_on = now()

	def on_submit(self):
		if self.result == ELECTED and self.reserve_candidate:
			self.mark_reserve_elected()
		self.db_set("cadre_term", lifecycle.on_election_submitted(self))

	def before_cancel(self):
		if (
			self.reserve_candidate
			and frappe.db.get_value("Reserve Candidate", self.reserve_candidate, "status") == "Appointed"
			and self.result == ELECTED
		):
			frappe.throw(
				_("{0} has been appointed since this election; cancel the appointment first").format(
					get_link_to_form("Reserve Candidate", self.reserve_candidate)
				),
				ElectionCancelError,
				title=_("Not Allowed"),
			)
		# A term an approved appointment started after this vote stays the appointment's to undo.
		appointment = lifecycle.appointment_after_election(self.name)
		if appointment:
			frappe.throw(
				_("{0} started {1}'s term after this election; cancel the appointment first").format(
					get_link_to_form("Appointment", appointment), bold(self.full_name or self.cadre)
				),
				ElectionCancelError,
				title=_("Not Allowed"),
			)

	def on_cancel(self):
		self.revert_reserve()
		lifecycle.on_election_cancelled(self)

	def revert_reserve(self):
		"""The reserve this election elected goes back to where it stood, if it is still Elected by it (a reserve
		withdrawn since stays withdrawn); either way it no longer carries the cancelled election."""
		if not self.reserve_candidate:
			return
		reserve = frappe.db.get_value(
			"Reserve Candidate",
			self.reserve_candidate,
			["status", "election_record", "community"],
			as_dict=True,
		)
		if not reserve or reserve.election_record != self.name:
			return
		values = {
			"election_record": None,
			"election_date": None,
			"election_recorded_by": None,
			"election_recorded_on": None,
		}
		if reserve.status == ELECTED:
			values["status"] = self.reserve_status_before or "Qualified"
		frappe.db.set_value("Reserve Candidate", self.reserve_candidate, values)
		frappe.get_doc("Reserve Candidate", self.reserve_candidate).add_comment(
			"Info", _("Election {0} cancelled").format(self.name)
		)
		update_pool_counts({reserve.community, self.community})

	def validate_votes(self):
		problem = vote_problem(self.votes_for, self.votes_cast)
		if problem == NO_VOTES_CAST:
			message = _("{0} must be greater than 0, not {1}").format(
				_("Votes Cast"), bold(self.votes_cast or 0)
			)
		elif problem == NEGATIVE_VOTES_FOR:
			message = _("{0} cannot be negative: {1}").format(_("Votes For"), bold(self.votes_for))
		elif problem == MORE_FOR_THAN_CAST:
			message = _("{0} {1} is more than the {2} {3}").format(
				_("Votes For"), bold(self.votes_for), _("Votes Cast"), bold(self.votes_cast)
			)
		else:
			return
		frappe.throw(message, ElectionVotesError, title=_("Invalid Votes"))

	def validate_body(self):
		"""The party members' assembly elects the party organization, the residents (or their representatives)
		the residents' committee (rules.terms.BODY_POSTS)."""
		if body_elects(self.body, self.post):
			return
		frappe.throw(
			_("{0} {1} does not elect the {2}: a {2} is elected by {3}").format(
				_("Electing Body"),
				bold(_(self.body)),
				bold(_(self.post)),
				comma_or([_(body) for body in bodies_electing(self.post)], add_quotes=False),
			),
			ElectionBodyError,
			title=_("Wrong Electing Body"),
		)

	def validate_not_elected_twice(self):
		"""One submitted vote per person, post and community in a 换届."""
		if not self.general_election:
			return
		other = frappe.db.get_value(
			"Election Record",
			{
				"general_election": self.general_election,
				"cadre": self.cadre,
				"post": self.post,
				"community": self.community,
				"docstatus": 1,
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already stood for {1} of {2} in this {3}: {4}").format(
					bold(self.full_name or self.cadre),
					_(self.post),
					bold(self.community),
					_("General Election"),
					get_link_to_form("Election Record", other),
				),
				ElectionCandidateError,
				title=_("Already Voted On"),
			)

	def validate_date(self):
		if getdate(self.election_date) > getdate(today()):
			frappe.throw(
				_("{0} {1} is in the future").format(_("Election Date"), bold(self.election_date)),
				ElectionDateError,
				title=_("Invalid Date"),
			)
		if not self.general_election:
			return
		event = frappe.db.get_value(
			"General Election", self.general_election, ["title", "start_date", "end_date"], as_dict=True
		)
		covered = frappe.db.exists(
			"General Election Community",
			{"parent": self.general_election, "parenttype": "General Election", "community": self.community},
		)
		if not covered:
			frappe.throw(
				_("{0} does not cover {1} {2}").format(
					bold(event.title), _("Community"), bold(self.community)
				),
				ElectionDateError,
				title=_("Not Covered"),
			)
		day = getdate(self.election_date)
		if day < getdate(event.start_date) or (event.end_date and day > getdate(event.end_date)):
			frappe.throw(
				_("{0} {1} is outside {2} ({3} to {4})").format(
					_("Election Date"),
					bold(self.election_date),
					bold(event.title),
					event.start_date,
					event.end_date or "…",
				),
				ElectionDateError,
				title=_("Invalid Date"),
			)

	def validate_candidate(self):
		cadre = frappe.db.get_value(
			"Cadre",
			self.cadre,
			["full_name", "status", "community", "position", "also_director"],
			as_dict=True,
		)
		if not cadre:
			frappe.throw(_("{0} {1} does not exist").format(_("Cadre"), bold(self.cadre)), CadreNotFoundError)
		self.full_name = cadre.full_name
		if cadre.status != "Active":
			frappe.throw(
				_("{0} is {1}; only an active cadre can stand for election").format(
					bold(cadre.full_name), bold(_(cadre.status))
				),
				ElectionCandidateError,
				title=_("Not a Candidate"),
			)
		if self.reserve_candidate:
			self.validate_reserve()
		elif lifecycle.holds_post(cadre, self.post, self.community):
			return  # re-election of the incumbent
		elif self.post in RESERVE_POSTS:
			frappe.throw(
				_(
					"{0} does not hold the post of {1} of {2}: electing a new {1} needs the {3} standing for it"
				).format(bold(cadre.full_name), _(self.post), bold(self.community), _("Reserve Candidate")),
				ElectionCandidateError,
				title=_("Reserve Candidate Required"),
			)
		elif cadre.community != self.community:
			frappe.throw(
				_("{0} is a cadre of {1}, not of {2} {3}").format(
					bold(cadre.full_name), bold(cadre.community), _("Community"), bold(self.community)
				),
				ElectionCandidateError,
				title=_("Not a Candidate"),
			)

	def validate_reserve(self):
		reserve = frappe.db.get_value(
			"Reserve Candidate",
			self.reserve_candidate,
			["cadre", "target_post", "community", "status", "full_name"],
			as_dict=True,
		)
		if not reserve or (reserve.cadre, reserve.target_post, reserve.community) != (
			self.cadre,
			self.post,
			self.community,
		):
			frappe.throw(
				_("{0} {1} is not this cadre's nomination for {2} of {3}").format(
					_("Reserve Candidate"), bold(self.reserve_candidate), _(self.post), bold(self.community)
				),
				ElectionCandidateError,
				title=_("Wrong Reserve Candidate"),
			)
		if reserve.status not in ELECTABLE_RESERVE_STATUSES:
			frappe.throw(
				_("{0} is {1} in the reserve pool; only a reserve {2} or {3} can stand for election").format(
					bold(reserve.full_name),
					bold(_(reserve.status)),
					*(_(s) for s in ELECTABLE_RESERVE_STATUSES),
				),
				ElectionCandidateError,
				title=_("Not a Candidate"),
			)

	def mark_reserve_elected(self):
		"""The fourth selection step, set directly: the reserve workflow has no manual way into Elected."""
		self.db_set(
			"reserve_status_before",
			frappe.db.get_value("Reserve Candidate", self.reserve_candidate, "status"),
		)
		frappe.db.set_value(
			"Reserve Candidate",
			self.reserve_candidate,
			{
				"status": ELECTED,
				"election_record": self.name,
				"election_date": self.election_date,
				"election_recorded_by": frappe.session.user,
				"election_recorded_on": now(),
			},
		)
		frappe.get_doc("Reserve Candidate", self.reserve_candidate).add_comment(
			"Info", _("Elected by {0}").format(self.name)
		)
