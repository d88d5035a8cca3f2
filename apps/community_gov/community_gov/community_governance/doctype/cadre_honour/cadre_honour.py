import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from community_gov.dates import current_year
from community_gov.rules import honours
from community_gov.rules.honours import EARLIEST_HONOUR_YEAR
from community_gov.text import bold


class CadreHonour(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		awarded_on: DF.Date | None
		awarding_body: DF.Data | None
		honour: DF.Data
		kind: DF.Literal[
			"",
			"Role Model",
			"Outstanding Party Member",
			"Outstanding Party Worker",
			"Top Ten Secretary",
			"Two Representatives One Member Recommendation",
			"Other",
		]
		level: DF.Literal["", "Sub District", "District", "City", "Province", "National"]
		outcome: DF.Literal["", "Recommended", "Elected", "Not Elected"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reference: DF.Data | None
		representative_post: DF.Literal[
			"", "Party Congress Deputy", "People's Congress Deputy", "CPPCC Member"
		]
		year: DF.Int
	# end: auto-generated types

	def validate_honour(self):
		"""Called by the Cadre's validate (a child row has no validate of its own)."""
		self.set_kind()
		self.validate_awarded_on()
		self.set_year()
		self.set_recommendation()

	def set_kind(self):
		"""An honour entered without a kind: the kind its title names, else Other (rules.honours.kind_of)."""
		self.kind = honours.kind_of(self.kind, self.honour)

	def validate_awarded_on(self):
		if self.awarded_on and getdate(self.awarded_on) > getdate(today()):
			frappe.throw(
				_("Honour {0}: {1} {2} is in the future").format(
					bold(self.honour), _("Awarded On"), bold(self.awarded_on)
				),
				title=_("Invalid Date"),
			)

	def set_year(self):
		"""The year the honour counts in: when left empty the award date's year, a Top Ten title awarded in
		January to March the year before (rules.honours.honour_year; 0: not known)."""
		awarded_on = getdate(self.awarded_on) if self.awarded_on else None
		self.year = honours.honour_year(self.year, awarded_on, self.kind) or 0
		if not self.year:
			return
		problem = honours.year_problem(self.year, awarded_on, EARLIEST_HONOUR_YEAR, current_year())
		if problem == "range":
			frappe.throw(
				_("Honour {0}: {1} must be a year from {2} to {3}, not {4}").format(
					bold(self.honour), _("Year"), EARLIEST_HONOUR_YEAR, current_year(), bold(self.year)
				),
				title=_("Invalid Year"),
			)
		if problem == "after_award":
			frappe.throw(
				_("Honour {0}: {1} {2} is after the year it was awarded in ({3})").format(
					bold(self.honour), _("Year"), bold(self.year), awarded_on.year
				),
				title=_("Invalid Year"),
			)

	def set_recommendation(self):
		"""A 两代表一委员 recommendation: what it is for (from the title when not given) and its result
		(Recommended until the vote); other honours have neither."""
		if self.kind != honours.TWO_REPRESENTATIVES:
			self.representative_post = self.outcome = None
			return
		self.representative_post = honours.representative_post(self.representative_post, self.honour)
		self.outcome = self.outcome or honours.RECOMMENDED
		if honours.recommendation_problem(self.kind, self.outcome, self.representative_post) == "post":
			frappe.throw(
				_(
					"Honour {0}: {1} {2} needs {3}: a party congress deputy, a people's congress deputy or a CPPCC member"
				).format(bold(self.honour), _("Result"), bold(_(self.outcome)), _("Recommended As")),
				title=_("Missing Value"),
			)
