"""A draft assessment shows no grade until it is scored (its satisfaction alone would compute a Fail)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.tests.factories import make_agreement, make_cadre, make_community, make_sub_district


class TestDraftGrade(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		cadre = make_cadre(make_community(make_sub_district().name).name).name
		self.doc = frappe.get_doc(
			{
				"doctype": "Annual Assessment",
				"cadre": cadre,
				"year": 2017,
				"target_agreement": make_agreement(cadre, 2017).name,
				"satisfaction_rate": 90,
			}
		).insert()

	def test_no_grade_before_any_score(self):
		self.assertTrue(self.doc.scores)  # one row per target, none scored
		self.assertEqual((self.doc.grade, self.doc.calculated_grade), ("", ""))

	def test_the_first_score_gives_the_grade(self):
		# Every target at 90% of its weight: 90 x 0.8 + 90 x 0.2 = 90, Excellent.
		for row in self.doc.scores:
			row.score = row.weight * 0.9
		self.doc.save()
		self.assertEqual((self.doc.total_score, self.doc.grade), (90, "Excellent"))

	def test_a_failed_veto_target_grades_without_scores(self):
		veto = next(row for row in self.doc.scores if row.is_veto)
		veto.veto_failed = 1
		self.doc.save()
		self.assertEqual(self.doc.grade, "Fail")
