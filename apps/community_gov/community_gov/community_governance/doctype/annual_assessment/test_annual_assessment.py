import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.exceptions import (
	AgreementNotSignedError,
	AssessmentYearError,
	DuplicateAssessmentError,
	ExcellentQuotaError,
	GradeOverrideError,
	ReturnReasonRequiredError,
	SatisfactionOutOfRangeError,
	ScoreOutOfRangeError,
)
from community_gov.tests.factories import (
	COMPETENT,
	EXCELLENT,
	FAIL,
	add_reviewer,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)


class TestAnnualAssessment(FrappeTestCase):
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

	def assert_refused(self, doc, error):
		with self.assertRaises(error):
			doc.save()

	def test_total_and_grade(self):
		doc = make_assessment(self.cadre, 2025, target_percent=90, satisfaction=80, until="Draft")
		self.assertEqual(doc.target_score, 90)
		self.assertEqual(doc.total_score, 88)  # 90 × 0.8 + 80 × 0.2
		self.assertEqual(doc.grade, "Competent")
		self.assertEqual(
			[row.area for row in doc.scores], ["Social Stability", "Serving Residents", "Party Building"]
		)

	def test_failed_veto_caps_at_fail(self):
		doc = make_assessment(
			self.cadre, 2025, target_percent=100, satisfaction=100, veto_failed=True, until="Draft"
		)
		self.assertEqual(doc.total_score, 100)
		self.assertEqual(doc.calculated_grade, "Fail")
		self.assertEqual(doc.grade, "Fail")

	def test_override_needs_a_reason_and_is_recorded(self):
		doc = make_assessment(self.cadre, 2025, **COMPETENT, until="Self Assessed")
		doc.grade_override = 1
		doc.override_grade = "Basically Competent"
		self.assert_refused(doc, GradeOverrideError)
		doc.reload()
		doc.grade_override = 1
		doc.override_grade = "Basically Competent"
		doc.override_reason = "年内发生安全责任事故,酌情降等"
		doc.save()
		self.assertEqual((doc.calculated_grade, doc.grade), ("Competent", "Basically Competent"))
		self.assertEqual(doc.overridden_by, "Administrator")
		self.assertTrue(doc.overridden_on)

	def test_bad_input_is_refused_and_nothing_saved(self):
		doc = make_assessment(self.cadre, 2025, **COMPETENT, until="Draft")
		doc.scores[1].score = 55  # weight 40
		self.assert_refused(doc, ScoreOutOfRangeError)
		doc.reload()
		doc.satisfaction_rate = 120
		self.assert_refused(doc, SatisfactionOutOfRangeError)
		self.assertEqual(frappe.db.get_value("Annual Assessment", doc.name, "satisfaction_rate"), 80)

	def test_future_year_is_refused(self):
		agreement = make_agreement(self.cadre, 2027, sign=False)
		doc = frappe.get_doc(
			{"doctype": "Annual Assessment", "cadre": self.cadre, "year": 2027, "target_agreement": agreement.name,
				"satisfaction_rate": 90}
		)  # fmt: skip
		with self.assertRaises(AssessmentYearError):
			doc.insert()
		self.assertFalse(frappe.db.exists("Annual Assessment", {"cadre": self.cadre}))

	def test_unsigned_agreement_is_refused(self):
		agreement = make_agreement(self.cadre, 2025, sign=False)
		with self.assertRaises(AgreementNotSignedError):
			make_assessment(self.cadre, 2025, agreement=agreement.name)
		self.assertFalse(frappe.db.exists("Annual Assessment", {"cadre": self.cadre}))

	def test_one_assessment_per_cadre_and_year(self):
		first = make_assessment(self.cadre, 2024, **COMPETENT)
		doc = frappe.get_doc(
			{"doctype": "Annual Assessment", "cadre": self.cadre, "year": 2024,
				"target_agreement": first.target_agreement, "satisfaction_rate": 90}
		)  # fmt: skip
		with self.assertRaises(DuplicateAssessmentError) as caught:
			doc.insert()
		# The message links the existing assessment.
		self.assertIn(frappe.utils.get_link_to_form("Annual Assessment", first.name), str(caught.exception))

	def test_workflow_and_return_with_reason(self):
		doc = make_assessment(self.cadre, 2025, **COMPETENT, until="Self Assessed")
		with self.assertRaises(ReturnReasonRequiredError):
			apply_workflow(doc, "Return")
		doc.reload()
		self.assertEqual(doc.workflow_state, "Self Assessed")
		doc.db_set("return_reason", "自评材料不完整")
		doc = apply_workflow(doc, "Return")
		self.assertEqual(doc.workflow_state, "Returned")
		doc = apply_workflow(doc, "Submit Self-Assessment")
		doc = apply_workflow(doc, "Review")
		self.assertEqual(doc.reviewed_by, "Administrator")
		doc = apply_workflow(doc, "Approve")
		self.assertEqual(
			(doc.docstatus, doc.workflow_state, doc.approved_by), (1, "Approved", "Administrator")
		)

	def test_reviewer_cannot_review_outside_own_sub_district(self):
		other_reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(make_sub_district().name, other_reviewer)
		own_reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.sub_district, own_reviewer)
		doc = make_assessment(self.cadre, 2025, **COMPETENT, until="Self Assessed")

		frappe.set_user(other_reviewer)
		with self.assertRaises((frappe.PermissionError, WorkflowTransitionError)):
			apply_workflow(frappe.get_doc("Annual Assessment", doc.name), "Review")

		frappe.set_user(own_reviewer)
		reviewed = apply_workflow(frappe.get_doc("Annual Assessment", doc.name), "Review")
		self.assertEqual(reviewed.workflow_state, "Reviewed")
		with self.assertRaises((frappe.PermissionError, WorkflowTransitionError)):
			apply_workflow(reviewed, "Approve")

	def test_cadre_writes_only_its_self_summary(self):
		user = make_user(["Cadre"]).name
		frappe.db.set_value("Cadre", self.cadre, "user", user)
		doc = make_assessment(self.cadre, 2025, **COMPETENT, until="Draft")
		frappe.set_user(user)
		own = frappe.get_doc("Annual Assessment", doc.name)
		own.summary_integrity = "坚定理想信念"
		own.save()
		# Scores, satisfaction and the grade are the reviewers' (permlevel 1 and 2): a cadre's values
		# for them are replaced by the stored ones, whatever path the save takes.
		own.satisfaction_rate = 100
		own.scores[0].score = own.scores[0].weight
		own.grade = "Excellent"
		own.reviewed_by = user
		own.save()
		stored = frappe.get_doc("Annual Assessment", doc.name)
		self.assertEqual(stored.satisfaction_rate, doc.satisfaction_rate)
		self.assertEqual([row.score for row in stored.scores], [row.score for row in doc.scores])
		self.assertEqual((stored.grade, stored.reviewed_by), (doc.grade, None))
		self.assertEqual(stored.summary_integrity, "坚定理想信念")
		own.reload()
		own = apply_workflow(own, "Submit Self-Assessment")
		self.assertEqual(own.workflow_state, "Self Assessed")
		own.summary_integrity = "修改"
		with self.assertRaises(frappe.PermissionError):
			own.save()

	def test_excellent_quota(self):
		# A sub-district of its own with 7 assessments: 15% allows 1 Excellent.
		sub_district = make_sub_district().name
		community = make_community(sub_district).name
		cadres = [make_cadre(community).name for _ in range(7)]
		for cadre in cadres[2:]:
			make_assessment(cadre, 2025, **COMPETENT, until="Reviewed")
		first = make_assessment(cadres[0], 2025, **EXCELLENT, until="Reviewed")
		second = make_assessment(cadres[1], 2025, **EXCELLENT, until="Reviewed")
		self.assertEqual(apply_workflow(first, "Approve").grade, "Excellent")
		with self.assertRaises(ExcellentQuotaError):
			apply_workflow(second, "Approve")
		self.assertEqual(frappe.db.get_value("Annual Assessment", second.name, "docstatus"), 0)

	def test_fail_grade_for_low_scores(self):
		doc = make_assessment(self.cadre, 2025, **FAIL, until="Draft")
		self.assertEqual((doc.total_score, doc.grade), (50, "Fail"))
