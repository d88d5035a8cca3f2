import frappe
from frappe.tests.utils import FrappeTestCase


class TestGovernanceSettings(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.settings = frappe.get_single("Governance Settings")

	def assert_refused(self, changes: dict, *fragments: str):
		settings = frappe.get_single("Governance Settings")
		settings.update(changes)
		with self.assertRaises(frappe.ValidationError) as caught:
			settings.save()
		for fragment in fragments:
			self.assertIn(fragment, str(caught.exception))
		frappe.db.rollback()

	def test_defaults_from_the_brief(self):
		s = self.settings
		self.assertEqual(s.consecutive_fail_years, 2)
		self.assertEqual(s.satisfaction_rule, "Ignore")
		self.assertEqual(s.satisfaction_threshold, 60)
		self.assertEqual(
			(s.excellent_min_score, s.competent_min_score, s.basically_competent_min_score), (90, 75, 60)
		)
		self.assertEqual((s.target_score_weight, s.satisfaction_weight), (80, 20))
		self.assertEqual(s.excellent_quota, 15)
		self.assertEqual((s.reserve_min_per_community, s.reserve_max_per_community), (3, 7))
		self.assertEqual(s.secretary_min_central_trainings, 1)
		self.assertEqual(s.central_training_min_level, "District")
		self.assertEqual(s.rotation_period_years, 2)
		self.assertEqual(s.require_yearly_hours, 0)
		self.assertEqual(
			(s.career_min_service_years, s.career_min_excellent_years, s.career_max_age), (5, 3, 45)
		)
		self.assertEqual([row.position for row in s.covered_positions], ["Secretary"])

	def test_percentage_out_of_range(self):
		self.assert_refused({"excellent_quota": 120}, "Excellent Quota", "120")
		self.assert_refused({"satisfaction_threshold": -5}, "Satisfaction Threshold", "-5")

	def test_minimum_above_maximum(self):
		self.assert_refused(
			{"reserve_min_per_community": 8, "reserve_max_per_community": 7}, "Minimum Reserves", "8"
		)

	def test_years_must_be_positive(self):
		self.assert_refused({"consecutive_fail_years": 0}, "Consecutive Fail Years", "0")
		self.assert_refused({"rotation_period_years": -1}, "Rotation Training", "-1")

	def test_grade_thresholds_must_descend(self):
		self.assert_refused({"competent_min_score": 95}, "Excellent From Score", "Competent From Score")

	def test_score_weights_must_sum_to_100(self):
		self.assert_refused({"target_score_weight": 70}, "Target Score Weight", "90")

	def test_valid_change_is_saved(self):
		settings = frappe.get_single("Governance Settings")
		settings.reserve_max_per_community = 8
		settings.save()
		self.assertEqual(frappe.db.get_single_value("Governance Settings", "reserve_max_per_community"), 8)
		frappe.db.rollback()
