"""The website is the department's: its name, emblem and portal menu; a cadre lands on its personal space."""

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from frappe.utils.password import update_password

from community_gov.setup.website import EMBLEM, set_up_website
from community_gov.tests.factories import make_cadre, make_community, make_sub_district, make_user

PASSWORD = "Website@2026"


def get_as(client, path: str):
	return make_request(
		target=client.get, args=(path,), kwargs={"follow_redirects": False}, site=frappe.local.site
	)


def logged_in_client(user: str):
	client = get_test_client(use_cookies=True)
	response = make_request(
		target=client.post,
		args=("/api/method/login",),
		kwargs={"data": {"usr": user, "pwd": PASSWORD}},
		site=frappe.local.site,
	)
	assert response.status_code == 200, response.text
	return client


class TestDepartmentWebsite(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		community = make_community(make_sub_district().name).name
		cls.cadre_user = make_user(["Cadre"]).name
		make_cadre(community, user=cls.cadre_user)
		cls.desk_user = make_user(["Organization Department"]).name
		for user in (cls.cadre_user, cls.desk_user):
			update_password(user, PASSWORD)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_login_brand_and_menu_are_the_departments(self):
		set_up_website()
		settings = frappe.get_single("Website Settings")
		self.assertEqual(settings.app_logo, EMBLEM)
		self.assertIn(EMBLEM, settings.brand_html)
		self.assertNotEqual(settings.app_name, "Frappe")
		self.assertTrue(settings.disable_signup)
		self.assertEqual(
			[item.label for item in settings.top_bar_items if item.url == "/training"], ["My Training"]
		)
		self.assertFalse(frappe.db.get_single_value("System Settings", "login_with_email_link"))
		set_up_website()  # again: nothing is added twice
		settings = frappe.get_single("Website Settings")
		self.assertEqual(len([item for item in settings.top_bar_items if item.url == "/training"]), 1)

	def test_an_administrators_own_name_is_kept(self):
		settings = frappe.get_single("Website Settings")
		previous = settings.app_name
		frappe.db.set_single_value("Website Settings", "app_name", "某区委组织部")
		try:
			set_up_website()
			self.assertEqual(frappe.db.get_single_value("Website Settings", "app_name"), "某区委组织部")
		finally:
			frappe.db.set_single_value("Website Settings", "app_name", previous)

	def test_the_name_follows_the_system_language(self):
		frappe.db.set_single_value("Website Settings", "app_name", "Frappe")  # as a new site has it
		set_up_website()
		language = frappe.db.get_single_value("System Settings", "language") or "en"
		self.assertEqual(
			frappe.db.get_single_value("Website Settings", "app_name"),
			frappe._("Community Governance", lang=language),
		)

	def test_a_cadre_lands_on_its_personal_space(self):
		from frappe.website.utils import get_home_page

		frappe.set_user(self.cadre_user)
		frappe.cache.hdel("home_page", self.cadre_user)
		self.assertEqual(get_home_page(), "my")

	def test_a_cadre_opening_the_desk_is_sent_to_its_personal_space(self):
		client = logged_in_client(self.cadre_user)
		for path in ("/app", "/app/cadre"):
			response = get_as(client, path)
			self.assertEqual(response.status_code, 303, path)
			self.assertTrue(response.headers["Location"].endswith("/my"), response.headers["Location"])
		# A desk user opens the desk; a guest is still asked to log in.
		self.assertEqual(get_as(logged_in_client(self.desk_user), "/app").status_code, 200)
		guest = get_as(get_test_client(use_cookies=False), "/app")
		self.assertNotEqual(guest.status_code, 303)

	def test_favicon_is_the_emblem(self):
		response = get_as(get_test_client(use_cookies=False), "/favicon.ico")
		self.assertIn(response.status_code, (301, 302))
		self.assertTrue(response.headers["Location"].endswith(EMBLEM))
