"""A dated pay standard for a post and a community type (seeds 000, 003, 004). Which one applies to a
cadre, and the pay it makes due: `community_gov.rules.pay`."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date

from community_gov.exceptions import PayStandardError
from community_gov.rules.pay import MAX_GROWTH_PERCENT, growth_out_of_range, negative_amounts
from community_gov.text import bold


class PayStandard(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		basis: DF.SmallText | None
		community_type: DF.Literal["", "Urban", "Village-to-Residential"]
		director_supplement: DF.Currency
		effective_from: DF.Date
		performance_basically_competent: DF.Currency
		performance_competent: DF.Currency
		performance_excellent: DF.Currency
		performance_fail: DF.Currency
		post: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		post_pay: DF.Currency
		service_pay_per_year: DF.Currency
		service_years_cap: DF.Int
		work_subsidy: DF.Currency
		yearly_growth_percent: DF.Percent

	# end: auto-generated types
	def validate(self):
		self.validate_amounts()
		self.validate_growth()
		self.validate_unique()

	def validate_amounts(self):
		for fieldname in negative_amounts(self.as_dict()):
			frappe.throw(
				_("{0} must not be negative, not {1}").format(
					_(self.meta.get_label(fieldname)), bold(self.get(fieldname))
				),
				PayStandardError,
				title=_("Invalid Pay Standard"),
			)

	def validate_growth(self):
		if growth_out_of_range(self.yearly_growth_percent):
			frappe.throw(
				_("{0} must be from 0 to {1}%, not {2}").format(
					_("Yearly Growth"), MAX_GROWTH_PERCENT, bold(self.yearly_growth_percent)
				),
				PayStandardError,
				title=_("Invalid Pay Standard"),
			)

	def validate_unique(self):
		"""One standard per post, community type (blank: any) and date: two would leave it open which
		applies."""
		standard = frappe.qb.DocType("Pay Standard")
		same_type = (
			(standard.community_type.isnull()) | (standard.community_type == "")
			if not self.community_type
			else standard.community_type == self.community_type
		)
		existing = (
			frappe.qb.from_(standard)
			.select(standard.name)
			.where(
				(standard.post == self.post)
				& same_type
				& (standard.effective_from == self.effective_from)
				& (standard.name != (self.name or ""))
			)
			.limit(1)
			.run(pluck=True)
		)
		if existing:
			frappe.throw(
				_("A pay standard for {0} ({1}) effective from {2} already exists: {3}").format(
					bold(_(self.post)),
					bold(_(self.community_type) if self.community_type else _("any community type")),
					bold(format_date(self.effective_from)),
					bold(existing[0]),
				),
				PayStandardError,
				title=_("Duplicate Pay Standard"),
			)
