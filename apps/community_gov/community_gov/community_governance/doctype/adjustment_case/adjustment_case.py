import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, getdate, now, today

from community_gov.assessment.common import ORGANIZATION_ROLE
from community_gov.constants import SECRETARY
from community_gov.exceptions import (
	AdjustmentDecisionError,
	CaseAlreadyUnderReviewError,
	CaseClosedError,
	CaseNotAdjustedError,
	CaseReasonRequiredError,
	CaseStatusChangeError,
	DecisionBasisRequiredError,
	DecisionDateError,
	NotASuccessorCandidateError,
	SuccessorAlreadyChosenError,
)
from community_gov.permissions import require_roles
from community_gov.rules.assessment import HAND_OPENED_BASES, OPEN_CASE_STATUSES
from community_gov.text import bold, clean_text

DECISIONS = ("Adjusted", "Retained")
# Elected (选) and Qualified reserves can be chosen; those still In Training are shown, not chosen.
SUCCESSOR_STATUSES = ("Elected", "Qualified", "In Training")


class AdjustmentCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.adjustment_case_year.adjustment_case_year import (
			AdjustmentCaseYear,
		)

		basis: DF.Literal["Two-Year Rule", "Unfit for Post", "Incompetent"]
		cadre: DF.Link
		community: DF.Link | None
		decided_by: DF.Link | None
		decided_on: DF.Datetime | None
		decision_date: DF.Date | None
		decision_reason: DF.SmallText | None
		decision_reference: DF.Data | None
		evidence: DF.Text | None
		failed_years: DF.Table[AdjustmentCaseYear]
		full_name: DF.Data | None
		position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		reason: DF.SmallText | None
		run_start_year: DF.Int
		status: DF.Literal["Proposed", "Under Review", "Adjusted", "Retained", "Withdrawn"]
		sub_district: DF.Link | None
		successor_appointment: DF.Link | None
		trigger_year: DF.Int
		withdrawal_reason: DF.SmallText | None
		withdrawn_on: DF.Datetime | None

	# end: auto-generated types
	def validate(self):
		self.validate_status_change()
		self.validate_hand_opening()
		self.validate_decision_basis()

	@property
	def opened_by_hand(self) -> bool:
		return self.basis in HAND_OPENED_BASES

	def validate_hand_opening(self):
		"""A case the department opens by hand rests on its written reason and the evidence for it."""
		if not self.is_new() or not self.opened_by_hand:
			return
		for fieldname in ("reason", "evidence"):
			if not (self.get(fieldname) or "").strip():
				frappe.throw(
					_("Opening a case by hand needs its {0}").format(_(self.meta.get_label(fieldname))),
					CaseReasonRequiredError,
					title=_("Reason Required"),
				)

	def validate_status_change(self):
		"""Status moves only through start_review / decide (and the rule's own withdrawals)."""
		if not self.is_new() and self.has_value_changed("status") and not self.flags.status_change_allowed:
			frappe.throw(
				_("{0} cannot be changed directly; use the case's actions").format(_("Status")),
				CaseStatusChangeError,
			)

	def validate_decision_basis(self):
		"""Adjusting or retaining a secretary rests on a recorded basis: the reason, the meeting minutes or
		document it was decided in, and the date of that decision."""
		if self.status not in DECISIONS or not self.has_value_changed("status"):
			return
		for fieldname in ("decision_reason", "decision_reference", "decision_date"):
			if not (str(self.get(fieldname) or "")).strip():
				frappe.throw(
					_("Deciding the case needs its {0}").format(_(self.meta.get_label(fieldname))),
					DecisionBasisRequiredError,
					title=_("Decision Basis Required"),
				)
		self.validate_decision_date()

	def validate_decision_date(self):
		decision_date = getdate(self.decision_date)
		if decision_date > getdate(today()):
			frappe.throw(
				_("{0} {1} is in the future").format(_("Decision Date"), bold(self.decision_date)),
				DecisionDateError,
				title=_("Invalid Decision Date"),
			)
		opened_on = getdate(self.creation)
		if decision_date < opened_on:
			frappe.throw(
				_("{0} {1} is before the {2} {3}").format(
					_("Decision Date"), bold(self.decision_date), _("Opened On"), bold(opened_on)
				),
				DecisionDateError,
				title=_("Invalid Decision Date"),
			)

	def check_can_act(self):
		require_roles(ORGANIZATION_ROLE, "System Manager")
		self.check_permission("write")
		if self.status not in OPEN_CASE_STATUSES:
			frappe.throw(
				_("{0} is already {1}").format(
					get_link_to_form(self.doctype, self.name), bold(_(self.status))
				),
				CaseClosedError,
				title=_("Case Closed"),
			)

	@frappe.whitelist(methods=["POST"])
	def start_review(self) -> None:
		self.check_can_act()
		if self.status != "Proposed":
			frappe.throw(
				_("{0} is already under review").format(get_link_to_form(self.doctype, self.name)),
				CaseAlreadyUnderReviewError,
			)
		self.status = "Under Review"
		self.flags.status_change_allowed = True
		self.flags.ignore_permlevel_for_fields = ["status"]
		self.save()

	@frappe.whitelist(methods=["POST"])
	def decide(self, decision: str, reason: str, reference: str, decision_date: str) -> None:
		"""Adjusted: the cadre is marked for adjustment (its history stays). Retained: the cadre stays.

		Either needs its basis: the reason, the meeting minutes or document number, the date decided."""
		self.check_can_act()
		if decision not in DECISIONS:
			frappe.throw(
				_("{0} {1} is not a decision").format(_("Decision"), bold(decision)), AdjustmentDecisionError
			)
		self.status = decision
		self.decision_reason = clean_text(reason)
		self.decision_reference = clean_text(reference)
		self.decision_date = parse_date(decision_date)
		self.decided_by = frappe.session.user
		self.decided_on = now()
		self.flags.status_change_allowed = True
		# The decision is written only here (permlevel 2: no role writes it through a form).
		self.flags.ignore_permlevel_for_fields = [
			"status",
			"decision_reason",
			"decision_reference",
			"decision_date",
			"decided_by",
			"decided_on",
		]
		self.save()
		if decision == "Adjusted":
			cadre = frappe.get_doc("Cadre", self.cadre)
			cadre.status = "Adjusted"
			cadre.add_comment("Info", _("Adjusted by decision of {0}").format(self.name))
			cadre.save(ignore_permissions=True)

	@frappe.whitelist()
	def get_successor_candidates(self) -> list[dict]:
		"""The community's reserves for secretary: Elected ones first, then Qualified, then those In Training."""
		self.check_permission("read")
		candidates = frappe.get_list(
			"Reserve Candidate",
			filters={
				"community": self.community,
				"target_post": SECRETARY,
				"status": ("in", SUCCESSOR_STATUSES),
				"cadre": ("!=", self.cadre),
			},
			fields=["name", "cadre", "full_name", "status", "current_position", "education", "date_of_birth"],
		)
		return sorted(candidates, key=lambda row: (SUCCESSOR_STATUSES.index(row.status), row.full_name))

	@frappe.whitelist(methods=["POST"])
	def start_succession(self, reserve_candidate: str) -> str:
		"""Choosing a successor starts a draft Appointment; approving it fills the post."""
		require_roles(ORGANIZATION_ROLE, "System Manager")
		self.check_permission("write")
		if self.status != "Adjusted":
			frappe.throw(
				_("A successor is chosen once the case is decided {0}").format(bold(_("Adjusted"))),
				CaseNotAdjustedError,
				title=_("Case Not Decided"),
			)
		if self.successor_appointment and frappe.db.get_value(
			"Appointment", self.successor_appointment, "docstatus"
		) in (0, 1):
			frappe.throw(
				_("{0} already has the successor appointment {1}").format(
					self.name, get_link_to_form("Appointment", self.successor_appointment)
				),
				SuccessorAlreadyChosenError,
			)
		candidate = next(
			(row for row in self.get_successor_candidates() if row.name == reserve_candidate), None
		)
		if not candidate:
			frappe.throw(
				_("{0} {1} is not an Elected, Qualified or In Training reserve for secretary of {2}").format(
					_("Reserve Candidate"), bold(reserve_candidate), self.community
				),
				NotASuccessorCandidateError,
				title=_("Not a Successor Candidate"),
			)
		years = "、".join(str(row.year) for row in self.failed_years)
		reason = (
			_("Successor to {0}, secretary of {1}, adjusted as {2}").format(
				self.full_name, self.community, _(self.basis)
			)
			if self.opened_by_hand
			else _(
				"Successor to {0}, secretary of {1}, adjusted after failing the annual assessment in {2}"
			).format(self.full_name, self.community, years)
		)
		appointment = frappe.get_doc(
			{
				"doctype": "Appointment",
				"cadre": candidate.cadre,
				"reserve_candidate": candidate.name,
				"adjustment_case": self.name,
				"post": SECRETARY,
				"community": self.community,
				"from_date": today(),
				"reason": reason,
			}
		).insert()
		self.db_set("successor_appointment", appointment.name)
		return appointment.name


def parse_date(value: str | None) -> str | None:
	"""A date as sent by the desk (yyyy-mm-dd); refused with the value when it is not a date."""
	if not (value or "").strip():
		return None
	try:
		return getdate(value.strip()).isoformat()
	except Exception:
		frappe.throw(
			_("{0} {1} is not a date").format(_("Decision Date"), bold(value)),
			DecisionDateError,
			title=_("Invalid Decision Date"),
		)


def on_doctype_update():
	# The Adjustment Watchlist's cases of one sub-district, and of one trigger year.
	frappe.db.add_index("Adjustment Case", ["sub_district", "trigger_year"])
