import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_link_to_form, getdate, now, today

from community_gov.assessment.common import set_cadre_details, validate_year
from community_gov.dates import current_year
from community_gov.exceptions import (
	DuplicateAgreementError,
	MissingTargetsError,
	SigningNoteRequiredError,
	TargetWeightError,
	TargetWeightTotalError,
)
from community_gov.permissions import validate_sub_district_scope
from community_gov.text import bold


class TargetAgreement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.agreement_target.agreement_target import (
			AgreementTarget,
		)

		amended_from: DF.Link | None
		cadre: DF.Link
		committee_signatory: DF.Data | None
		community: DF.Link | None
		full_name: DF.Data | None
		party_committee: DF.Data | None
		position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		remarks: DF.SmallText | None
		signed_by: DF.Link | None
		signed_by_cadre_on: DF.Date | None
		signed_by_committee_on: DF.Date | None
		signed_on: DF.Datetime | None
		signing_method: DF.Literal["", "Portal", "Paper (recorded by HR)"]
		signing_note: DF.SmallText | None
		sub_district: DF.Link | None
		targets: DF.Table[AgreementTarget]
		total_weight: DF.Float
		veto_targets: DF.Int
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		set_cadre_details(self)
		validate_sub_district_scope(self)
		# Agreements are signed at the start of the year they cover, sometimes late in the year before.
		validate_year(self, latest=current_year() + 1)
		self.validate_targets()
		self.calculate_totals()
		self.validate_total_weight()
		self.validate_unique_signed_agreement()

	def before_insert(self):
		self.clear_signature()

	def before_submit(self):
		self.validate_unique_signed_agreement()
		self.record_signature()

	def clear_signature(self):
		"""A new agreement (an amended one included: the desk's Amend copies every field) is not signed yet."""
		self.signed_by = self.signed_on = self.signing_method = self.signing_note = None

	def record_signature(self):
		"""Who signed and when: the secretary itself on the portal, or HR recording the paper the secretary
		signed, with a note saying so (set-up scripts and data loads run as Administrator, without one)."""
		user = frappe.session.user
		self.signed_by = user
		self.signed_on = now()
		if user == frappe.db.get_value("Cadre", self.cadre, "user"):
			self.signing_method = "Portal"
			self.signing_note = None
			self.signed_by_cadre_on = getdate(self.signed_on)
		else:
			if not (self.signing_note or "").strip() and user != "Administrator":
				frappe.throw(
					_("Recording a paper signature for the secretary needs a {0}").format(_("Signing Note")),
					SigningNoteRequiredError,
					title=_("Paper Signature"),
				)
			self.signing_method = "Paper (recorded by HR)"
			self.signed_by_cadre_on = self.signed_by_cadre_on or today()
		self.signed_by_committee_on = self.signed_by_committee_on or today()

	def validate_targets(self):
		if not self.targets:
			frappe.throw(_("Add at least one target"), MissingTargetsError, title=_("Missing Targets"))
		for row in self.targets:
			if flt(row.weight) <= 0:
				frappe.throw(
					_("Row {0}: {1} must be greater than 0, not {2}").format(
						row.idx, _("Weight"), bold(row.weight)
					),
					TargetWeightError,
					title=_("Invalid Weight"),
				)

	def calculate_totals(self):
		self.total_weight = flt(sum(flt(row.weight) for row in self.targets), 2)
		self.veto_targets = sum(1 for row in self.targets if row.is_veto)

	def validate_total_weight(self):
		required = flt(frappe.get_cached_doc("Governance Settings").target_weight_total) or 100
		if abs(self.total_weight - required) > 0.001:
			frappe.throw(
				_("The weights of the targets must add up to {0}, they add up to {1}").format(
					required, bold(self.total_weight)
				),
				TargetWeightTotalError,
				title=_("Invalid Weight"),
			)

	def validate_unique_signed_agreement(self):
		existing = frappe.db.get_value(
			"Target Agreement",
			{"cadre": self.cadre, "year": self.year, "docstatus": 1, "name": ("!=", self.name)},
			"name",
		)
		if existing:
			frappe.throw(
				_("{0} already has a signed target agreement for {1}: {2}").format(
					self.full_name, bold(self.year), get_link_to_form("Target Agreement", existing)
				),
				DuplicateAgreementError,
				title=_("Duplicate Agreement"),
			)
