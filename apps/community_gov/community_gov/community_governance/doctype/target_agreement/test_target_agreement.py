import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.exceptions import AssessmentYearError, DuplicateAgreementError, TargetWeightTotalError
from community_gov.tests.factories import amend, make_agreement, make_cadre, make_community, make_sub_district


class TestTargetAgreement(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_community(make_sub_district().name).name

	def setUp(self):
		self.cadre = make_cadre(self.community)

	def test_signing_follows_the_workflow(self):
		agreement = make_agreement(self.cadre.name, 2025, sign=False)
		self.assertEqual(agreement.workflow_state, "Draft")
		self.assertEqual(agreement.total_weight, 100)
		self.assertEqual(agreement.veto_targets, 1)
		self.assertEqual((agreement.sub_district, agreement.position), (self.cadre.sub_district, "Secretary"))
		agreement = apply_workflow(agreement, "Send for Signature")
		self.assertEqual((agreement.workflow_state, agreement.docstatus), ("Pending Signature", 0))
		agreement = apply_workflow(agreement, "Sign")
		self.assertEqual((agreement.workflow_state, agreement.docstatus), ("Signed", 1))
		self.assertTrue(agreement.signed_by_committee_on)

	def test_weights_must_sum_to_100(self):
		with self.assertRaises(TargetWeightTotalError):
			make_agreement(self.cadre.name, 2025, targets=(("Party Building", "党建", 60, 0),), sign=False)
		self.assertFalse(frappe.db.exists("Target Agreement", {"cadre": self.cadre.name}))

	def test_second_signed_agreement_for_the_year_is_refused(self):
		make_agreement(self.cadre.name, 2024)
		with self.assertRaises(DuplicateAgreementError):
			make_agreement(self.cadre.name, 2024)
		self.assertEqual(frappe.db.count("Target Agreement", {"cadre": self.cadre.name, "docstatus": 1}), 1)

	def test_signed_agreement_is_immutable_and_amended_by_cancel(self):
		agreement = make_agreement(self.cadre.name, 2023)
		agreement.targets[0].weight = 50
		with self.assertRaises(frappe.ValidationError):
			agreement.save()
		agreement.reload()
		agreement = apply_workflow(agreement, "Cancel")
		self.assertEqual(agreement.docstatus, 2)
		amended = amend(agreement)
		amended = apply_workflow(apply_workflow(amended, "Send for Signature"), "Sign")
		self.assertEqual(amended.docstatus, 1)

	def test_year_far_in_the_future_is_refused(self):
		with self.assertRaises(AssessmentYearError):
			make_agreement(self.cadre.name, 2099, sign=False)

	def test_target_area_must_be_known(self):
		with self.assertRaises(frappe.ValidationError):
			make_agreement(self.cadre.name, 2025, targets=(("Economy", "经济", 100, 0),), sign=False)
