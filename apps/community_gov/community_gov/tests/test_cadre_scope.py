"""The cadres a report may show are defined once, and its two forms agree: `report_cadres` (the rows of
`frappe.get_list`, the Cadre list's own access) and `cadre_criterion` (the same set as a query-builder
condition, which reports join instead of carrying province-sized lists of names)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.cadres import cadre_criterion, report_cadres
from community_gov.tests.factories import (
	add_reviewer,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)


class TestCadreScope(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.own, cls.other, cls.second = (make_sub_district().name for _ in range(3))
		own, other, second = (make_community(sd).name for sd in (cls.own, cls.other, cls.second))
		cls.cadres = {
			"own secretary": make_cadre(own).name,
			"own worker": make_cadre(own, position="Community Worker").name,
			"own retired": make_cadre(own, status="Retired").name,
			"second": make_cadre(second).name,
			"other": make_cadre(other).name,
		}
		cls.cadre_user = make_user(["Cadre"]).name
		frappe.db.set_value("Cadre", cls.cadres["other"], "user", cls.cadre_user)
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.own, cls.reviewer)
		add_reviewer(cls.second, cls.reviewer)
		cls.users = {
			"reviewer": cls.reviewer,
			"reviewer of nothing": make_user(["Sub District Reviewer"]).name,
			"organization department": make_user(["Organization Department"]).name,
			"leadership": make_user(["Leadership"]).name,
			"cadre": cls.cadre_user,
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def by_criterion(self, filters: dict, status) -> set[str]:
		cadre = frappe.qb.DocType("Cadre")
		return set(
			frappe.qb.from_(cadre)
			.select(cadre.name)
			.where(cadre_criterion(cadre, filters, status))
			.run(pluck=True)
		)

	def test_both_forms_choose_the_same_cadres_for_every_user_and_filter(self):
		mine = set(self.cadres.values())
		cases = [
			({}, "Active"),
			({}, ("Active", "Retired")),
			({"sub_district": self.own}, "Active"),
			({"sub_district": self.other}, "Active"),
			({"sub_district": [self.own, self.second]}, "Active"),
			({"sub_district": []}, "Active"),
			({"position": "Secretary"}, ("Active", "Retired")),
			({"positions": ["Secretary", "Community Worker"], "sub_district": self.own}, "Active"),
			({"cadre": self.cadres["second"]}, "Active"),
		]
		for label, user in self.users.items():
			frappe.set_user(user)
			for filters, status in cases:
				with self.subTest(user=label, filters=filters, status=status):
					listed = {row.name for row in report_cadres(filters, ["name"], status)}
					self.assertEqual(self.by_criterion(filters, status) & mine, listed & mine)

	def test_a_reviewer_sees_its_sub_districts_only(self):
		frappe.set_user(self.reviewer)
		chosen = self.by_criterion({}, ("Active", "Retired")) & set(self.cadres.values())
		self.assertEqual(
			chosen,
			{self.cadres[key] for key in ("own secretary", "own worker", "own retired", "second")},
		)

	def test_a_user_without_access_to_cadres_is_refused(self):
		frappe.set_user(make_user(["Blogger"]).name)
		with self.assertRaises(frappe.PermissionError):
			self.by_criterion({}, "Active")
