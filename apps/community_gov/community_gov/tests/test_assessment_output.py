"""What people read: the printed forms in Chinese and the personal file on the cadre form."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.doctype.cadre.cadre import get_personal_file
from community_gov.dates import current_year
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
	render_print_format,
)


class TestAssessmentOutput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_community(make_sub_district().name).name
		cls.cadre = make_cadre(cls.community).name
		cls.first = make_assessment(cls.cadre, 2024, **FAIL)
		cls.second = make_assessment(cls.cadre, 2025, **COMPETENT)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def render(self, doctype: str, name: str, print_format: str) -> str:
		return render_print_format(doctype, name, print_format)

	def test_registration_form_prints_in_chinese(self):
		html = self.render("Annual Assessment", self.second.name, "Annual Assessment Registration Form")
		for text in (
			"年度考核登记表",
			"2025年度",
			"个人总结",
			"街道党工委意见",
			"审批机关意见",
			"合格",
			self.second.full_name,
		):
			self.assertIn(text, html)

	def test_agreement_prints_in_chinese(self):
		html = self.render("Target Agreement", self.second.target_agreement, "Target Agreement Form")
		for text in ("年度工作目标责任书", "社会稳定", "一票否决目标", "权重合计"):
			self.assertIn(text, html)

	def test_personal_file_lists_every_approved_year_newest_first(self):
		years = get_personal_file(self.cadre)
		graded = [(year["year"], year["grade"]) for year in years if year["grade"]]
		self.assertEqual(graded, [(2025, "Competent"), (2024, "Fail")])
		listed = [year["year"] for year in years]
		self.assertEqual(listed, sorted(listed, reverse=True))
		# From the first year known of the cadre (no service start here: the first assessment) to this year.
		self.assertEqual(listed[-1], 2024)
		self.assertLessEqual(listed[0], current_year())

	def test_personal_file_of_another_cadre_is_refused(self):
		frappe.set_user(make_user(["Cadre"]).name)
		with self.assertRaises(frappe.PermissionError):
			get_personal_file(self.cadre)

	def test_scorecard_prints_one_cadre_in_chinese(self):
		html = self.render("Cadre", self.cadre, "Cadre Scorecard")
		for text in ("书记计分卡", "社会稳定", "培训达标", self.first.full_name):
			self.assertIn(text, html)
		years = frappe.get_doc("Cadre", self.cadre).scorecard()
		self.assertEqual([row["year"] for row in years][-2:], [2024, 2025])
		self.assertEqual([row["grade"] for row in years][-2:], ["Fail", "Competent"])
