"""A cadre's term in a post (任期): from its start to its planned end (the term length setting, five years by
default, or the end its appointment fixes), ended early when the cadre leaves the post. Started and ended by
the records that fill and empty posts (`community_gov.terms.lifecycle`); the Organization Department enters
the terms that began before the system, and ends one by hand with a date and a reason."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, getdate

from community_gov.exceptions import TermError
from community_gov.permissions import community_sub_district, validate_sub_district_scope
from community_gov.rules.terms import TERM_CANCELLED, TERM_CURRENT, TERM_ENDED
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
		how: DF.Literal["Elected", "Appointed"]
		post: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		start_date: DF.Date
		status: DF.Literal["Current", "Ended", "Cancelled"]
		sub_district: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.sub_district = community_sub_district(self.community)
		validate_sub_district_scope(self)
		self.end_date = self.end_date or planned_end(self.start_date)
		self.validate_dates()
		self.set_status()
		self.validate_one_current_term()
		if self.has_value_changed("end_date"):
			self.alert_sent_on = None  # a new end is announced again

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
					self.full_name or self.cadre,
					bold(_(self.post)),
					self.community,
					get_link_to_form("Cadre Term", other),
				),
				TermError,
				title=_("Overlapping Term"),
			)


def on_doctype_update():
	# The daily alert and the Terms Ending report read current terms by their end.
	frappe.db.add_index("Cadre Term", ["status", "end_date"])
