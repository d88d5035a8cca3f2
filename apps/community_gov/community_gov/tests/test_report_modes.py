"""A slow run does not turn a report into a background job for everyone: Frappe's automatic switch to a
prepared report is undone (after migrate and hourly) and logged; each report keeps its declared mode."""

import frappe
from frappe.core.doctype.report.report import enable_prepared_report
from frappe.tests.utils import FrappeTestCase

from community_gov.setup.report_modes import declared_modes, restore_report_modes


class TestReportModes(FrappeTestCase):
	def test_every_report_of_the_app_declares_its_mode(self):
		reports = frappe.get_all(
			"Report", filters={"module": "Community Governance", "is_standard": "Yes"}, pluck="name"
		)
		self.assertTrue(reports)
		self.assertEqual(set(declared_modes()), set(reports))
		# None belongs in the background: each reads what was asked for within seconds (bench-reports).
		self.assertEqual(set(declared_modes().values()), {0})

	def test_a_switch_after_a_slow_run_is_undone_and_logged(self):
		enable_prepared_report("Cadre Scorecard")  # what Frappe enqueues after a run of more than 15 s
		self.assertEqual(frappe.db.get_value("Report", "Cadre Scorecard", "prepared_report"), 1)
		logged_before = frappe.db.count(
			"Error Log", {"method": "Prepared report switched back: Cadre Scorecard"}
		)

		self.assertEqual(restore_report_modes(), ["Cadre Scorecard"])

		self.assertEqual(frappe.db.get_value("Report", "Cadre Scorecard", "prepared_report"), 0)
		self.assertEqual(
			frappe.db.count("Error Log", {"method": "Prepared report switched back: Cadre Scorecard"}),
			logged_before + 1,
		)
		self.assertEqual(restore_report_modes(), [])

	def test_it_runs_hourly_and_after_migrate(self):
		hooks = frappe.get_hooks()
		self.assertIn(
			"community_gov.setup.report_modes.restore_report_modes", hooks["scheduler_events"]["hourly"]
		)
