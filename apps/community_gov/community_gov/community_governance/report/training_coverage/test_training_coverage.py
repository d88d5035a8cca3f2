"""Training Coverage on a small data set whose answers are worked out by hand below."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from community_gov import dashboard
from community_gov.community_governance.report.training_coverage.training_coverage import execute
from community_gov.query_counter import QueryCounter
from community_gov.report_filters import latest_training_year
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	add_reviewer,
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)
from community_gov.tests.population import bulk_population

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
		# The plan: the district program 2 classes and 10 person-times, the city one 1 class (the default) and
		# no person-times, sub-district A's own program 1 class and 5 person-times.
		district = make_program(year=YEAR, is_rotation=1, planned_sessions=2, planned_person_times=10).name
		city = make_program(level="City", category="General", year=YEAR).name
		own = make_program(level="Sub District", sub_district=cls.sd_a, category="General", year=YEAR,
			planned_person_times=5).name  # fmt: skip
		cls.other_2 = make_cadre(community_b, position="Community Worker").name
		# March (District, Key): A 2 attended of 3 rows. May (City, General): B 1 attended.
		# June (City, General): A 1 attended (the worker), B 2 attended.
		make_session(district, f"{YEAR}-03-05 09:00:00", attendees=[
			{"cadre": cls.attended}, {"cadre": cls.worker}, {"cadre": cls.absent, "status": "Absent"},
		], status="Completed")  # fmt: skip
		make_session(city, f"{YEAR}-05-05 09:00:00", attendees=[{"cadre": cls.other}], status="Completed")
		make_session(city, f"{YEAR}-06-05 09:00:00", attendees=[
			{"cadre": cls.worker}, {"cadre": cls.other}, {"cadre": cls.other_2},
		], status="Completed")  # fmt: skip
		# Scheduled, not held yet: a second district class and A's own class.
		make_session(district, f"{YEAR}-11-05 09:00:00")
		make_session(own, f"{YEAR}-11-12 09:00:00", attendees=[{"cadre": cls.attended}])
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)
		cls.department = make_user(["Organization Department"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def statistics(self, **filters):
		_columns, rows, _message, chart, summary = execute({"year": YEAR, **filters})
		return (
			[(r["level"], r["category"], r["month"], r["classes"], r["person_times"]) for r in rows],
			[item["value"] for item in summary],
			chart["data"]["datasets"][0]["values"],
		)

	def test_statistics_count_classes_and_person_times(self):
		rows, summary, by_month = self.statistics()
		self.assertEqual(
			rows, [("District", "Key", 3, 1, 2), ("City", "General", 5, 1, 1), ("City", "General", 6, 1, 3)]
		)
		self.assertEqual(summary, [3, 6])
		self.assertEqual(by_month, [0, 0, 2, 0, 1, 3, 0, 0, 0, 0, 0, 0])

	def test_statistics_of_one_sub_district_count_its_attendees(self):
		# A: March 2 (the secretary and the worker), June 1 (the worker); May had none of A's cadres.
		rows, summary, by_month = self.statistics(sub_district=self.sd_a)
		self.assertEqual(rows, [("District", "Key", 3, 1, 2), ("City", "General", 6, 1, 1)])
		self.assertEqual(summary, [2, 3])
		self.assertEqual(by_month, [0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0])

	def test_reviewer_sees_its_own_sub_districts_person_times(self):
		frappe.set_user(self.reviewer)
		rows, summary, by_month = self.statistics()
		self.assertEqual(rows, [("District", "Key", 3, 1, 2), ("City", "General", 6, 1, 1)])
		self.assertEqual(summary, [2, 3])
		# Another sub-district's figures are not the reviewer's to see: nothing, not the district's.
		self.assertEqual(self.statistics(sub_district=self.sd_b)[:2], ([], [0, 0]))
		# The workspace chart "Person-Times by Month" runs the report as the desk does.
		result = run("Training Coverage", filters={"view": "Statistics", "year": YEAR}, user=self.reviewer)
		self.assertEqual(result["chart"]["data"]["datasets"][0]["values"], by_month)

	def test_organization_department_sees_the_chosen_sub_district(self):
		frappe.set_user(self.department)
		# B: May 1 (the secretary), June 2 (the secretary and the worker).
		rows, summary, by_month = self.statistics(sub_district=self.sd_b)
		self.assertEqual(rows, [("City", "General", 5, 1, 1), ("City", "General", 6, 1, 2)])
		self.assertEqual(summary, [2, 3])
		self.assertEqual(by_month, [0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0])
		# Without a sub-district: the district's figures.
		self.assertEqual(self.statistics()[1], [3, 6])

	def test_statistics_of_one_position(self):
		# Community workers: A's worker in March and June, B's in June.
		rows, summary, _by_month = self.statistics(position="Community Worker")
		self.assertEqual(rows, [("District", "Key", 3, 1, 1), ("City", "General", 6, 1, 2)])
		self.assertEqual(summary, [2, 3])
		frappe.set_user(self.reviewer)
		rows, summary, _by_month = self.statistics(position="Community Worker")
		self.assertEqual(rows, [("District", "Key", 3, 1, 1), ("City", "General", 6, 1, 1)])
		self.assertEqual(self.statistics(position="Secretary")[1], [1, 1])  # A's secretary in March

	def plan(self, **filters):
		_columns, rows, message, chart, summary = execute({"year": YEAR, "view": "Plan vs Held", **filters})
		self.assertIsNone(message)
		return (
			[
				(r["level"], r["category"], r["planned_classes"], r["held_classes"], r["classes_percent"],
					r["scheduled_classes"], r["planned_person_times"], r["person_times"], r["person_times_percent"])
				for r in rows
			],
			[item["value"] for item in summary],
			chart,
		)  # fmt: skip

	def test_plan_against_held(self):
		rows, summary, chart = self.plan()
		self.assertEqual(
			rows,
			[
				# A's own class: planned, scheduled, not held.
				("Sub District", "General", 1, 0, 0.0, 1, 5, 0, 0.0),
				# 1 of 2 classes held (the other scheduled), 2 of 10 person-times.
				("District", "Key", 2, 1, 50.0, 1, 10, 2, 20.0),
				# Two classes of a program planned with one; no person-times planned (0): no share.
				("City", "General", 1, 2, 200.0, 0, 0, 4, None),
			],
		)
		self.assertEqual(summary, [4, 3, 15, 6])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [5, 10, 0])
		self.assertEqual(chart["data"]["datasets"][1]["values"], [0, 2, 4])
		rows, summary, _chart = self.plan(level="City")
		self.assertEqual(rows, [("City", "General", 1, 2, 200.0, 0, 0, 4, None)])

	def test_plan_of_a_sub_district_is_its_own(self):
		frappe.set_user(self.reviewer)
		expected = [("Sub District", "General", 1, 0, 0.0, 1, 5, 0, 0.0)]
		self.assertEqual(self.plan()[0], expected)
		self.assertEqual(self.plan(sub_district=self.sd_b)[:2], ([], [None, None, None, None]))
		frappe.set_user(self.department)
		self.assertEqual(self.plan(sub_district=self.sd_a)[0], expected)
		self.assertEqual(self.plan(sub_district=self.sd_b)[0], [])

	def test_plan_in_two_queries(self):
		self.plan()
		with QueryCounter() as counter:
			self.plan()
		self.assertEqual(counter.count, 2)  # the programs, the sessions

	def test_a_year_without_training_on_record_is_unknown_not_failed(self):
		# No session of 2013 anywhere: nobody's compliance is known, so nobody is listed as non-compliant.
		_columns, rows, message, _chart, summary = execute(
			{"year": 2013, "view": "Cadre Compliance", "sub_district": self.sd_a}
		)
		self.assertEqual({(row["hours"], row["compliant"]) for row in rows}, {(None, None)})
		self.assertIn("2013", message)
		self.assertEqual([item["value"] for item in summary], [3, None, None])
		_columns, rows, *_rest = execute(
			{"year": 2013, "view": "Non-Compliant Only", "sub_district": self.sd_a}
		)
		self.assertEqual(rows, [])

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

	def test_number_card_shows_the_reports_compliance_rate(self):
		"""The workspace card "Training Compliance" and the report it opens give the same rate for the year the
		report opens on, each within the viewer's access, in a fixed number of queries."""
		frappe.set_user(self.reviewer)
		summary = execute({"year": latest_training_year(), "view": "Cadre Compliance"})[4]
		self.assertEqual(dashboard.training_compliance()["value"], summary[2]["value"])
		frappe.set_user("Administrator")
		with QueryCounter() as counter:
			dashboard.training_compliance()
		self.assertLessEqual(counter.count, 2)  # the latest training year, the cadres' totals

	def test_cost_does_not_grow_with_rows(self):
		execute({"year": YEAR, "view": "Cadre Compliance"})
		with QueryCounter() as few:
			execute({"year": YEAR, "view": "Cadre Compliance", "sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({"year": YEAR, "view": "Cadre Compliance"})
		self.assertEqual(few.count, many.count)
		self.assertLessEqual(many.count, 2)  # the years with training, the cadres with their training


class TestTrainingCoverageOfOneSubDistrict(FrappeTestCase):
	"""One sub-district's figures read that sub-district's rows through the indexes, not the district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]

	def test_compliance_reads_through_indexes(self):
		with captured_queries() as queries:
			rows = execute({"sub_district": self.sub_district, "year": 2025, "view": "Cadre Compliance"})[1]
		self.assertEqual(len(rows), 40)
		self.assertEqual({row["hours"] for row in rows}, {6})
		assert_uses_index(self, queries, ("Cadre", "Cadre Training Year"))

	def test_statistics_read_through_indexes(self):
		for filters in ({}, {"position": "Secretary"}):
			with captured_queries() as queries:
				rows = execute({"sub_district": self.sub_district, "year": 2025, **filters})[1]
			self.assertEqual(sum(row["person_times"] for row in rows), 40)
			assert_uses_index(self, queries, ("Training Attendance", "Cadre"))

	def test_plan_reads_through_indexes(self):
		with captured_queries() as queries:
			rows = execute({"sub_district": self.sub_district, "year": 2025, "view": "Plan vs Held"})[1]
		self.assertEqual(rows, [])  # the population's training is the district's
		assert_uses_index(self, queries, ("Training Program", "Training Session"))
