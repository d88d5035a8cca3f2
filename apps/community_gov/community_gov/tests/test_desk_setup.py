"""The desk the app's roles land in: setup complete, home page on the workspaces, the app's workspace only,
shortcuts each role may use (community_gov.setup.desk)."""

import frappe
from frappe.boot import add_home_page
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from community_gov.setup.desk import MODULE_PROFILE, complete_desk_setup, sync_module_profile
from community_gov.setup.install import after_migrate
from community_gov.tests.factories import make_user

WORKSPACE = "Community Governance"


def sidebar_of(user: str) -> list[str]:
	frappe.set_user(user)
	try:
		return [page.title for page in get_workspace_sidebar_items()["pages"]]
	finally:
		frappe.set_user("Administrator")


def shortcuts_of(user: str) -> list[str]:
	frappe.set_user(user)
	try:
		page = get_desktop_page(frappe.as_json({"name": WORKSPACE, "title": WORKSPACE, "public": 1}))
		return [item["label"] for item in page["shortcuts"]["items"]]
	finally:
		frappe.set_user("Administrator")


class TestDeskHome(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		complete_desk_setup()

	def test_installed_site_is_set_up_with_the_workspaces_as_home(self):
		after_migrate()
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 1)
		self.assertEqual(frappe.db.get_default("desktop:home_page"), "workspace")

	def test_home_page_left_on_the_setup_wizard_is_moved_to_the_workspaces(self):
		# What the demo site had: setup marked complete, the home page still on Frappe's wizard.
		frappe.db.set_default("desktop:home_page", "setup-wizard")
		complete_desk_setup()
		self.assertEqual(frappe.db.get_default("desktop:home_page"), "workspace")

	def test_setup_left_incomplete_is_completed(self):
		frappe.db.set_single_value("System Settings", "setup_complete", 0)
		frappe.db.set_default("desktop:home_page", "setup-wizard")
		complete_desk_setup()
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 1)
		self.assertEqual(frappe.db.get_default("desktop:home_page"), "workspace")

	def test_each_desk_role_boots_without_the_setup_wizard(self):
		# The desk builds its navbar only when the boot's home page is not the setup wizard.
		for role in ("Organization Department", "Sub District Reviewer", "Leadership"):
			with self.subTest(role=role):
				frappe.set_user(make_user([role]).name)
				bootinfo = frappe._dict()
				add_home_page(bootinfo, [])
				self.assertNotEqual(bootinfo.home_page, "setup-wizard")
				self.assertFalse(bootinfo.get("setup_wizard_requires"))


class TestDeskWorkspaces(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		sync_module_profile()
		# Frappe makes the first user of a fresh site a System Manager: let that be this one.
		make_user(["System Manager"])
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		cls.leader = make_user(["Leadership"]).name

	def test_the_app_roles_see_the_app_workspace_only(self):
		for user in (self.org, self.reviewer, self.leader):
			with self.subTest(user=user):
				self.assertEqual(frappe.db.get_value("User", user, "module_profile"), MODULE_PROFILE)
				self.assertEqual(sidebar_of(user), [WORKSPACE])

	def test_a_user_with_other_roles_keeps_frappes_workspaces(self):
		manager = make_user(["Organization Department", "System Manager"]).name
		self.assertFalse(frappe.db.get_value("User", manager, "module_profile"))
		self.assertIn("Build", sidebar_of(manager))

	def test_the_profile_follows_the_roles(self):
		user = frappe.get_doc("User", make_user(["Leadership"]).name)
		self.assertEqual(user.module_profile, MODULE_PROFILE)
		self.assertTrue(user.block_modules)
		user.add_roles("System Manager")
		self.assertFalse(frappe.db.get_value("User", user.name, "module_profile"))
		self.assertFalse(frappe.get_all("Block Module", filters={"parent": user.name}))
		frappe.get_doc("User", user.name).remove_roles("System Manager")
		self.assertEqual(frappe.db.get_value("User", user.name, "module_profile"), MODULE_PROFILE)
		self.assertEqual(sidebar_of(user.name), [WORKSPACE])

	def test_migrate_gives_the_profile_to_existing_users(self):
		frappe.db.set_value("User", self.leader, "module_profile", None)
		frappe.db.delete("Block Module", {"parent": self.leader})
		frappe.clear_cache(user=self.leader)
		sync_module_profile()
		self.assertTrue(frappe.get_all("Block Module", filters={"parent": self.leader}))
		self.assertEqual(sidebar_of(self.leader), [WORKSPACE])

	def test_import_shortcut_only_for_those_who_may_import(self):
		self.assertIn("Import Cadres", shortcuts_of(self.org))
		for user in (self.reviewer, self.leader):
			with self.subTest(user=user):
				shortcuts = shortcuts_of(user)
				self.assertIn("Cadre", shortcuts)
				self.assertNotIn("Import Cadres", shortcuts)
