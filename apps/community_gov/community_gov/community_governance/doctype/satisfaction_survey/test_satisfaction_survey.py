"""Residents' satisfaction surveys: the rate, refused numbers, and the assessment's rate resting on them."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.exceptions import SurveyAssessmentApprovedError, SurveyCountError, SurveyDateError
from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_survey,
	make_user,
)


class TestSatisfactionSurvey(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.cadre = make_cadre(self.community).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rate_is_satisfied_over_asked(self):
		survey = make_survey(self.cadre, 2025, sample_size=200, satisfied_count=150)
		self.assertEqual(survey.satisfaction_rate, 75)
		self.assertEqual((survey.sub_district, survey.community), (self.sub_district, self.community))
		self.assertEqual(make_survey(self.cadre, 2025, 3, 2).satisfaction_rate, 66.67)

	def test_bad_numbers_refused_naming_the_field_and_the_value(self):
		for sample_size, satisfied, named in (
			(0, 0, ["Residents Asked", "0"]),
			(10, 11, ["Satisfied Residents", "11", "Residents Asked", "10"]),
			(10, -1, ["Satisfied Residents", "-1"]),
		):
			with self.assertRaises(SurveyCountError) as refused:
				make_survey(self.cadre, 2025, sample_size, satisfied, submit=False)
			for text in named:
				self.assertIn(_(text), str(refused.exception))
		self.assertFalse(frappe.db.exists("Satisfaction Survey", {"cadre": self.cadre}))

	def test_survey_dates(self):
		with self.assertRaises(SurveyDateError):
			make_survey(self.cadre, 2024, survey_date="2026-01-05", submit=False)
		with self.assertRaises(SurveyDateError):
			make_survey(
				self.cadre, 2024, survey_date=frappe.utils.add_days(frappe.utils.today(), 2), submit=False
			)
		# Early in the next year, before the assessment is approved: accepted.
		self.assertTrue(make_survey(self.cadre, 2024, survey_date="2025-01-08", submit=False).name)

	def test_a_survey_feeds_the_open_assessment(self):
		assessment = make_assessment(self.cadre, 2025, until="Self Assessed", satisfaction=80)
		survey = make_survey(self.cadre, 2025, sample_size=100, satisfied_count=50)
		assessment.reload()
		self.assertEqual(assessment.satisfaction_rate, 50)
		self.assertEqual([row.survey for row in assessment.satisfaction_surveys], [survey.name])
		row = assessment.satisfaction_surveys[0]
		self.assertEqual((row.sample_size, row.satisfied_count, row.satisfaction_rate), (100, 50, 50))
		# Target 80 % × 0.8 + satisfaction 50 % × 0.2
		self.assertEqual(assessment.total_score, 74)
		self.assertEqual(assessment.workflow_state, "Self Assessed")

	def test_several_surveys_are_pooled_by_people(self):
		assessment = make_assessment(self.cadre, 2025, until="Draft", satisfaction=90)
		phone = make_survey(self.cadre, 2025, 30, 15, method="Telephone Survey")
		doors = make_survey(self.cadre, 2025, 300, 240)
		assessment.reload()
		self.assertEqual(assessment.satisfaction_rate, 77.27)  # 255 / 330, not (50 + 80) / 2
		self.assertEqual({row.survey for row in assessment.satisfaction_surveys}, {phone.name, doors.name})
		# Cancelling one (as the department does) leaves the rate on the other.
		frappe.set_user(make_user(["Organization Department"]).name)
		frappe.get_doc("Satisfaction Survey", phone.name).cancel()
		frappe.set_user("Administrator")
		assessment.reload()
		self.assertEqual(assessment.satisfaction_rate, 80)
		self.assertEqual([row.survey for row in assessment.satisfaction_surveys], [doors.name])
		# A draft survey is not evidence yet.
		make_survey(self.cadre, 2025, 50, 5, submit=False)
		assessment.reload()
		self.assertEqual(assessment.satisfaction_rate, 80)

	def test_an_assessment_made_after_the_surveys_takes_their_rate(self):
		make_survey(self.cadre, 2025, 120, 66)
		assessment = make_assessment(self.cadre, 2025, until="Draft", satisfaction=99)
		self.assertEqual(assessment.satisfaction_rate, 55)
		# Entered by hand, the rate is taken from the surveys all the same.
		assessment.satisfaction_rate = 95
		assessment.save()
		self.assertEqual(assessment.satisfaction_rate, 55)

	def test_a_fail_by_dissatisfaction_rests_on_the_surveys(self):
		survey = make_survey(self.cadre, 2025, 200, 70)
		assessment = make_assessment(self.cadre, 2025, **FAIL)  # approved
		self.assertEqual((assessment.grade, assessment.satisfaction_rate), ("Fail", 35))
		self.assertEqual([row.survey for row in assessment.satisfaction_surveys], [survey.name])
		# Approved, the rate and its surveys are fixed.
		with self.assertRaises(SurveyAssessmentApprovedError):
			make_survey(self.cadre, 2025, 100, 100)
		with self.assertRaises(SurveyAssessmentApprovedError):
			frappe.get_doc("Satisfaction Survey", survey.name).cancel()
		# Cancelled and amended, the assessment can take new surveys.
		apply_workflow(assessment, "Cancel")
		self.assertEqual(make_survey(self.cadre, 2025, 100, 100).docstatus, 1)

	def test_reviewer_records_surveys_of_its_own_sub_district_only(self):
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.sub_district, reviewer)
		other_cadre = make_cadre(make_community(make_sub_district().name).name).name
		frappe.set_user(reviewer)
		self.assertEqual(make_survey(self.cadre, 2025, 100, 90).satisfaction_rate, 90)
		with self.assertRaises(frappe.PermissionError):
			make_survey(other_cadre, 2025, 100, 90)

	def test_a_survey_does_not_change_an_assessment_its_author_may_not_edit(self):
		"""A reviewer may not edit a Reviewed assessment; its survey may not change the rate behind it."""
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.sub_district, reviewer)
		assessment = make_assessment(self.cadre, 2025, until="Reviewed", satisfaction=80)
		frappe.set_user(reviewer)
		with self.assertRaises(frappe.PermissionError):
			make_survey(self.cadre, 2025, sample_size=100, satisfied_count=10)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Satisfaction Survey", {"cadre": self.cadre, "docstatus": 1}))
		assessment.reload()
		self.assertEqual(assessment.satisfaction_rate, 80)
