import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.rules import id_number
from community_gov.tests.factories import (
	cadre_values,
	make_cadre,
	make_community,
	make_sub_district,
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
