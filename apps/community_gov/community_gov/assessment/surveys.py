"""Residents' satisfaction surveys behind the assessments' satisfaction rates (BRIEF R1, R2).

An Annual Assessment whose cadre and year have submitted Satisfaction Surveys takes its satisfaction rate
from them, pooled (`community_gov.rules.survey.pooled_rate`: all satisfied residents over all residents
asked), and lists them (`satisfaction_surveys`), so a Fail by dissatisfaction rests on the surveys. Without
a survey the rate stays as entered. Submitting or cancelling a survey updates the assessment while it is
not approved (a draft, self-assessed, reviewed or returned one: saved through the document, so the
workflow's edit rights apply); once the assessment is approved its surveys are fixed: cancel and amend
the assessment to change them.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_link_to_form

from community_gov.exceptions import SurveyAssessmentApprovedError
from community_gov.guards import may_edit_in_state
from community_gov.rules.survey import SurveyCount, pooled_rate
from community_gov.text import bold

SURVEY_FIELDS = ("survey_date", "method", "sample_size", "satisfied_count", "satisfaction_rate")


def submitted_surveys(cadre: str, year: int) -> list[frappe._dict]:
	"""The cadre's submitted surveys of the year, oldest first: one query."""
	survey = frappe.qb.DocType("Satisfaction Survey")
	return (
		frappe.qb.from_(survey)
		.select(survey.name, *(survey[field] for field in SURVEY_FIELDS))
		.where((survey.cadre == cadre) & (survey.year == year) & (survey.docstatus == 1))
		.orderby(survey.survey_date)
		.orderby(survey.name)
		.run(as_dict=True)
	)


def apply_surveys(assessment) -> None:
	"""The assessment's `validate`: list the surveys and take the pooled rate from them when there are any."""
	if not assessment.cadre or not assessment.year:
		return
	surveys = submitted_surveys(assessment.cadre, assessment.year)
	# Rows of surveys already listed are kept (updated), so the timeline shows only real changes.
	listed = {row.survey: row for row in assessment.get("satisfaction_surveys") or []}
	rows = []
	for survey in surveys:
		values = {"survey": survey.name, **{field: survey[field] for field in SURVEY_FIELDS}}
		row = listed.get(survey.name)
		if row:
			row.update(values)
		rows.append(row or values)
	assessment.set("satisfaction_surveys", rows)
	if surveys:
		assessment.satisfaction_rate = pooled_rate(
			SurveyCount(sample_size=row.sample_size, satisfied_count=row.satisfied_count) for row in surveys
		)


def check_assessment_open(survey) -> None:
	"""A survey is submitted or cancelled only while the assessment it feeds can still change."""
	approved = frappe.db.get_value(
		"Annual Assessment", {"cadre": survey.cadre, "year": survey.year, "docstatus": 1}, "name"
	)
	if approved:
		frappe.throw(
			_(
				"The annual assessment {0} of {1} for {2} is already approved; its satisfaction rate no longer "
				"changes. Cancel and amend the assessment first."
			).format(get_link_to_form("Annual Assessment", approved), survey.full_name, bold(survey.year)),
			SurveyAssessmentApprovedError,
			title=_("Assessment Approved"),
		)
	# The rate is the assessment's: a survey changes it only for those who may edit the assessment now (a
	# reviewer not once it is Reviewed).
	name = open_assessment(survey.cadre, survey.year)
	if name and not may_edit_in_state(frappe.get_doc("Annual Assessment", name)):
		frappe.throw(
			_("{0} cannot be changed while the record is {1}").format(
				_("Residents' Satisfaction (%)"),
				bold(_(frappe.db.get_value("Annual Assessment", name, "workflow_state"))),
			),
			frappe.PermissionError,
			title=_("Not Editable"),
		)


def open_assessment(cadre: str, year: int) -> str | None:
	return frappe.db.get_value(
		"Annual Assessment", {"cadre": cadre, "year": year, "docstatus": 0}, "name", order_by="creation desc"
	)


def feed_assessment(cadre: str, year: int) -> str | None:
	"""Save the cadre's open assessment of the year so it takes the surveys as they now are."""
	name = open_assessment(cadre, year)
	if not name:
		return None
	assessment = frappe.get_doc("Annual Assessment", name)
	# Before the save's link checks: a cancelled survey's row goes first (and stays gone: no role writes the
	# list through a form, so the save would otherwise put the stored rows back).
	apply_surveys(assessment)
	assessment.flags.surveys_changed = True
	assessment.flags.ignore_permlevel_for_fields = ["satisfaction_surveys"]
	assessment.save()
	return name
