"""Whitelisted desk methods refuse users without the right, and answer within the caller's access."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from community_gov import dashboard
from community_gov.api import set_reason
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	add_reviewer,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)


class TestDeskApi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name
		cls.cadre = make_cadre(cls.community).name
		cls.cadre_user = make_user(["Cadre"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(make_sub_district().name, cls.reviewer)  # another sub-district

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_set_reason_needs_the_action_and_cleans_the_text(self):
		assessment = make_assessment(
			make_cadre(self.community).name, 2025, **COMPETENT, until="Self Assessed"
		)
		frappe.set_user(self.reviewer)
		with self.assertRaises(frappe.PermissionError):
			set_reason("Annual Assessment", assessment.name, "Return", "退回")
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			set_reason("Cadre", self.cadre, "Return", "x")
		# Only for an action the record's state offers the caller, and one that takes a reason.
		with self.assertRaises(frappe.PermissionError):
			set_reason("Annual Assessment", assessment.name, "Approve", "x")
		with self.assertRaises(frappe.PermissionError):
			set_reason("Reserve Candidate", assessment.name, "Return", "x")
		set_reason("Annual Assessment", assessment.name, "Return", '材料不全<img src=x onerror="alert(1)">')
		stored = frappe.db.get_value("Annual Assessment", assessment.name, "return_reason")
		self.assertTrue(stored.startswith("材料不全"))
		self.assertNotIn("onerror", stored)

	def test_a_cadre_cannot_give_a_reason(self):
		user = make_user(["Cadre"]).name
		cadre = make_cadre(self.community, user=user).name
		assessment = make_assessment(cadre, 2025, **COMPETENT, until="Self Assessed")
		frappe.set_user(user)
		with self.assertRaises(frappe.PermissionError):
			set_reason("Annual Assessment", assessment.name, "Return", "自己退回")

	def test_dashboard_cards_refuse_a_cadre_and_scope_a_reviewer(self):
		frappe.set_user(self.cadre_user)
		for method in (dashboard.reserve_pool_in_range, dashboard.at_risk_cadres):
			with self.assertRaises(frappe.PermissionError):
				method()
		# A cadre reads only its own record, so its "coverage" is its own compliance: 0 or 100.
		self.assertIn(dashboard.training_compliance()["value"], (0, 100))
		frappe.set_user("Administrator")
		make_assessment(self.cadre, 2024, **COMPETENT)
		make_assessment(self.cadre, 2025, **FAIL)  # at risk, in our sub-district only
		self.assertGreaterEqual(dashboard.at_risk_cadres()["value"], 1)
		frappe.set_user(self.reviewer)
		self.assertEqual(dashboard.at_risk_cadres()["value"], 0)
		self.assertEqual(dashboard.reserve_pool_in_range()["fieldtype"], "Percent")

	def test_reserve_pool_card_counts_communities_in_one_grouped_query(self):
		from community_gov.query_counter import QueryCounter

		flags = frappe.get_all("Community", pluck="reserve_flag")
		expected = round(sum(1 for flag in flags if not flag) * 100 / len(flags), 1)
		dashboard.reserve_pool_in_range()  # warm the metadata caches
		with QueryCounter() as counter:
			self.assertEqual(dashboard.reserve_pool_in_range()["value"], expected)
		self.assertEqual(counter.count, 1)  # a count per flag, whatever the number of communities

	def test_only_the_organization_department_decides_a_case(self):
		failing = make_cadre(self.community).name
		make_assessment(failing, 2024, **FAIL)
		make_assessment(failing, 2025, **FAIL)
		case = frappe.get_doc("Adjustment Case", {"cadre": failing})
		leader = make_user(["Leadership"]).name
		frappe.set_user(leader)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Adjustment Case", case.name).decide(
				"Retained", "理由", "部务会议纪要1号", today()
			)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Adjustment Case", case.name, "status"), "Proposed")
