import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.rules import id_number
from community_gov.tests.factories import (
	add_reviewer,
	cadre_values,
	make_assessment,
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
	make_user,
	next_id_number,
)


class TestCadre(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name

	def assert_refused(self, values: dict, *fragments: str):
		doc = frappe.get_doc(cadre_values(self.community, **values))
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.insert(ignore_permissions=True)
		message = str(caught.exception)
		for fragment in fragments:
			self.assertIn(fragment, message)
		self.assertFalse(frappe.db.exists("Cadre", {"full_name": doc.full_name}))

	def test_valid_id_number_fills_birth_date_and_gender(self):
		number = id_number.build("370102", datetime.date(1978, 3, 9), 24)
		cadre = make_cadre(self.community, id_number=number.lower())
		self.assertEqual(cadre.id_number, number)
		self.assertEqual(str(cadre.date_of_birth), "1978-03-09")
		self.assertEqual(cadre.gender, "Female")

	def test_id_number_wrong_length_is_refused_naming_the_value(self):
		self.assert_refused({"id_number": "37010219780309"}, "ID Number", "37010219780309", "18")

	def test_id_number_wrong_check_digit_is_refused(self):
		valid = next_id_number()
		wrong = valid[:17] + ("0" if valid[17] != "0" else "1")
		self.assert_refused({"id_number": wrong}, "ID Number", wrong, "check digit")

	def test_id_number_impossible_birth_date_is_refused(self):
		body = "37010219790231" + "123"
		number = body + id_number.check_character(body)
		self.assert_refused({"id_number": number}, number, "date of birth")

	def test_duplicate_id_number_is_refused(self):
		first = make_cadre(self.community)
		self.assert_refused({"id_number": first.id_number}, first.id_number, first.full_name)

	def test_phone_is_validated_and_normalized(self):
		cadre = make_cadre(self.community, phone="138 1234 5678")
		self.assertEqual(cadre.phone, "13812345678")
		self.assert_refused({"phone": "12345"}, "Mobile Phone", "12345")

	def test_future_dates_are_refused(self):
		self.assert_refused({"appointment_date": "2999-01-01"}, "2999-01-01", "future")

	def test_sub_district_follows_the_community(self):
		cadre = make_cadre(self.community)
		self.assertEqual(cadre.sub_district, self.sub_district)

		other_sub_district = make_sub_district().name
		community = frappe.get_doc("Community", self.community)
		community.sub_district = other_sub_district
		community.save()
		self.assertEqual(frappe.db.get_value("Cadre", cadre.name, "sub_district"), other_sub_district)

		community.sub_district = self.sub_district
		community.save()

	def test_also_director_only_for_secretaries(self):
		cadre = make_cadre(self.community, position="Community Worker", also_director=1)
		self.assertEqual(cadre.also_director, 0)


class TestCadreConnections(FrappeTestCase):
	"""The documents under the form's Connections (cadre_dashboard.py), counted as the user may see them."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		cls.user = make_user(["Cadre"]).name
		cadre = make_cadre(make_community(cls.sd_b).name, user=cls.user)
		make_assessment(cadre.name, 2023)  # with its agreement, made in B
		cadre.reload()
		cadre.community = make_community(cls.sd_a).name
		cadre.save()
		make_assessment(cadre.name, 2024)  # made in A, where the cadre is now
		cls.cadre = cadre.name
		make_session(
			make_program(year=2024).name,
			"2024-04-01 09:00:00",
			attendees=[{"cadre": cls.cadre}],
			status="Completed",
		)
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def counts(self) -> dict[str, int]:
		"""What the form asks for: Frappe's get_open_count as the hooks override it."""
		hooks = frappe.get_hooks("override_whitelisted_methods")
		method = hooks["frappe.desk.notifications.get_open_count"][-1]
		found = frappe.get_attr(method)("Cadre", self.cadre)["count"]["external_links_found"]
		return {link["doctype"]: link["count"] for link in found}

	def test_each_doctype_once_in_a_group(self):
		"""Every record of the app that names a cadre is under Connections, once (a new one cannot be left out)."""
		transactions = frappe.get_meta("Cadre").get_dashboard_data().transactions
		items = [item for group in transactions for item in group["items"]]
		naming_a_cadre = frappe.get_all(
			"DocField",
			filters={"fieldname": "cadre", "fieldtype": "Link", "options": "Cadre", "parenttype": "DocType"},
			pluck="parent",
		)
		app_doctypes = frappe.get_all(
			"DocType",
			filters={"module": "Community Governance", "istable": 0, "name": ("in", naming_a_cadre)},
			pluck="name",
		)
		# Training sessions name their cadres in the attendee rows.
		self.assertEqual(sorted(items), sorted([*app_doctypes, "Training Session"]))
		self.assertIn("Satisfaction Survey", items)

	def test_counts_for_the_organization_department_cover_everything(self):
		counts = self.counts()
		self.assertEqual(counts["Annual Assessment"], 2)
		self.assertEqual(counts["Target Agreement"], 2)
		self.assertEqual(counts["Training Session"], 1)  # through its attendance rows

	def test_reviewer_counts_only_its_own_sub_districts_records(self):
		# Frappe's own counts (frappe.get_all) would show the 2023 records made in B as well.
		frappe.set_user(self.reviewer)
		counts = self.counts()
		self.assertEqual(counts["Annual Assessment"], 1)
		self.assertEqual(counts["Target Agreement"], 1)
		self.assertEqual(
			counts["Annual Assessment"],
			len(frappe.get_list("Annual Assessment", filters={"cadre": self.cadre})),
		)

	def test_cadre_counts_nothing_it_may_not_read(self):
		frappe.set_user(self.user)
		counts = self.counts()
		self.assertEqual(counts["Annual Assessment"], 2)  # its own, wherever made
		self.assertEqual(counts["Adjustment Case"], 0)
		self.assertEqual(counts["Appointment"], 0)
		self.assertEqual(counts["Reserve Candidate"], 0)
