"""Who-did-it fields name the user who did it, not the cadre the document is about (community_gov.user_links)."""

import frappe
from frappe.desk.form.load import getdoc
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	decide_case,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)

APP_MODULE = "Community Governance"


def titles_sent_with(doctype: str, name: str, user: str) -> dict[str, str]:
	"""The users' link titles the desk receives with the form, as that user."""
	frappe.set_user(user)
	frappe.local.response = frappe._dict({"docs": []})  # as a request starts
	try:
		getdoc(doctype, name)
		titles = frappe.local.response.get("_link_titles") or {}
		return {key: title for key, title in titles.items() if key.startswith("User::")}
	finally:
		frappe.set_user("Administrator")


class TestUserLinks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name
		cls.reviewer = make_user(["Sub District Reviewer"], first_name="审核员甲").name
		add_reviewer(cls.sub_district, cls.reviewer)
		cls.approver = make_user(["Organization Department"], first_name="组织部乙").name
		cls.leader = make_user(["Leadership"], first_name="领导丙").name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_assessment_names_its_reviewer_and_approver(self):
		cadre = make_cadre(self.community, full_name="张三丰")
		doc = make_assessment(cadre.name, 2024, until="Self Assessed")
		frappe.set_user(self.reviewer)
		doc = apply_workflow(frappe.get_doc("Annual Assessment", doc.name), "Review")
		frappe.set_user(self.approver)
		doc = apply_workflow(frappe.get_doc("Annual Assessment", doc.name), "Approve")
		frappe.set_user("Administrator")
		self.assertEqual((doc.reviewed_by, doc.approved_by), (self.reviewer, self.approver))

		for viewer in (self.leader, self.reviewer, self.approver):
			with self.subTest(viewer=viewer):
				titles = titles_sent_with("Annual Assessment", doc.name, viewer)
				self.assertEqual(titles[f"User::{self.reviewer}"], "审核员甲")
				self.assertEqual(titles[f"User::{self.approver}"], "组织部乙")
				self.assertNotIn("张三丰", titles.values())

	def test_case_names_who_decided(self):
		cadre = make_cadre(self.community, full_name="李四光").name
		make_assessment(cadre, 2024, **FAIL)
		make_assessment(cadre, 2025, **FAIL)
		case = frappe.db.get_value("Adjustment Case", {"cadre": cadre})
		frappe.set_user(self.approver)
		decide_case(case, "Retained", "整改到位")
		titles = titles_sent_with("Adjustment Case", case, self.leader)
		self.assertEqual(titles, {f"User::{self.approver}": "组织部乙"})

	def test_every_user_link_of_the_app_is_on_a_document_that_sends_titles(self):
		"""The class of the bug: a User link on an app document with a `full_name` that is not the user's."""
		doctypes = frappe.get_all("DocType", filters={"module": APP_MODULE}, pluck="name")
		affected = []
		for doctype in doctypes:
			meta = frappe.get_meta(doctype)
			full_name = meta.get_field("full_name")
			for df in meta.get_link_fields():
				if df.options == "User" and full_name and full_name.fetch_from != f"{df.fieldname}.full_name":
					affected.append(f"{doctype}.{df.fieldname}")
		# The ones the issue named are among them; all of them go through the same hook and formatter.
		self.assertIn("Annual Assessment.reviewed_by", affected)
		self.assertIn("Appointment.approved_by", affected)
		hooks = frappe.get_hooks("doc_events")["*"]["onload"]
		self.assertIn("community_gov.user_links.send_user_link_titles", hooks)
