"""A cadre's pay on record from a date (工资记录: the monthly pay and the five social insurances of seed 000),
the Organization Department's alone. A cadre's records form its pay history; the one in force on a date is
the latest effective on or before it (`community_gov.rules.pay.record_in_force`), which the Cadre Pay report
compares with the pay standard in force that day."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, get_link_to_form, getdate

from community_gov.exceptions import PayRecordError
from community_gov.text import bold


class CadrePayRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cadre: DF.Link
		effective_from: DF.Date
		full_name: DF.Data | None
		maternity_insurance: DF.Check
		medical_insurance: DF.Check
		monthly_pay: DF.Currency
		note: DF.SmallText | None
		pension_insurance: DF.Check
		reason: DF.Literal[
			"",
			"Initial Record",
			"New Post",
			"Standard Adjustment",
			"Annual Adjustment",
			"Correction",
			"Other",
		]
		recorded_by: DF.Link | None
		sub_district: DF.Link | None
		unemployment_insurance: DF.Check
		work_injury_insurance: DF.Check

	# end: auto-generated types
	def validate(self):
		self.validate_effective_from()
		self.validate_unique()
		self.set_recorded_by()

	def validate_effective_from(self):
		"""Pay starts with community service: a record dated before it is a typing error."""
		service_start = frappe.db.get_value("Cadre", self.cadre, "service_start_date")
		if service_start and getdate(self.effective_from) < getdate(service_start):
			frappe.throw(
				_("{0} {1} is before the cadre's {2} {3}").format(
					_("Effective From"),
					bold(format_date(self.effective_from)),
					_("Community Service Start Date"),
					format_date(service_start),
				),
				PayRecordError,
				title=_("Invalid Date"),
			)

	def validate_unique(self):
		"""One record per cadre and date: two would leave it open which is in force."""
		existing = frappe.db.get_value(
			"Cadre Pay Record",
			{
				"cadre": self.cadre,
				"effective_from": self.effective_from,
				"name": ("!=", self.name or ""),
			},
		)
		if existing:
			frappe.throw(
				_("{0} already has a pay record effective from {1}: {2}").format(
					bold(self.full_name or self.cadre),
					bold(format_date(self.effective_from)),
					get_link_to_form("Cadre Pay Record", existing),
				),
				PayRecordError,
				title=_("Duplicate Pay Record"),
			)

	def set_recorded_by(self):
		if self.is_new():
			self.recorded_by = frappe.session.user


def on_doctype_update():
	# The record in force on a date: the latest effective_from of each cadre up to it (the Cadre Pay report).
	frappe.db.add_index("Cadre Pay Record", ["cadre", "effective_from"])
