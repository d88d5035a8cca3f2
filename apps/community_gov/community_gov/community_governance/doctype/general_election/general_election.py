"""A 换届: the district renews the community party committees and residents' committees (社区"两委") on
dates it sets, community by community (seed 004: "以社区'两委'换届选举为契机"). Each community's elections are
Election Records linked to it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from community_gov.exceptions import GeneralElectionError
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
