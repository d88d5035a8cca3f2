"""Training Coverage on a small data set whose answers are worked out by hand below."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.training_coverage.training_coverage import execute
from community_gov.query_counter import QueryCounter
from community_gov.tests.factories import (
	add_reviewer,
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)

YEAR = 2019  # a year no other test uses, so the statistics are this test's alone


class TestTrainingCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		community_a, community_b = make_community(cls.sd_a).name, make_community(cls.sd_b).name
		cls.attended = make_cadre(community_a).name
		cls.absent = make_cadre(community_a).name
		cls.worker = make_cadre(community_a, position="Community Worker").name
		cls.other = make_cadre(community_b).name
		district = make_program(year=YEAR, is_rotation=1).name
		city = make_program(level="City", category="General", year=YEAR).name
		# March: 2 attended of 3 rows; May (City, General): 1 attended.
		make_session(district, f"{YEAR}-03-05 09:00:00", attendees=[
			{"cadre": cls.attended}, {"cadre": cls.worker}, {"cadre": cls.absent, "status": "Absent"},
		], status="Completed")  # fmt: skip
		make_session(city, f"{YEAR}-05-05 09:00:00", attendees=[{"cadre": cls.other}], status="Completed")
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_statistics_count_classes_and_person_times(self):
		columns, rows, _message, chart, summary = execute({"year": YEAR})
		self.assertEqual(
			[(r["level"], r["category"], r["month"], r["classes"], r["person_times"]) for r in rows],
			[("District", "Key", 3, 1, 2), ("City", "General", 5, 1, 1)],
		)
		self.assertEqual([item["value"] for item in summary], [2, 3])
		self.assertEqual(chart["data"]["datasets"][0]["values"][2], 2)

	def test_compliance_and_non_compliant_list(self):
		_columns, rows, *_rest = execute(
			{"year": YEAR, "view": "Cadre Compliance", "sub_district": self.sd_a}
		)
		by_cadre = {row["cadre"]: row for row in rows}
		self.assertEqual(set(by_cadre), {self.attended, self.absent, self.worker})
		self.assertEqual(
			(by_cadre[self.attended]["compliant"], by_cadre[self.attended]["central"]), (1, "1/1")
		)
		self.assertEqual(by_cadre[self.absent]["compliant"], 0)
		self.assertEqual(by_cadre[self.worker]["central"], "-")
		_columns, rows, *_rest, summary = execute(
			{"year": YEAR, "view": "Non-Compliant Only", "sub_district": self.sd_a}
		)
		self.assertEqual([row["cadre"] for row in rows], [self.absent])
		self.assertEqual([item["value"] for item in summary], [3, 2, 66.7])

	def test_empty_and_unknown_sub_district(self):
		_columns, rows, *_rest = execute({"year": 2001})
		self.assertEqual(rows, [])
		_columns, rows, *_rest = execute(
			{"year": YEAR, "view": "Cadre Compliance", "sub_district": make_sub_district().name}
		)
		self.assertEqual(rows, [])

	def test_reviewer_sees_only_own_cadres(self):
		frappe.set_user(self.reviewer)
		_columns, rows, *_rest = execute({"year": YEAR, "view": "Cadre Compliance"})
		self.assertEqual({row["sub_district"] for row in rows}, {self.sd_a})

	def test_cost_does_not_grow_with_rows(self):
		execute({"year": YEAR, "view": "Cadre Compliance"})
		with QueryCounter() as few:
			execute({"year": YEAR, "view": "Cadre Compliance", "sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({"year": YEAR, "view": "Cadre Compliance"})
		self.assertEqual(few.count, many.count)
