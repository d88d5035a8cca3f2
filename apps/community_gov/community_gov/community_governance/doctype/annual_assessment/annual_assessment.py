import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Concat_ws, Round, Sum
from frappe.utils import flt, get_link_to_form, now
from pypika.functions import NullIf

from community_gov.assessment.adjustment_rule import apply_adjustment_rule
from community_gov.assessment.common import get_rule_settings, set_cadre_details, validate_year
from community_gov.assessment.surveys import apply_surveys
from community_gov.constants import AREA_FIELDS
from community_gov.dates import current_year
from community_gov.exceptions import (
	AgreementMismatchError,
	AgreementNotSignedError,
	DuplicateAssessmentError,
	ExcellentQuotaError,
	GradeOverrideError,
	ReturnReasonRequiredError,
	SatisfactionOutOfRangeError,
	ScoreOutOfRangeError,
)
from community_gov.permissions import validate_sub_district_scope
from community_gov.rules.assessment import (
	area_percentages,
	calculate_total,
	excellent_quota_allows,
	excellent_quota_limit,
	grade_for,
)
from community_gov.text import bold

# A cadre's years with every figure the scorecards show (patches/v1/annual_assessment_area_scores.py).
CADRE_YEAR_INDEX = "cadre_year_scorecard_index"


class AnnualAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from community_gov.community_governance.doctype.assessment_score.assessment_score import (
			AssessmentScore,
		)
		from community_gov.community_governance.doctype.assessment_survey.assessment_survey import (
			AssessmentSurvey,
		)

		amended_from: DF.Link | None
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		approver_opinion: DF.SmallText | None
		cadre: DF.Link
		calculated_grade: DF.Literal["", "Excellent", "Competent", "Basically Competent", "Fail"]
		community: DF.Link | None
		full_name: DF.Data | None
		grade: DF.Literal["", "Excellent", "Competent", "Basically Competent", "Fail"]
		grade_override: DF.Check
		overridden_by: DF.Link | None
		overridden_on: DF.Datetime | None
		override_grade: DF.Literal["", "Excellent", "Competent", "Basically Competent", "Fail"]
		override_reason: DF.SmallText | None
		party_building: DF.Percent
		position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		return_reason: DF.SmallText | None
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		reviewer_opinion: DF.SmallText | None
		satisfaction_rate: DF.Percent
		satisfaction_surveys: DF.Table[AssessmentSurvey]
		scored_areas: DF.Data | None
		scores: DF.Table[AssessmentScore]
		serving_residents: DF.Percent
		social_stability: DF.Percent
		sub_district: DF.Link | None
		summary_ability: DF.SmallText | None
		summary_diligence: DF.SmallText | None
		summary_honesty: DF.SmallText | None
		summary_integrity: DF.SmallText | None
		summary_performance: DF.SmallText | None
		target_agreement: DF.Link
		target_score: DF.Float
		total_score: DF.Float
		veto_failed: DF.Check
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		set_cadre_details(self)
		validate_sub_district_scope(self)
		validate_year(self, latest=current_year())
		self.validate_agreement()
		self.set_scores_from_agreement()
		self.validate_scores()
		self.apply_surveys()
		self.validate_satisfaction()
		self.calculate_result()
		self.validate_override()
		self.validate_unique_year()
		self.validate_return_reason()
		self.record_review()

	def before_submit(self):
		self.validate_excellent_quota()
		self.approved_by = frappe.session.user
		self.approved_on = now()

	def on_submit(self):
		apply_adjustment_rule([self.cadre])

	def on_cancel(self):
		apply_adjustment_rule(
			[self.cadre],
			withdrawal_reason=_("Annual assessment {0} ({1}) was cancelled").format(self.name, self.year),
		)

	def facts_unchanged(self, *fieldnames: str) -> bool:
		"""Whether a saved record keeps these values: a workflow step (review, approval) then need not check
		again what was checked when they were set (the signed agreement's targets cannot change; Frappe's
		own link check still refuses an agreement cancelled since)."""
		return not self.is_new() and not any(self.has_value_changed(field) for field in fieldnames)

	def validate_agreement(self):
		if self.facts_unchanged("target_agreement", "cadre", "year"):
			return
		agreement = frappe.db.get_value(
			"Target Agreement", self.target_agreement, ["cadre", "year", "docstatus"], as_dict=True
		)
		if not agreement or agreement.docstatus != 1:
			frappe.throw(
				_("{0} {1} is not a signed target agreement").format(
					_("Target Agreement"),
					get_link_to_form("Target Agreement", self.target_agreement)
					if agreement
					else bold(self.target_agreement),
				),
				AgreementNotSignedError,
				title=_("Agreement Not Signed"),
			)
		if agreement.cadre != self.cadre or agreement.year != self.year:
			frappe.throw(
				_("{0} {1} belongs to {2} for {3}, not to this cadre and year").format(
					_("Target Agreement"),
					get_link_to_form("Target Agreement", self.target_agreement),
					agreement.cadre,
					agreement.year,
				),
				AgreementMismatchError,
				title=_("Wrong Agreement"),
			)

	def set_scores_from_agreement(self):
		"""One score row per target of the signed agreement, in its order, keeping scores already given."""
		if self.scores and self.facts_unchanged("target_agreement"):
			return
		targets = frappe.get_all(
			"Agreement Target",
			filters={"parent": self.target_agreement, "parenttype": "Target Agreement"},
			fields=["area", "description", "indicator", "weight", "is_veto"],
			order_by="idx",
		)
		given = {(row.area, row.description): row for row in self.scores}
		self.set("scores", [])
		for target in targets:
			previous = given.get((target.area, target.description))
			self.append(
				"scores",
				{
					**target,
					"score": previous.score if previous else 0,
					"veto_failed": previous.veto_failed if previous and target.is_veto else 0,
				},
			)

	def apply_surveys(self):
		# A survey submitted or cancelled saves the open assessment itself (feed_assessment), so a saved
		# record of the same cadre, year and rate already holds them; a rate typed in is checked against them.
		if self.flags.surveys_changed or not self.facts_unchanged("cadre", "year", "satisfaction_rate"):
			apply_surveys(self)

	def validate_scores(self):
		for row in self.scores:
			if not 0 <= flt(row.score) <= flt(row.weight):
				frappe.throw(
					_("Row {0}: {1} {2} must be between 0 and the weight {3}").format(
						row.idx, _("Score"), bold(row.score), row.weight
					),
					ScoreOutOfRangeError,
					title=_("Invalid Score"),
				)

	def validate_satisfaction(self):
		if self.satisfaction_rate is None or not 0 <= flt(self.satisfaction_rate) <= 100:
			frappe.throw(
				_("{0} must be between 0 and 100, not {1}").format(
					_("Residents' Satisfaction (%)"), bold(self.satisfaction_rate)
				),
				SatisfactionOutOfRangeError,
				title=_("Invalid Satisfaction"),
			)

	def calculate_result(self):
		settings = get_rule_settings()
		total_weight = sum(flt(row.weight) for row in self.scores)
		scored = sum(flt(row.score) for row in self.scores)
		self.target_score = flt(scored / total_weight * 100, 2) if total_weight else 0
		self.veto_failed = int(any(row.is_veto and row.veto_failed for row in self.scores))
		self.calculate_area_scores()
		self.total_score = calculate_total(self.target_score, flt(self.satisfaction_rate), settings)
		# A draft nobody has scored yet has no grade (its satisfaction alone would read as Fail).
		unscored = self.docstatus == 0 and not scored and not self.veto_failed
		self.calculated_grade = (
			"" if unscored else grade_for(self.total_score, bool(self.veto_failed), settings)
		)
		self.grade = self.override_grade if self.grade_override else self.calculated_grade

	def calculate_area_scores(self):
		"""Each target area's score as a percentage of its weight, kept on the record so the scorecards read a
		province's years without aggregating their target rows (issue 13); `scored_areas` names the areas
		with targets, as a Percent column cannot hold 'no target' apart from 0."""
		percentages = area_percentages(
			((row.area, row.score, row.weight) for row in self.scores), AREA_FIELDS
		)
		for area, field in AREA_FIELDS.items():
			self.set(field, percentages[area] or 0)
		self.scored_areas = ",".join(
			field for area, field in AREA_FIELDS.items() if percentages[area] is not None
		)

	def validate_override(self):
		if not self.grade_override:
			self.override_grade = self.override_reason = self.overridden_by = self.overridden_on = None
			return
		if not self.override_grade:
			frappe.throw(
				_("Choose the {0}").format(_("Overridden Grade")),
				GradeOverrideError,
				title=_("Grade Override"),
			)
		if not (self.override_reason or "").strip():
			frappe.throw(
				_("Overriding the grade {0} with {1} needs a written {2}").format(
					_(self.calculated_grade), bold(_(self.override_grade)), _("Override Reason")
				),
				GradeOverrideError,
				title=_("Grade Override"),
			)
		if self.has_value_changed("override_grade") or self.has_value_changed("override_reason"):
			self.overridden_by = frappe.session.user
			self.overridden_on = now()

	def validate_unique_year(self):
		if self.facts_unchanged("cadre", "year"):
			return
		existing = frappe.db.get_value(
			"Annual Assessment",
			{"cadre": self.cadre, "year": self.year, "docstatus": ("<", 2), "name": ("!=", self.name)},
			"name",
		)
		if existing:
			frappe.throw(
				_("{0} already has an annual assessment for {1}: {2}").format(
					self.full_name, bold(self.year), get_link_to_form("Annual Assessment", existing)
				),
				DuplicateAssessmentError,
				title=_("Duplicate Assessment"),
			)

	def validate_return_reason(self):
		if self.workflow_state == "Returned" and not (self.return_reason or "").strip():
			frappe.throw(
				_("Returning an assessment needs a {0}").format(_("Return Reason")),
				ReturnReasonRequiredError,
				title=_("Returned"),
			)

	def record_review(self):
		if self.workflow_state == "Reviewed" and self.has_value_changed("workflow_state"):
			self.reviewed_by = frappe.session.user
			self.reviewed_on = now()

	def validate_excellent_quota(self):
		"""R3: Excellent grades of a sub-district and year stay within the quota of its assessments."""
		if self.grade != "Excellent":
			return
		settings = get_rule_settings()
		assessment = frappe.qb.DocType("Annual Assessment")
		counts = (
			frappe.qb.from_(assessment)
			.select(
				frappe.query_builder.functions.Count("*"),
				frappe.query_builder.functions.Sum(
					frappe.query_builder.Case()
					.when((assessment.docstatus == 1) & (assessment.grade == "Excellent"), 1)
					.else_(0)
				),
			)
			.where(
				(assessment.sub_district == self.sub_district)
				& (assessment.year == self.year)
				& (assessment.docstatus < 2)
			)
			.run()
		)
		population, excellent = int(counts[0][0] or 0), int(counts[0][1] or 0)
		if not excellent_quota_allows(excellent + 1, population, settings.excellent_quota):
			frappe.throw(
				_(
					"{0} {1} already has {2} Excellent grades for {3}, the most its {4} assessments allow "
					"({5}%). Approve this one with another grade or override a grade first."
				).format(
					_("Sub District"),
					get_link_to_form("Sub District", self.sub_district),
					excellent,
					self.year,
					population,
					settings.excellent_quota,
				)
				if excellent_quota_limit(population, settings.excellent_quota)
				else _(
					"{0} {1} has too few assessments for {2} ({3}) for any Excellent grade at {4}%"
				).format(
					_("Sub District"),
					get_link_to_form("Sub District", self.sub_district),
					self.year,
					population,
					settings.excellent_quota,
				),
				ExcellentQuotaError,
				title=_("Excellent Quota Reached"),
			)


