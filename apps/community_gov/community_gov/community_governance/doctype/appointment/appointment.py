import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, get_link_to_form, getdate, now

from community_gov.constants import DEPUTY_SECRETARY, SECRETARY
from community_gov.exceptions import (
	AppointmentDateError,
	CadreNotFoundError,
	CountyFilingDateError,
	ReserveCandidateMismatchError,
	ReserveCandidateRequiredError,
	ReserveNotQualifiedError,
)
from community_gov.permissions import community_sub_district, validate_sub_district_scope
from community_gov.reserves.pool import update_pool_counts
from community_gov.rules.terms import APPOINTABLE_RESERVE_STATUSES
from community_gov.terms import lifecycle
from community_gov.text import bold

# Posts filled only from the reserve pool (seed 004: secretaries and deputies come from the reserves).
RESERVE_POSTS = (SECRETARY, DEPUTY_SECRETARY)


class Appointment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		adjustment_case: DF.Link | None
		amended_from: DF.Link | None
		approval_opinion: DF.SmallText | None
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		cadre: DF.Link
		community: DF.Link
		county_filing_date: DF.Date | None
		county_filing_number: DF.Data | None
		current_community: DF.Link | None
		current_position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		from_date: DF.Date
		full_name: DF.Data | None
		post: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		post_to_remove: DF.Literal[
			"",
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		reason: DF.SmallText
		reserve_candidate: DF.Link | None
		sub_district: DF.Link | None
		sub_district_opinion: DF.SmallText | None
		to_date: DF.Date | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.set_current_post()
		self.sub_district = community_sub_district(self.community)
		validate_sub_district_scope(self)
		self.validate_dates()
		self.validate_reserve_candidate()

	def before_update_after_submit(self):
		self.validate_filing_date()

	def on_update_after_submit(self):
		self.file_on_cadre()

	def before_submit(self):
		self.validate_reserve_candidate(require_qualified=True)
		lifecycle.validate_appointment(self)
		self.approved_by = frappe.session.user
		self.approved_on = now()

	def on_submit(self):
		self.apply_to_cadre()
		lifecycle.on_appointment_approved(self)
		self.close_reserve_candidate()
		if self.adjustment_case:
			frappe.db.set_value("Adjustment Case", self.adjustment_case, "successor_appointment", self.name)

	def on_cancel(self):
		self.restore_cadre()
		lifecycle.on_appointment_cancelled(self)
		if self.reserve_candidate:
			# Back to what made it appointable: elected (选) if an election stands, else qualified.
			elected = frappe.db.get_value("Reserve Candidate", self.reserve_candidate, "election_record")
			frappe.db.set_value(
				"Reserve Candidate",
				self.reserve_candidate,
				{"status": "Elected" if elected else "Qualified", "appointment": None, "appointed_on": None},
			)
			update_pool_counts({self.community})

	def set_current_post(self):
		if self.docstatus != 0:
			return
		current = frappe.db.get_value("Cadre", self.cadre, ["position", "community"], as_dict=True)
		if not current:
			frappe.throw(_("{0} {1} does not exist").format(_("Cadre"), bold(self.cadre)), CadreNotFoundError)
		self.current_position, self.current_community = current.position, current.community
		self.post_to_remove = self.post_to_remove or current.position

	def validate_dates(self):
		if self.to_date and getdate(self.to_date) <= getdate(self.from_date):
			frappe.throw(
				_("{0} {1} must be after the {2} {3}").format(
					_("Term End"), bold(self.to_date), _("Term Start"), self.from_date
				),
				AppointmentDateError,
				title=_("Invalid Date"),
			)

	def validate_filing_date(self):
		"""The county files an appointment once it is approved: a filing date before the approval is a typo."""
		if self.county_filing_date and self.approved_on:
			approved_on = getdate(self.approved_on)
			if getdate(self.county_filing_date) < approved_on:
				frappe.throw(
					_("{0} {1} is before the {2} {3}").format(
						_("County Filing Date"),
						bold(self.county_filing_date),
						_("Approved On"),
						bold(approved_on),
					),
					CountyFilingDateError,
					title=_("Invalid Date"),
				)

	def validate_reserve_candidate(self, require_qualified: bool = False):
		"""Secretaries and deputies are appointed from the Qualified or Elected reserves for that post."""
		if self.post not in RESERVE_POSTS and not self.reserve_candidate:
			return
		if not self.reserve_candidate:
			frappe.throw(
				_("Appointing a {0} needs a qualified {1}").format(_(self.post), _("Reserve Candidate")),
				ReserveCandidateRequiredError,
				title=_("Reserve Candidate Required"),
			)
		reserve = frappe.db.get_value(
			"Reserve Candidate",
			self.reserve_candidate,
			["cadre", "target_post", "status", "full_name"],
			as_dict=True,
		)
		if reserve.cadre != self.cadre or reserve.target_post != self.post:
			frappe.throw(
				_("{0} {1} is {2}'s nomination for {3}, not this cadre and post").format(
					_("Reserve Candidate"),
					get_link_to_form("Reserve Candidate", self.reserve_candidate),
					reserve.full_name,
					_(reserve.target_post),
				),
				ReserveCandidateMismatchError,
				title=_("Wrong Reserve Candidate"),
			)
		moving_on = require_qualified or (self.workflow_state not in (None, "", "Draft"))
		if moving_on and reserve.status not in APPOINTABLE_RESERVE_STATUSES:
			frappe.throw(
				_(
					"{0} is {1} in the reserve pool; only a Qualified or Elected reserve can be appointed"
				).format(
					get_link_to_form(
						"Reserve Candidate", self.reserve_candidate, escape_html(reserve.full_name)
					),
					bold(_(reserve.status)),
				),
				ReserveNotQualifiedError,
				title=_("Not Qualified"),
			)

	def apply_to_cadre(self):
		cadre = frappe.get_doc("Cadre", self.cadre)
		cadre.update(
			{
				"position": self.post,
				"community": self.community,
				"appointment_date": self.from_date,
				"status": "Active",
			}
		)
		# The filing (县级备案) is of this appointment: a filing of the previous post does not carry over.
		cadre.county_filing_number = self.county_filing_number
		cadre.county_filing_date = self.county_filing_date
		cadre.add_comment(
			"Info", _("Appointed {0} of {1} by {2}").format(_(self.post), self.community, self.name)
		)
		cadre.save(ignore_permissions=True)

	def file_on_cadre(self):
		"""The county files after the approval: the filing recorded then goes onto the cadre, while it holds
		the post of this appointment (the Staffing Watch reads the cadre's filing)."""
		changed = self.has_value_changed("county_filing_number") or self.has_value_changed(
			"county_filing_date"
		)
		if self.docstatus != 1 or not changed:
			return
		holds_post = frappe.db.get_value(
			"Cadre",
			{
				"name": self.cadre,
				"position": self.post,
				"community": self.community,
				"appointment_date": self.from_date,
			},
		)
		if holds_post:
			frappe.db.set_value(
				"Cadre",
				self.cadre,
				{
					"county_filing_number": self.county_filing_number,
					"county_filing_date": self.county_filing_date,
				},
			)

	def restore_cadre(self):
		cadre = frappe.get_doc("Cadre", self.cadre)
		cadre.update({"position": self.current_position, "community": self.current_community})
		cadre.add_comment("Info", _("Appointment {0} cancelled").format(self.name))
		cadre.save(ignore_permissions=True)

	def close_reserve_candidate(self):
		if not self.reserve_candidate:
			return
		# Set directly: the reserve workflow has no manual way into Appointed.
		frappe.db.set_value(
			"Reserve Candidate",
			self.reserve_candidate,
			{"status": "Appointed", "appointment": self.name, "appointed_on": self.from_date},
		)
		frappe.get_doc("Reserve Candidate", self.reserve_candidate).add_comment(
			"Info", _("Appointed by {0}").format(self.name)
		)
		update_pool_counts({self.community})

	def recent_assessments(self, years: int = 3) -> list[dict]:
		"""The cadre's last approved annual assessments, for the printed approval form."""
		return frappe.get_all(
			"Annual Assessment",
			filters={"cadre": self.cadre, "docstatus": 1},
			fields=["year", "grade", "total_score"],
			order_by="year desc",
			limit=years,
		)
