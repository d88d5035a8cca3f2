"""Adjustment Watchlist on a small data set whose answers are worked out by hand below."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.adjustment_watchlist.adjustment_watchlist import execute
from community_gov.query_counter import QueryCounter
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	add_reviewer,
	decide_case,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)
from community_gov.tests.population import bulk_population

# Years no other test uses, so the cases of these trigger years are this test's alone.
Y1, Y2, Y3 = 2014, 2015, 2016


def case_of(cadre: str) -> str:
	return frappe.db.get_value("Adjustment Case", {"cadre": cadre}, "name")


class TestAdjustmentWatchlist(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b, cls.sd_empty = (make_sub_district().name for _ in range(3))
		make_community(cls.sd_empty)
		community_a, community_b = make_community(cls.sd_a).name, make_community(cls.sd_b).name

		def secretary(community, *years):
			name = make_cadre(community).name
			for year, values in years:
				make_assessment(name, year, **values)
			return name

		# Sub-district A.
		cls.risk_latest = secretary(community_a, (Y2, COMPETENT), (Y3, FAIL))  # at risk, Y3
		cls.risk_older = secretary(community_a, (Y2, FAIL))  # at risk, Y2 (nothing since)
		cls.open = secretary(community_a, (Y2, FAIL), (Y3, FAIL))  # case Y3, Proposed
		cls.under_review = secretary(community_a, (Y1, FAIL), (Y2, FAIL))  # case Y2, Under Review
		cls.adjusted = secretary(community_a, (Y1, FAIL), (Y2, FAIL))  # case Y2, Adjusted
		cls.retained = secretary(community_a, (Y1, FAIL), (Y2, FAIL))  # case Y2, Retained
		cls.passed = secretary(community_a, (Y3, COMPETENT))  # nothing
		# Y3 cancelled: the case is withdrawn and Y2 alone is the latest failed year again (at risk, Y2).
		cls.withdrawn = secretary(community_a, (Y2, FAIL))
		last = make_assessment(cls.withdrawn, Y3, **FAIL)
		# Not covered by the rule or not active: never at risk.
		worker = make_cadre(community_a, position="Community Worker").name
		make_assessment(worker, Y3, **FAIL)
		cls.retired = secretary(community_a, (Y3, FAIL))
		frappe.db.set_value("Cadre", cls.retired, "status", "Retired")
		# Only a draft: approved assessments alone count.
		draft = make_cadre(community_a).name
		make_assessment(draft, Y3, until="Reviewed", **FAIL)

		frappe.get_doc("Adjustment Case", case_of(cls.under_review)).start_review()
		decide_case(case_of(cls.adjusted), "Adjusted")
		decide_case(case_of(cls.retained), "Retained", "整改到位")
		apply_workflow(frappe.get_doc("Annual Assessment", last.name), "Cancel")

		# Sub-district B.
		cls.risk_b = secretary(community_b, (Y3, FAIL))
		cls.open_b = secretary(community_b, (Y2, FAIL), (Y3, FAIL))

		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def by_section(self, **filters):
		columns, rows, _message, chart, summary = execute(filters)
		sections = {}
		for row in rows:
			sections.setdefault(row["section"], []).append(row)
		return sections, rows, columns, chart, summary

	def test_sections_of_a_sub_district(self):
		sections, rows, columns, chart, summary = self.by_section(sub_district=self.sd_a)
		self.assertEqual(list(sections), ["At Risk", "Open Cases", "Decided Cases"])  # in this order
		at_risk = {row["cadre"]: row for row in sections["At Risk"]}
		self.assertEqual(set(at_risk), {self.risk_latest, self.risk_older, self.withdrawn})
		latest = at_risk[self.risk_latest]
		self.assertEqual(
			(latest["year"], latest["grade"], latest["total_score"], latest["satisfaction_rate"]),
			(Y3, "Fail", 50, 50),
		)
		self.assertEqual((at_risk[self.risk_older]["year"], at_risk[self.withdrawn]["year"]), (Y2, Y2))
		self.assertTrue(latest["annual_assessment"])

		open_cases = {row["cadre"]: row for row in sections["Open Cases"]}
		self.assertEqual(set(open_cases), {self.open, self.under_review})
		self.assertEqual((open_cases[self.open]["year"], open_cases[self.open]["status"]), (Y3, "Proposed"))
		self.assertEqual(open_cases[self.under_review]["status"], "Under Review")
		self.assertEqual(open_cases[self.open]["adjustment_case"], case_of(self.open))
		# A case row shows its trigger year's figures as the case recorded them (FAIL: 50, satisfaction 50).
		trigger = open_cases[self.open]
		self.assertEqual(
			(trigger["grade"], trigger["total_score"], trigger["satisfaction_rate"]), ("Fail", 50, 50)
		)
		self.assertEqual(
			trigger["annual_assessment"],
			frappe.db.get_value("Annual Assessment", {"cadre": self.open, "year": Y3, "docstatus": 1}),
		)

		decided = {row["cadre"]: row for row in sections["Decided Cases"]}
		self.assertEqual(set(decided), {self.adjusted, self.retained, self.withdrawn})
		today = frappe.utils.getdate()
		self.assertEqual(
			[(decided[c]["status"], decided[c]["year"], decided[c]["decided_on"]) for c in
				(self.adjusted, self.retained, self.withdrawn)],
			[("Adjusted", Y2, today), ("Retained", Y2, today), ("Withdrawn", Y3, today)],
		)  # fmt: skip
		self.assertEqual(decided[self.retained]["decision_reason"], "整改到位")
		self.assertTrue(decided[self.withdrawn]["decision_reason"])  # the rule's withdrawal reason

		# At risk 3, open 2, adjusted 1, retained 1; one decided year (Y2) with 1 Adjusted and 1 Retained.
		self.assertEqual([item["value"] for item in summary], [3, 2, 1, 1])
		self.assertEqual(chart["data"]["labels"], [str(Y2)])
		self.assertEqual([d["values"] for d in chart["data"]["datasets"]], [[1], [1]])
		self.assertNotIn("stacked", chart["barOptions"])  # a bar each, side by side: not one stacked bar
		self.assertIn("section", [column["fieldname"] for column in columns])
		self.assertNotIn("cadre", [column["fieldname"] for column in columns])  # the name links the cadre
		self.assertEqual(len(rows), 8)

	def test_year_filter(self):
		sections, _rows, _columns, chart, summary = self.by_section(sub_district=self.sd_a, year=Y3)
		self.assertEqual([row["cadre"] for row in sections["At Risk"]], [self.risk_latest])
		self.assertEqual([row["cadre"] for row in sections["Open Cases"]], [self.open])
		self.assertEqual([row["cadre"] for row in sections["Decided Cases"]], [self.withdrawn])
		self.assertEqual([item["value"] for item in summary], [1, 1, 0, 0])
		self.assertIsNone(chart)  # a withdrawal is not a decision on the cadre

		sections, *_rest = self.by_section(sub_district=self.sd_a, year=Y2)
		self.assertEqual({row["cadre"] for row in sections["At Risk"]}, {self.risk_older, self.withdrawn})
		self.assertEqual([row["cadre"] for row in sections["Open Cases"]], [self.under_review])
		self.assertEqual(len(sections["Decided Cases"]), 2)

	def test_section_filter_keeps_the_summary(self):
		for section, expected in (
			("At Risk", {self.risk_latest, self.risk_older, self.withdrawn}),
			("Open Cases", {self.open, self.under_review}),
			("Decided Cases", {self.adjusted, self.retained, self.withdrawn}),
		):
			sections, rows, _columns, _chart, summary = self.by_section(
				sub_district=self.sd_a, section=section
			)
			self.assertEqual(list(sections), [section])
			self.assertEqual({row["cadre"] for row in rows}, expected)
			self.assertEqual([item["value"] for item in summary], [3, 2, 1, 1])
		self.assertRaises(frappe.ValidationError, execute, {"section": "Nonsense"})

	def test_empty_filters_show_every_sub_district(self):
		sections, rows, *_rest = self.by_section()
		at_risk = {row["cadre"] for row in sections["At Risk"]}
		self.assertTrue({self.risk_latest, self.risk_older, self.withdrawn, self.risk_b} <= at_risk)
		self.assertTrue(
			{self.open, self.under_review, self.open_b} <= {r["cadre"] for r in sections["Open Cases"]}
		)
		self.assertTrue({self.sd_a, self.sd_b} <= {row["sub_district"] for row in rows})

	def test_sub_district_without_data(self):
		for sub_district in (self.sd_empty, make_sub_district().name):
			_columns, rows, _message, chart, summary = execute({"sub_district": sub_district})
			self.assertEqual(rows, [])
			self.assertIsNone(chart)
			self.assertEqual([item["value"] for item in summary], [0, 0, 0, 0])

	def test_reviewer_sees_only_own_sub_district(self):
		frappe.set_user(self.reviewer)
		_columns, rows, *_rest = execute({})
		self.assertEqual(len(rows), 8)
		self.assertEqual({row["sub_district"] for row in rows}, {self.sd_a})
		_columns, rows, _message, _chart, summary = execute({"sub_district": self.sd_b})
		self.assertEqual(rows, [])
		self.assertEqual([item["value"] for item in summary], [0, 0, 0, 0])

	def test_cost_does_not_grow_with_rows(self):
		execute({})  # warm the metadata and settings caches
		with QueryCounter() as one:
			execute({"sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({})
		self.assertEqual(one.count, many.count)
		self.assertLessEqual(many.count, 3)
		frappe.set_user(self.reviewer)
		execute({})
		with QueryCounter() as reviewer:
			execute({})
		self.assertLessEqual(reviewer.count, 5)


class TestAdjustmentWatchlistOfOneSubDistrict(FrappeTestCase):
	"""One sub-district reads its cadres, their assessments and its cases through indexes, not the
	district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]
		# Every tenth secretary failed the latest year: at risk.
		assessment = frappe.qb.DocType("Annual Assessment")
		frappe.qb.update(assessment).set(assessment.grade, "Fail").where(
			(assessment.sub_district == cls.sub_district)
			& (assessment.year == 2025)
			& assessment.cadre.like("%0")
		).run()
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sub_district, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_reads_through_indexes(self):
		for user, filters in (
			("Administrator", {"sub_district": self.sub_district}),
			(self.reviewer, {}),
			(self.reviewer, {"sub_district": self.sub_district, "year": 2025}),
		):
			frappe.set_user(user)
			with captured_queries() as queries:
				rows = execute(filters)[1]
			self.assertEqual(len(rows), 4, user)
			assert_uses_index(self, queries, ("Cadre", "Annual Assessment", "Adjustment Case"))