def recalculate_area_scores() -> None:
	"""`calculate_area_scores` for every assessment at once, from its target rows: set-based, one statement per
	area (a province holds a million assessments); for the records made before the figures were kept, and for
	rows inserted in bulk (the benchmarks)."""
	assessment = frappe.qb.DocType("Annual Assessment")
	score = frappe.qb.DocType("Assessment Score")
	frappe.qb.update(assessment).set(assessment.scored_areas, "").run()
	for area, field in AREA_FIELDS.items():
		percent_by_assessment = (
			frappe.qb.from_(score)
			.select(score.parent, (Sum(score.score) * 100 / Sum(score.weight)).as_("percent"))
			.where((score.parenttype == "Annual Assessment") & (score.area == area))
			.groupby(score.parent)
			.having(Sum(score.weight) > 0)
		)
		(
			frappe.qb.update(assessment)
			.join(percent_by_assessment)
			.on(percent_by_assessment.parent == assessment.name)
			.set(assessment[field], Round(percent_by_assessment.percent, 1))
			# In AREA_FIELDS' order, as calculate_area_scores writes it.
			.set(assessment.scored_areas, Concat_ws(",", NullIf(assessment.scored_areas, ""), field))
			.run()
		)


def on_doctype_update():
	# The reports read a cadre's years (scorecards, Top Ten) and a community's years (Sub District Scorecard)
	# through these, so one sub-district reads its own rows, not the province's; with the figures they show,
	# from the index alone (a province's rows are too many to fetch one by one from the table).
	figures = ["docstatus", "grade", "total_score", "satisfaction_rate"]
	frappe.db.add_index(
		"Annual Assessment",
		["cadre", "year", *figures, *AREA_FIELDS.values(), "scored_areas"],
		CADRE_YEAR_INDEX,
	)
	frappe.db.add_index(
		"Annual Assessment", ["community", "year", *figures, "sub_district"], "community_year_figures_index"
	)
	# Career Post Eligibility's Excellent years, the watch-list's latest failed years and the two-year sweep's
	# candidates (cadres with a failed year), from the index alone.
	frappe.db.add_index("Annual Assessment", ["grade", "docstatus", "cadre", "year"])
