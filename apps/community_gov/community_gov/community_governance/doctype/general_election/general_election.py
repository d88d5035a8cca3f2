"""A 换届: the district renews the community party committees and residents' committees (社区"两委") on
dates it sets, community by community (seed 004: "以社区'两委'换届选举为契机"). Each community's elections are
Election Records linked to it, the terms they start Cadre Terms (both under the form's connections). The
department adds a sub-district's communities in one action; the form counts the covered communities with and
without a submitted election (within the viewer's scope: a reviewer its sub-districts)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from community_gov.exceptions import GeneralElectionError
from community_gov.permissions import get_access_scope
from community_gov.text import bold


class GeneralElection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.general_election_community.general_election_community import (
			GeneralElectionCommunity,
		)

		communities: DF.Table[GeneralElectionCommunity]
		community_count: DF.Int
		end_date: DF.Date | None
		notes: DF.SmallText | None
		start_date: DF.Date
		status: DF.Literal["Planned", "In Progress", "Completed"]
		title: DF.Data
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_dates()
		self.validate_communities()
		self.community_count = len(self.communities)

	def validate_dates(self):
		start = getdate(self.start_date)
		if start.year != self.year:
			frappe.throw(
				_("{0} {1} is not in the year {2}").format(_("Start Date"), bold(self.start_date), self.year),
				GeneralElectionError,
				title=_("Invalid Date"),
			)
		if self.end_date and getdate(self.end_date) < start:
			frappe.throw(
				_("{0} {1} is before the {2} {3}").format(
					_("End Date"), bold(self.end_date), _("Start Date"), self.start_date
				),
				GeneralElectionError,
				title=_("Invalid Date"),
			)
		if self.status == "Completed" and not self.end_date:
			frappe.throw(
				_("Record the {0} before marking the {1} {2}").format(
					_("End Date"), _("General Election"), bold(_("Completed"))
				),
				GeneralElectionError,
				title=_("End Date Required"),
			)

	@frappe.whitelist(methods=["POST"])
	def add_sub_district_communities(self, sub_district: str) -> int:
		"""Cover every community of the sub-district not yet listed (saved); returns how many were added."""
		self.check_permission("write")
		if not frappe.db.exists("Sub District", sub_district):
			frappe.throw(
				_("{0} {1} does not exist").format(_("Sub District"), bold(sub_district)),
				GeneralElectionError,
				title=_("Not Found"),
			)
		listed = {row.community for row in self.communities}
		added = [
			name
			for name in frappe.get_all(
				"Community", filters={"sub_district": sub_district}, pluck="name", order_by="name asc"
			)
			if name not in listed
		]
		for name in added:
			self.append("communities", {"community": name})
		if added:
			self.save()
		return len(added)

	@frappe.whitelist()
	def get_progress(self) -> dict:
		"""The covered communities the user may see, with and without a submitted election of this 换届."""
		self.check_permission("read")
		covered = [row.community for row in self.communities]
		if covered and not get_access_scope().unrestricted:
			visible = set(
				frappe.get_list(
					"Community", filters={"name": ("in", covered)}, pluck="name", limit_page_length=0
				)
			)
			covered = [name for name in covered if name in visible]
		voted = {
			row.community
			for row in frappe.get_list(
				"Election Record",
				filters={"general_election": self.name, "docstatus": 1},
				fields=["community"],
				group_by="community",
				limit_page_length=0,
			)
		}
		without = [name for name in covered if name not in voted]
		return {
			"covered": len(covered),
			"with_election": len(covered) - len(without),
			"without_election": len(without),
			"without": without,
		}

	def validate_communities(self):
		seen = set()
		for row in self.communities:
			if row.community in seen:
				frappe.throw(
					_("Row {0}: {1} {2} is listed twice").format(
						row.idx, _("Community"), bold(row.community)
					),
					GeneralElectionError,
					title=_("Duplicate Community"),
				)
			seen.add(row.community)
			if row.planned_date and (
				getdate(row.planned_date) < getdate(self.start_date)
				or (self.end_date and getdate(row.planned_date) > getdate(self.end_date))
			):
				frappe.throw(
					_("Row {0}: {1} {2} is outside the dates of the {3}").format(
						row.idx, _("Planned Election Date"), bold(row.planned_date), _("General Election")
					),
					GeneralElectionError,
					title=_("Invalid Date"),
				)
