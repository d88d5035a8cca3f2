"""The years the reports open on come from the data: the latest approved assessments, the latest completed
training; a year without any training on record is told apart from a year nobody trained in."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.dates import current_year
from community_gov.report_filters import (
	get_default_years,
	latest_assessment_year,
	latest_training_year,
	training_years,
)
from community_gov.tests.factories import (
	make_assessment,
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)


class TestReportYears(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.cadre = make_cadre(make_community(make_sub_district().name).name).name
		# 2018: a class held (nobody need attend it); 2010: a class planned, then cancelled.
		make_session(make_program(year=2018).name, "2018-06-01 09:00:00", attendees=[{"cadre": cls.cadre}],
			status="Completed")  # fmt: skip
		make_session(make_program(year=2010).name, "2010-06-01 09:00:00").set_status("Cancelled", "场地调整")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_training_years_are_those_with_a_session_not_cancelled(self):
		self.assertEqual(training_years(2009, 2010), set())
		self.assertIn(2018, training_years(2017, 2018))
		self.assertNotIn(2017, training_years(2017, 2017))

	def test_latest_years(self):
		# Nothing can be approved for a later year than the current one.
		make_assessment(self.cadre, current_year())
		self.assertEqual(latest_assessment_year(), current_year())
		self.assertGreaterEqual(latest_training_year(), 2018)
		years = get_default_years()
		self.assertEqual(
			years,
			{
				"assessment_year": current_year(),
				"training_year": latest_training_year(),
				"latest_year": max(current_year(), latest_training_year()),
			},
		)

	def test_default_years_are_for_the_report_roles(self):
		frappe.set_user(make_user(["Leadership"]).name)
		self.assertIn("latest_year", get_default_years())
		frappe.set_user(make_user(["Cadre"]).name)
		self.assertRaises(frappe.PermissionError, get_default_years)
