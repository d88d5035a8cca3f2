"""A cadre's term in a post (任期): from its start to its planned end (the post's term length in Governance
Settings, five years for the 两委 by default, two for a first secretary, or the end its appointment fixes), ended
early when the cadre leaves the post. Started and ended by the records that fill and empty posts
(`community_gov.terms.lifecycle`); the Organization Department enters the terms that began before the system,
and ends one by hand with a date and a reason. One current term per cadre, post and community, and one holder
of a single-holder post (书记, 主任, 第一书记) per community; a post without a term (社区专干) has none."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, getdate

from community_gov.exceptions import TermError
from community_gov.permissions import community_sub_district, validate_sub_district_scope
from community_gov.rules.terms import SINGLE_HOLDER_POSTS, TERM_CANCELLED, TERM_CURRENT, TERM_ENDED
from community_gov.terms.lifecycle import planned_end
from community_gov.text import bold


class CadreTerm(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		alert_sent_on: DF.Date | None
		appointment: DF.Link | None
		cadre: DF.Link
		community: DF.Link
		election_record: DF.Link | None
		end_date: DF.Date | None
		end_reason: DF.SmallText | None
		ended_by: DF.DynamicLink | None
		ended_by_doctype: DF.Link | None
		ended_on: DF.Date | None
		full_name: DF.Data | None
		general_election: DF.Link | None
		how: DF.Literal["By Election", "By Appointment"]
		post: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		start_date: DF.Date
		status: DF.Literal["In Office", "Ended", "Cancelled"]
		sub_district: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.sub_district = community_sub_district(self.community)
		validate_sub_district_scope(self)
		self.calculate_end_date()
		self.validate_dates()
		self.set_status()
		self.validate_one_current_term()
		self.validate_one_holder()
		if self.has_value_changed("end_date"):
			self.alert_sent_on = None  # a new end is announced again

	def calculate_end_date(self):
		"""Empty: the start plus the post's term length; a post without a term (length 0) takes no new term."""
		planned = planned_end(self.start_date, self.post)
		self.end_date = self.end_date or planned
		if planned is None and self.is_new():
			frappe.throw(
				_("{0} {1} has no term (Governance Settings: {2} 0)").format(
					_("Post"), bold(_(self.post)), _("Term Length by Post")
				),
				TermError,
				title=_("No Term"),
			)

	def validate_dates(self):
		start = getdate(self.start_date)
		for fieldname in ("end_date", "ended_on"):
			value = self.get(fieldname)
			if value and getdate(value) < start:
				frappe.throw(
					_("{0} {1} is before the {2} {3}").format(
						_(self.meta.get_label(fieldname)), bold(value), _("Term Start"), self.start_date
					),
					TermError,
					title=_("Invalid Date"),
				)
		if getdate(self.end_date) == start:
			frappe.throw(
				_("{0} {1} is the day the term starts").format(_("Term End"), bold(self.end_date)),
				TermError,
				title=_("Invalid Date"),
			)

	def set_status(self):
		if self.status == TERM_CANCELLED:
			return
		self.status = TERM_ENDED if self.ended_on else TERM_CURRENT
		if self.ended_on and not (self.end_reason or "").strip():
			frappe.throw(
				_("Record the {0} of a term ended on {1}").format(_("End Reason"), bold(self.ended_on)),
				TermError,
				title=_("End Reason Required"),
			)

	def validate_one_current_term(self):
		if self.status != TERM_CURRENT:
			return
		other = frappe.db.get_value(
			"Cadre Term",
			{
				"cadre": self.cadre,
				"post": self.post,
				"community": self.community,
				"status": TERM_CURRENT,
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has a current term as {1} of {2}: {3}").format(
					bold(self.full_name or self.cadre),
					bold(_(self.post)),
					bold(self.community),
					get_link_to_form("Cadre Term", other),
				),
				TermError,
				title=_("Overlapping Term"),
			)

	def validate_one_holder(self):
		"""A single-holder post has one current term in a community: end the predecessor's first (an approved
		appointment or an election in a 换届 does it)."""
		if self.status != TERM_CURRENT or self.post not in SINGLE_HOLDER_POSTS:
			return
		other = frappe.db.get_value(
			"Cadre Term",
			{
				"post": self.post,
				"community": self.community,
				"status": TERM_CURRENT,
				"cadre": ("!=", self.cadre),
				"name": ("!=", self.name),
			},
			["name", "full_name"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_("{0} of {1} is held by {2} ({3}); end that term first").format(
					bold(_(self.post)),
					bold(self.community),
					bold(other.full_name),
					get_link_to_form("Cadre Term", other.name),
				),
				TermError,
				title=_("Post Already Held"),
			)


def on_doctype_update():
	# The daily alert and the Terms Ending report read current terms by their end.
	frappe.db.add_index("Cadre Term", ["status", "end_date"])
