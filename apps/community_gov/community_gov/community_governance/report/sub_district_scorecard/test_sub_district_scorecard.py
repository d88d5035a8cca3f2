"""Sub District Scorecard on a small data set whose answers are worked out by hand below."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.sub_district_scorecard.sub_district_scorecard import execute
from community_gov.query_counter import QueryCounter
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	add_reviewer,
	make_assessment,
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)
from community_gov.tests.population import bulk_population


class TestSubDistrictScorecard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		community_a, community_b = make_community(cls.sd_a).name, make_community(cls.sd_b).name
		# A: 80 and 50 in 2025 (average 65); B: 80 (average 80) → B ranks first.
		trained = make_cadre(community_a).name
		make_assessment(trained, 2025, **COMPETENT)
		failing = make_cadre(community_a).name
		make_assessment(failing, 2024, **FAIL)
		make_assessment(failing, 2025, **FAIL)  # opens a case in A
		make_assessment(make_cadre(community_b).name, 2025, **COMPETENT)
		# Training 2025: one District rotation class, attended by one of A's two secretaries (R6 met: a
		# centralized class and rotation); nobody of B. Coverage: A 1 of 2 = 50%, B 0 of 1 = 0%.
		make_session(
			make_program(year=2025, is_rotation=1).name,
			"2025-05-06 09:00:00",
			attendees=[{"cadre": trained}],
			status="Completed",
		)
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, **filters):
		_columns, rows, _message, chart, _summary = execute({"year": 2025, **filters})
		return {row["sub_district"]: row for row in rows}, rows, chart

	def test_scores_grades_cases_and_rank(self):
		by_unit, rows, chart = self.rows()
		a, b = by_unit[self.sd_a], by_unit[self.sd_b]
		self.assertEqual((a["assessed"], a["average_score"], a["competent"], a["fail"]), (2, 65, 1, 1))
		self.assertEqual((a["average_satisfaction"], a["open_cases"], a["excellent_quota"]), (65, 1, "0/0"))
		self.assertEqual((b["assessed"], b["average_score"], b["open_cases"]), (1, 80, 0))
		self.assertLess(b["rank"], a["rank"])
		self.assertEqual(a["reserve_in_range"], "0/1")
		labels = chart["data"]["labels"]
		values_2025 = chart["data"]["datasets"][-1]["values"]
		self.assertEqual(values_2025[labels.index(self.sd_a)], 65)
		values_2024 = chart["data"]["datasets"][-2]["values"]
		self.assertEqual(values_2024[labels.index(self.sd_a)], 50)

	def test_training_coverage_of_the_year(self):
		by_unit, _rows, _chart = self.rows()
		self.assertEqual(
			(by_unit[self.sd_a]["training_coverage"], by_unit[self.sd_b]["training_coverage"]), (50, 0)
		)
		# No session of 2011 anywhere: coverage unknown (blank), not 0%.
		_columns, rows, *_rest = execute({"year": 2011, "sub_district": self.sd_a})
		self.assertEqual([row["training_coverage"] for row in rows], [None])

	def test_by_community_and_empty(self):
		_columns, rows, *_rest = execute({"year": 2025, "group_by": "Community", "sub_district": self.sd_b})
		self.assertEqual(len(rows), 1)
		self.assertEqual(rows[0]["average_score"], 80)
		by_unit, rows, _chart = self.rows(sub_district=make_sub_district().name)
		self.assertEqual(rows, [])

	def test_reviewer_sees_only_own_sub_district(self):
		frappe.set_user(self.reviewer)
		by_unit, _rows, _chart = self.rows()
		self.assertEqual(set(by_unit), {self.sd_a})

	def test_cost_does_not_grow_with_rows(self):
		execute({"year": 2025})
		with QueryCounter() as few:
			execute({"year": 2025, "sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({"year": 2025})
		self.assertEqual(few.count, many.count)
		# communities, assessments, years with training, training coverage, open cases
		self.assertLessEqual(many.count, 5)


class TestSubDistrictScorecardOfOneSubDistrict(FrappeTestCase):
	"""One sub-district's scorecard reads that sub-district's rows through the indexes, not the district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]

	def test_reads_through_indexes(self):
		with captured_queries() as queries:
			rows = execute({"sub_district": self.sub_district, "year": 2025})[1]
		# 40 secretaries scored 80, each attending a District rotation class every year: all compliant.
		self.assertEqual(
			[(row["assessed"], row["average_score"], row["training_coverage"]) for row in rows],
			[(40, 80, 100)],
		)
		assert_uses_index(self, queries, ("Cadre", "Annual Assessment", "Cadre Training Year"))
