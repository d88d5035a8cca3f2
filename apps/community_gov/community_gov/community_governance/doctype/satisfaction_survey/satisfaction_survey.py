import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from community_gov.assessment.common import set_cadre_details, validate_year
from community_gov.assessment.surveys import check_assessment_open, feed_assessment
from community_gov.dates import current_year
from community_gov.exceptions import SurveyCountError, SurveyDateError
from community_gov.permissions import validate_sub_district_scope
from community_gov.rules.survey import count_problem, survey_rate
from community_gov.text import bold


class SatisfactionSurvey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		cadre: DF.Link
		community: DF.Link | None
		conducted_by: DF.Data | None
		full_name: DF.Data | None
		method: DF.Literal[
			"Paper Questionnaire",
			"Telephone Survey",
			"Online Survey",
			"Door-to-door Visit",
			"Residents' Forum",
		]
		notes: DF.SmallText | None
		position: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Director",
			"First Secretary",
			"Community Worker",
		]
		sample_size: DF.Int
		satisfaction_rate: DF.Percent
		satisfied_count: DF.Int
		sub_district: DF.Link | None
		survey_date: DF.Date
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		set_cadre_details(self)
		validate_sub_district_scope(self)
		validate_year(self, latest=current_year())
		self.validate_survey_date()
		self.validate_counts()
		self.satisfaction_rate = survey_rate(cint(self.sample_size), cint(self.satisfied_count))

	def before_submit(self):
		check_assessment_open(self)

	def on_submit(self):
		feed_assessment(self.cadre, self.year)

	def before_cancel(self):
		check_assessment_open(self)

	def on_cancel(self):
		feed_assessment(self.cadre, self.year)

	def validate_survey_date(self):
		"""Surveyed in the year it measures or early in the next, before the assessment is approved."""
		surveyed = getdate(self.survey_date)
		if surveyed > getdate(today()):
			frappe.throw(
				_("{0} {1} is in the future").format(_("Survey Date"), bold(self.survey_date)),
				SurveyDateError,
				title=_("Invalid Survey Date"),
			)
		if surveyed.year not in (self.year, self.year + 1):
			frappe.throw(
				_("{0} {1} is neither in {2} nor in the year after").format(
					_("Survey Date"), bold(self.survey_date), self.year
				),
				SurveyDateError,
				title=_("Invalid Survey Date"),
			)

	def validate_counts(self):
		sample_size, satisfied = cint(self.sample_size), cint(self.satisfied_count)
		problem = count_problem(sample_size, satisfied)
		if problem == "sample_size":
			message = _("{0} must be greater than 0, not {1}").format(_("Residents Asked"), bold(sample_size))
		elif problem == "satisfied_negative":
			message = _("{0} must not be negative, not {1}").format(_("Satisfied Residents"), bold(satisfied))
		elif problem == "satisfied_above_sample":
			message = _("{0} {1} is more than the {2} {3}").format(
				_("Satisfied Residents"), bold(satisfied), _("Residents Asked"), bold(sample_size)
			)
		else:
			return
		frappe.throw(message, SurveyCountError, title=_("Invalid Survey"))
