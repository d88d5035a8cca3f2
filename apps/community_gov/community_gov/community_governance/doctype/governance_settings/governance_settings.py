from itertools import pairwise

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from community_gov.text import bold

PERCENT_FIELDS = (
	"satisfaction_threshold",
	"target_score_weight",
	"satisfaction_weight",
	"excellent_quota",
	"excellent_min_score",
	"competent_min_score",
	"basically_competent_min_score",
)
POSITIVE_FIELDS = (
	"consecutive_fail_years",
	"rotation_period_years",
	"career_min_excellent_years",
	"career_max_age",
	"target_weight_total",
	"term_years",
	"term_alert_days",
)
NON_NEGATIVE_FIELDS = (
	"reserve_min_per_community",
	"reserve_max_per_community",
	"secretary_min_central_trainings",
	"career_min_service_years",
	"yearly_hours_required",
)
GRADE_THRESHOLDS = ("excellent_min_score", "competent_min_score", "basically_competent_min_score")


class GovernanceSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.adjustment_covered_position.adjustment_covered_position import (
			AdjustmentCoveredPosition,
		)
		from community_gov.community_governance.doctype.post_term_length.post_term_length import (
			PostTermLength,
		)

		basically_competent_min_score: DF.Float
		career_max_age: DF.Int
		career_min_excellent_years: DF.Int
		career_min_service_years: DF.Int
		central_training_min_level: DF.Literal["City", "District", "Sub District"]
		competent_min_score: DF.Float
		consecutive_fail_years: DF.Int
		covered_positions: DF.Table[AdjustmentCoveredPosition]
		excellent_min_score: DF.Float
		excellent_quota: DF.Percent
		notify_agreement_to_sign: DF.Check
		notify_assessment_returned: DF.Check
		notify_results_approved: DF.Check
		notify_self_assessment_to_write: DF.Check
		post_term_lengths: DF.Table[PostTermLength]
		require_yearly_hours: DF.Check
		reserve_max_per_community: DF.Int
		reserve_min_per_community: DF.Int
		rotation_period_years: DF.Int
		satisfaction_rule: DF.Literal["Ignore", "Counts as Fail", "Required with Fail"]
		satisfaction_threshold: DF.Percent
		satisfaction_weight: DF.Percent
		secretary_min_central_trainings: DF.Int
		send_compliance_reminders: DF.Check
		send_session_reminders: DF.Check
		send_term_alerts: DF.Check
		target_score_weight: DF.Percent
		target_weight_total: DF.Float
		term_alert_days: DF.Int
		term_years: DF.Int
		yearly_hours_required: DF.Float

	# end: auto-generated types
	def validate(self):
		self.validate_percentages()
		self.validate_positive_numbers()
		self.validate_grade_thresholds()
		self.validate_score_weights()
		self.validate_reserve_range()
		self.validate_covered_positions()
		self.validate_post_term_lengths()

	def on_update(self):
		if self.has_value_changed("reserve_min_per_community") or self.has_value_changed(
			"reserve_max_per_community"
		):
			from community_gov.reserves.pool import update_pool_counts

			frappe.clear_document_cache("Governance Settings", "Governance Settings")
			update_pool_counts(None)

	def label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))

	def validate_percentages(self):
		for fieldname in PERCENT_FIELDS:
			value = flt(self.get(fieldname))
			if not 0 <= value <= 100:
				frappe.throw(
					_("{0} must be between 0 and 100, not {1}").format(
						self.label(fieldname), bold(self.get(fieldname))
					),
					title=_("Invalid Setting"),
				)

	def validate_positive_numbers(self):
		for fieldname in POSITIVE_FIELDS:
			if flt(self.get(fieldname)) <= 0:
				frappe.throw(
					_("{0} must be greater than 0, not {1}").format(
						self.label(fieldname), bold(self.get(fieldname))
					),
					title=_("Invalid Setting"),
				)
		for fieldname in NON_NEGATIVE_FIELDS:
			if flt(self.get(fieldname)) < 0:
				frappe.throw(
					_("{0} cannot be negative: {1}").format(self.label(fieldname), bold(self.get(fieldname))),
					title=_("Invalid Setting"),
				)

	def validate_grade_thresholds(self):
		for higher, lower in pairwise(GRADE_THRESHOLDS):
			if flt(self.get(higher)) <= flt(self.get(lower)):
				frappe.throw(
					_("{0} ({1}) must be higher than {2} ({3})").format(
						self.label(higher), bold(self.get(higher)), self.label(lower), self.get(lower)
					),
					title=_("Invalid Setting"),
				)

	def validate_score_weights(self):
		total = flt(self.target_score_weight) + flt(self.satisfaction_weight)
		if abs(total - 100) > 0.001:
			frappe.throw(
				_("{0} and {1} must add up to 100, they add up to {2}").format(
					self.label("target_score_weight"), self.label("satisfaction_weight"), bold(total)
				),
				title=_("Invalid Setting"),
			)

	def validate_reserve_range(self):
		if self.reserve_min_per_community > self.reserve_max_per_community:
			frappe.throw(
				_("{0} ({1}) cannot be greater than {2} ({3})").format(
					self.label("reserve_min_per_community"),
					bold(self.reserve_min_per_community),
					self.label("reserve_max_per_community"),
					self.reserve_max_per_community,
				),
				title=_("Invalid Setting"),
			)

	def validate_covered_positions(self):
		positions = [row.position for row in self.covered_positions]
		duplicates = {position for position in positions if positions.count(position) > 1}
		if duplicates:
			frappe.throw(
				_("{0}: {1} is listed more than once").format(
					self.label("covered_positions"), bold(_(sorted(duplicates)[0]))
				),
				title=_("Invalid Setting"),
			)

	def validate_post_term_lengths(self):
		"""One row per post, each a whole number of years, 0 (no term) or more."""
		seen = set()
		for row in self.post_term_lengths:
			if row.post in seen:
				frappe.throw(
					_("{0}: {1} is listed more than once").format(
						self.label("post_term_lengths"), bold(_(row.post))
					),
					title=_("Invalid Setting"),
				)
			seen.add(row.post)
			if cint(row.term_years) < 0:
				frappe.throw(
					_("Row {0}: {1} of {2} cannot be negative: {3}").format(
						row.idx, _("Term Length (Years)"), bold(_(row.post)), bold(row.term_years)
					),
					title=_("Invalid Setting"),
				)
