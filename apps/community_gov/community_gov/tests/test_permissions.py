"""Each role's access: lists, documents, REST and writes agree."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.tests.factories import (
	add_reviewer,
	api_token,
	cadre_values,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
	rest_get,
)


class TestRoleAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a = make_sub_district().name
		cls.sd_b = make_sub_district().name
		cls.community_a = make_community(cls.sd_a).name
		cls.community_b = make_community(cls.sd_b).name
		cls.reviewer_a = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer_a)
		cls.leader = make_user(["Leadership"]).name
		cls.cadre_user = make_user(["Cadre"]).name
		cls.other_cadre_user = make_user(["Cadre"]).name
		cls.cadre_a = make_cadre(cls.community_a, user=cls.cadre_user).name
		cls.cadre_b = make_cadre(cls.community_b, user=cls.other_cadre_user).name
		# REST requests run on their own database connection: they only see committed data.
		cls.tokens = {user: api_token(user) for user in (cls.reviewer_a, cls.leader, cls.cadre_user)}
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible_cadres(self, user: str) -> set[str]:
		frappe.set_user(user)
		names = set(
			frappe.get_list("Cadre", filters={"name": ("in", [self.cadre_a, self.cadre_b])}, pluck="name")
		)
		frappe.set_user("Administrator")
		return names

	def test_reviewer_lists_only_own_sub_district(self):
		self.assertEqual(self.visible_cadres(self.reviewer_a), {self.cadre_a})
		frappe.set_user(self.reviewer_a)
		self.assertEqual(set(frappe.get_list("Sub District", pluck="name")), {self.sd_a})
		communities = set(frappe.get_list("Community", pluck="name"))
		self.assertIn(self.community_a, communities)
		self.assertNotIn(self.community_b, communities)

	def test_reviewer_cannot_read_other_sub_district_cadre(self):
		frappe.set_user(self.reviewer_a)
		self.assertTrue(frappe.get_doc("Cadre", self.cadre_a).has_permission("read"))
		self.assertFalse(frappe.has_permission("Cadre", "read", self.cadre_b))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Cadre", self.cadre_b).check_permission("read")
		self.assertFalse(frappe.has_permission("Community", "read", self.community_b))

	def test_reviewer_rest_access(self):
		token = self.tokens[self.reviewer_a]
		own = rest_get(f"/api/resource/Cadre/{self.cadre_a}", token)
		self.assertEqual(own.status_code, 200, own.text)
		self.assertEqual(own.json["data"]["name"], self.cadre_a)

		other = rest_get(f"/api/resource/Cadre/{self.cadre_b}", token)
		self.assertEqual(other.status_code, 403, other.text)

		listed = rest_get('/api/resource/Cadre?limit_page_length=0&fields=["name","sub_district"]', token)
		self.assertEqual(listed.status_code, 200, listed.text)
		self.assertEqual({row["sub_district"] for row in listed.json["data"]}, {self.sd_a})

	def test_reviewer_writes_only_own_sub_district(self):
		frappe.set_user(self.reviewer_a)
		cadre = frappe.get_doc("Cadre", self.cadre_a)
		cadre.native_place = "山东济南"
		cadre.save()

		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(cadre_values(self.community_b)).insert()

		cadre.community = self.community_b
		with self.assertRaises(frappe.PermissionError):
			cadre.save()

	def test_cadre_reads_only_itself(self):
		self.assertEqual(self.visible_cadres(self.cadre_user), {self.cadre_a})
		frappe.set_user(self.cadre_user)
		self.assertTrue(frappe.has_permission("Cadre", "read", self.cadre_a))
		self.assertFalse(frappe.has_permission("Cadre", "write", self.cadre_a))
		self.assertFalse(frappe.has_permission("Cadre", "read", self.cadre_b))

		token = self.tokens[self.cadre_user]
		self.assertEqual(rest_get(f"/api/resource/Cadre/{self.cadre_a}", token).status_code, 200)
		self.assertEqual(rest_get(f"/api/resource/Cadre/{self.cadre_b}", token).status_code, 403)

	def test_leadership_reads_everything_writes_nothing(self):
		self.assertEqual(self.visible_cadres(self.leader), {self.cadre_a, self.cadre_b})
		frappe.set_user(self.leader)
		self.assertTrue(frappe.has_permission("Cadre", "read", self.cadre_b))
		self.assertFalse(frappe.has_permission("Cadre", "write", self.cadre_b))
		self.assertFalse(frappe.has_permission("Cadre", "create"))
		self.assertFalse(frappe.has_permission("Governance Settings", "write"))
		cadre = frappe.get_doc("Cadre", self.cadre_b)
		cadre.native_place = "北京"
		with self.assertRaises(frappe.PermissionError):
			cadre.save()
		self.assertEqual(
			rest_get(f"/api/resource/Cadre/{self.cadre_b}", self.tokens[self.leader]).status_code, 200
		)

	def test_organization_department_has_full_access(self):
		org = make_user(["Organization Department"]).name
		self.assertEqual(self.visible_cadres(org), {self.cadre_a, self.cadre_b})
		frappe.set_user(org)
		for ptype in ("read", "write", "create", "delete"):
			self.assertTrue(frappe.has_permission("Cadre", ptype, self.cadre_b), ptype)
		self.assertTrue(frappe.has_permission("Governance Settings", "write"))
