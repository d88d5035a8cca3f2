"""Cadre Scorecard on a small data set whose answers are worked out by hand below."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.doctype.annual_assessment.annual_assessment import (
	recalculate_area_scores,
)
from community_gov.community_governance.report.cadre_scorecard.cadre_scorecard import execute
from community_gov.query_counter import QueryCounter
from community_gov.report_filters import latest_assessment_year, latest_training_year
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_program,
	make_reserve,
	make_session,
	make_sub_district,
	make_user,
)
from community_gov.tests.population import bulk_population


class TestCadreScorecard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		cls.community = make_community(cls.sd_a).name
		cls.secretary = make_cadre(cls.community).name
		cls.other = make_cadre(make_community(cls.sd_b).name).name
		# 2024: target 90% (veto area scored too), satisfaction 80 → total 88, Competent.
		make_assessment(cls.secretary, 2024, target_percent=90, satisfaction=80)
		make_assessment(cls.secretary, 2025, **FAIL)  # total 50
		make_assessment(cls.other, 2025, **FAIL)
		make_assessment(cls.other, 2024, **FAIL)  # two fails: an open case for `other`
		program = make_program(year=2025, is_rotation=1).name
		make_session(
			program, "2025-04-01 09:00:00", hours=4, attendees=[{"cadre": cls.secretary}], status="Completed"
		)
		# 2024 has training on record too (the secretary was not in it): its figures are 0 hours, not met.
		make_session(
			make_program(year=2024).name,
			"2024-04-01 09:00:00",
			attendees=[{"cadre": cls.other}],
			status="Completed",
		)
		make_reserve(make_cadre(cls.community, position="Community Worker").name, mentor=cls.secretary)
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, **filters):
		return {
			(row["cadre"], row["year"]): row
			for row in execute({"from_year": 2024, "to_year": 2025, **filters})[1]
		}

	def test_each_year_of_a_cadre(self):
		rows = self.rows(cadre=self.secretary)
		self.assertEqual(set(rows), {(self.secretary, 2024), (self.secretary, 2025)})
		y2024, y2025 = rows[(self.secretary, 2024)], rows[(self.secretary, 2025)]
		self.assertEqual(
			(y2024["total_score"], y2024["grade"], y2024["satisfaction_rate"]), (88, "Competent", 80)
		)
		self.assertEqual(
			(y2024["social_stability"], y2024["serving_residents"], y2024["party_building"]), (90, 90, 90)
		)
		self.assertEqual((y2025["total_score"], y2025["grade"]), (50, "Fail"))
		self.assertEqual((y2025["training_hours"], y2025["training_compliant"]), (4, 1))
		self.assertEqual((y2024["training_hours"], y2024["training_compliant"]), (0, 0))
		self.assertEqual(y2025["mentees"], 1)
		self.assertEqual(y2025["open_case"], "")
		other = self.rows(cadre=self.other)[(self.other, 2025)]
		self.assertTrue(other["open_case"])

	def test_a_year_without_training_on_record_leaves_training_blank(self):
		# No session of 2012 anywhere: its hours and compliance are unknown, not 0 and "not met".
		row = execute({"cadre": self.secretary, "from_year": 2012, "to_year": 2012})[1][0]
		self.assertEqual((row["training_hours"], row["training_compliant"]), (None, None))

	def test_default_years_end_with_the_latest_assessments_or_training(self):
		last = max(latest_assessment_year(), latest_training_year())
		rows = execute({"cadre": self.secretary})[1]
		self.assertEqual([row["year"] for row in rows], [last - 3, last - 2, last - 1, last])

	def test_one_column_per_person(self):
		columns = [column["fieldname"] for column in execute({"cadre": self.secretary})[0]]
		self.assertEqual(columns[:3], ["full_name", "community", "year"])
		self.assertNotIn("cadre", columns)  # the ID stays in the row, linking the name

	def test_trend_chart_and_summary(self):
		_columns, _rows, _message, chart, summary = execute(
			{"cadre": self.secretary, "from_year": 2024, "to_year": 2025}
		)
		self.assertEqual(chart["data"]["labels"], ["2024", "2025"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [88, 50])
		self.assertEqual([item["value"] for item in summary], [1, 69, 0])

	def test_empty_and_reviewer_scope(self):
		self.assertEqual(self.rows(sub_district=make_sub_district().name), {})
		frappe.set_user(self.reviewer)
		cadres = {cadre for cadre, _year in self.rows()}
		self.assertIn(self.secretary, cadres)
		self.assertNotIn(self.other, cadres)

	def test_cost_does_not_grow_with_rows(self):
		execute({"from_year": 2024, "to_year": 2025})
		with QueryCounter() as few:
			execute({"cadre": self.secretary, "from_year": 2024, "to_year": 2025})
		with QueryCounter() as many:
			execute({"from_year": 2024, "to_year": 2025})
		self.assertEqual(few.count, many.count)
		# cadres with their training and assessments (area scores included), years with training, mentees,
		# open cases, the training settings
		self.assertLessEqual(many.count, 5)

	def test_an_area_without_targets_is_blank_not_zero(self):
		"""Targets in two of the three areas: 45 of 60 and 40 of 40 points; Party Building has none."""
		frappe.set_user("Administrator")
		cadre = make_cadre(self.community).name
		targets = (("Social Stability", "稳定", 60, 0), ("Serving Residents", "服务", 40, 0))
		assessment = make_assessment(cadre, 2025, agreement=make_agreement(cadre, 2025, targets=targets).name)
		self.assertEqual(
			(assessment.social_stability, assessment.serving_residents, assessment.party_building),
			(80, 80, 0),  # the factory scores every target at 80%
		)
		self.assertEqual(assessment.scored_areas, "social_stability,serving_residents")
		frappe.db.set_value(
			"Assessment Score", {"parent": assessment.name, "area": "Social Stability"}, "score", 45
		)
		frappe.db.set_value(
			"Assessment Score", {"parent": assessment.name, "area": "Serving Residents"}, "score", 40
		)
		frappe.db.set_value("Annual Assessment", assessment.name, {"social_stability": 0, "scored_areas": ""})
		# The set-based recalculation (patch, benchmarks) gives what the form's save gives.
		recalculate_area_scores()
		row = self.rows(cadre=cadre)[(cadre, 2025)]
		self.assertEqual(
			(row["social_stability"], row["serving_residents"], row["party_building"]), (75.0, 100.0, None)
		)
		stored = frappe.db.get_value("Annual Assessment", assessment.name, ["scored_areas", "party_building"])
		self.assertEqual(stored, ("social_stability,serving_residents", 0))


class TestCadreScorecardOfOneSubDistrict(FrappeTestCase):
	"""One sub-district's scorecard reads that sub-district's rows through the indexes, not the district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]

	def test_reads_through_indexes(self):
		with captured_queries() as queries:
			rows = execute({"sub_district": self.sub_district, "from_year": 2024, "to_year": 2025})[1]
		self.assertEqual(len(rows), 80)  # 40 secretaries x 2 years
		self.assertEqual({row["training_hours"] for row in rows} - {0}, {6})
		assert_uses_index(self, queries, ("Cadre", "Annual Assessment", "Cadre Training Year"))
