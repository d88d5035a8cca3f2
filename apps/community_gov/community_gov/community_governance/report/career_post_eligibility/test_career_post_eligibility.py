"""Career Post Eligibility (R7) on a small data set whose answers are worked out by hand below.

Defaults: ≥ 5 years of service, ≥ 3 consecutive Excellent years, age ≤ 45; as on 2026-06-30 unless said.
"""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.career_post_eligibility.career_post_eligibility import execute
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	COMPETENT,
	EXCELLENT,
	add_reviewer,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
	next_id_number,
)
from community_gov.tests.population import bulk_population

AS_ON = "2026-06-30"


def cadre(community, born, started=None, **values):
	return make_cadre(
		community, id_number=next_id_number(birth=born), service_start_date=started, **values
	).name


def excellent(cadre_name, *years, until="Approved"):
	for year in years:
		make_assessment(cadre_name, year, **EXCELLENT, until=until)


class TestCareerPostEligibility(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# The 15% Excellent quota (R3) would need six other assessments per sub-district and year for each
		# Excellent one; it is not what this report is about.
		settings = frappe.get_single("Governance Settings")
		cls.quota = settings.excellent_quota
		settings.excellent_quota = 100
		settings.save()
		cls.addClassCleanup(cls.restore_quota)

		cls.sd_a, cls.sd_b, cls.sd_empty = (make_sub_district().name for _ in range(3))
		a = make_community(cls.sd_a).name
		b = make_community(cls.sd_b).name
		make_community(cls.sd_empty)

		# Eligible: 40 years old, 10 years of service, Excellent 2021-2023 then Competent: the run need not
		# end at the latest year.
		cls.eligible = cadre(a, date(1986, 6, 30), "2016-01-01")
		excellent(cls.eligible, 2021, 2022, 2023)
		make_assessment(cls.eligible, 2024, **COMPETENT)
		# Service short: 2021-07-01 to 2026-06-30 is 4 completed years.
		cls.short_service = cadre(a, date(1990, 1, 1), "2021-07-01")
		excellent(cls.short_service, 2023, 2024, 2025)
		# Excellent short: 2023's Excellent is not approved, so it breaks the run: 2021-2022 and 2024.
		cls.few_excellent = cadre(a, date(1985, 1, 1), "2010-01-01")
		excellent(cls.few_excellent, 2021, 2022, 2024)
		excellent(cls.few_excellent, 2023, until="Reviewed")
		# Over age: born 1980-06-29, 46 on 2026-06-30 (45 until 2026-06-28).
		cls.over_age = cadre(a, date(1980, 6, 29), "2005-01-01")
		excellent(cls.over_age, 2023, 2024, 2025)
		# Exactly on every limit: 45 years old, 5 years of service, 3 Excellent years.
		cls.boundary = cadre(a, date(1981, 6, 30), "2021-06-30")
		excellent(cls.boundary, 2023, 2024, 2025)
		# Fails everything: 56 years old, no service start date, no assessment.
		cls.nothing = cadre(a, date(1970, 1, 1))
		# Not listed by default: another position, and a secretary no longer active.
		cls.deputy = cadre(a, date(1986, 1, 1), "2010-01-01", position="Deputy Secretary")
		cls.retired = cadre(a, date(1986, 1, 1), "2010-01-01", status="Retired")

		# Sub-district B: a secretary who moved from A after Excellent 2022-2023, then Excellent 2024-2025
		# in B: a run of 4 that follows the person.
		cls.moved = cadre(a, date(1990, 3, 1), "2015-03-01")
		excellent(cls.moved, 2022, 2023)
		doc = frappe.get_doc("Cadre", cls.moved)
		doc.community = b
		doc.save()
		excellent(cls.moved, 2024, 2025)

		cls.reviewer_a = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer_a)
		cls.reviewer_b = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_b, cls.reviewer_b)
		cls.leader = make_user(["Leadership"]).name

	@classmethod
	def restore_quota(cls):
		frappe.set_user("Administrator")
		settings = frappe.get_single("Governance Settings")
		settings.excellent_quota = cls.quota
		settings.save()

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, **filters):
		columns, rows, _message, chart, summary = execute({"as_on_date": AS_ON, **filters})
		return {row["cadre"]: row for row in rows}, columns, chart, summary

	def test_conditions_per_cadre(self):
		rows, columns, chart, summary = self.run_report(sub_district=self.sd_a)
		self.assertEqual(
			set(rows),
			{
				self.eligible,
				self.short_service,
				self.few_excellent,
				self.over_age,
				self.boundary,
				self.nothing,
			},
		)

		def figures(name):
			row = rows[name]
			return (row["service_years"], row["excellent_years"], row["age"], row["eligible"])

		self.assertEqual(figures(self.eligible), (10, 3, 40, 1))
		self.assertEqual(rows[self.eligible]["excellent_run"], "2021–2023")
		self.assertEqual(rows[self.eligible]["failures"], "")
		self.assertEqual(figures(self.short_service), (4, 3, 36, 0))
		self.assertEqual(rows[self.short_service]["failures"], "Service 4 years, fewer than 5")
		self.assertEqual(figures(self.few_excellent), (16, 2, 41, 0))
		self.assertEqual(rows[self.few_excellent]["excellent_run"], "2021–2022")
		self.assertEqual(rows[self.few_excellent]["failures"], "2 consecutive Excellent years, fewer than 3")
		self.assertEqual(figures(self.over_age), (21, 3, 46, 0))
		self.assertEqual(rows[self.over_age]["failures"], "Age 46, over 45")
		self.assertEqual(figures(self.boundary), (5, 3, 45, 1))
		self.assertEqual(figures(self.nothing), (None, 0, 56, 0))
		self.assertEqual(rows[self.nothing]["excellent_run"], "")
		self.assertEqual(
			rows[self.nothing]["failures"],
			"No community service start date; 0 consecutive Excellent years, fewer than 3; Age 56, over 45",
		)
		# Checked 6: eligible 2; service fails for 2 (short, nothing), Excellent for 2, age for 2.
		self.assertEqual([item["value"] for item in summary], [6, 2, 2, 2, 2])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 2, 2, 2])
		self.assertIn("failures", [column["fieldname"] for column in columns])

	def test_only_eligible(self):
		rows, _columns, _chart, summary = self.run_report(sub_district=self.sd_a, only_eligible=1)
		self.assertEqual(set(rows), {self.eligible, self.boundary})
		self.assertEqual(summary[0]["value"], 6)  # the summary still counts every cadre checked

	def test_as_on_date_moves_age_service_and_years_counted(self):
		# On 2025-12-31 the over-age secretary is 45 and her Excellent 2023-2025 all count: eligible.
		rows, *_rest = self.run_report(sub_district=self.sd_a, as_on_date="2025-12-31")
		self.assertEqual(
			(
				rows[self.over_age]["age"],
				rows[self.over_age]["excellent_years"],
				rows[self.over_age]["eligible"],
			),
			(45, 3, 1),
		)
		# The boundary secretary has 4 years of service then.
		self.assertEqual((rows[self.boundary]["service_years"], rows[self.boundary]["eligible"]), (4, 0))
		# On 2024-12-31 the 2025 assessment is in the future: 2 Excellent years.
		rows, *_rest = self.run_report(sub_district=self.sd_a, as_on_date="2024-12-31")
		self.assertEqual((rows[self.over_age]["excellent_years"], rows[self.over_age]["eligible"]), (2, 0))

	def test_other_position(self):
		rows, *_rest = self.run_report(sub_district=self.sd_a, position="Deputy Secretary")
		self.assertEqual(set(rows), {self.deputy})
		self.assertEqual((rows[self.deputy]["excellent_years"], rows[self.deputy]["age"]), (0, 40))

	def test_settings_decide(self):
		settings = frappe.get_single("Governance Settings")
		settings.career_max_age = 46
		settings.save()
		try:
			rows, *_rest = self.run_report(sub_district=self.sd_a, only_eligible=1)
			self.assertEqual(set(rows), {self.eligible, self.boundary, self.over_age})
		finally:
			settings.reload()
			settings.career_max_age = 45
			settings.save()

	def test_empty_filters(self):
		columns, rows, _message, chart, summary = execute({})
		names = {row["cadre"] for row in rows}
		self.assertLessEqual({self.eligible, self.boundary, self.moved}, names)
		self.assertNotIn(self.deputy, names)
		self.assertNotIn(self.retired, names)
		self.assertEqual(len(rows), frappe.db.count("Cadre", {"status": "Active", "position": "Secretary"}))

	def test_sub_district_without_cadres(self):
		rows, _columns, chart, summary = self.run_report(sub_district=self.sd_empty)
		self.assertEqual(rows, {})
		self.assertEqual([item["value"] for item in summary], [0, 0, 0, 0, 0])
		rows, *_rest = self.run_report(sub_district=make_sub_district().name)
		self.assertEqual(rows, {})

	def test_reviewer_sees_only_own_sub_district(self):
		frappe.set_user(self.reviewer_a)
		rows, *_rest = self.run_report()
		self.assertTrue(rows)
		self.assertEqual({row["sub_district"] for row in rows.values()}, {self.sd_a})
		self.assertNotIn(self.moved, rows)
		rows, *_rest = self.run_report(sub_district=self.sd_b)
		self.assertEqual(rows, {})

	def test_leadership_sees_the_same_figures(self):
		# A leader may not read the dates of birth, yet gets the ages computed from them.
		expected = self.run_report()[0]
		self.assertEqual(expected[self.eligible]["age"], 40)
		frappe.set_user(self.leader)
		self.assertEqual(self.run_report()[0], expected)

	def test_history_follows_the_person(self):
		# B's reviewer cannot read the 2022-2023 assessments recorded in A, yet they count for the run.
		frappe.set_user(self.reviewer_b)
		rows, *_rest = self.run_report()
		self.assertEqual(set(rows), {self.moved})
		row = rows[self.moved]
		self.assertEqual((row["excellent_years"], row["excellent_run"]), (4, "2022–2025"))
		self.assertEqual((row["service_years"], row["age"], row["eligible"]), (11, 36, 1))

	def test_cost_does_not_grow_with_rows(self):
		from community_gov.query_counter import QueryCounter

		execute({})  # warm the metadata and settings caches
		with QueryCounter() as few:
			execute({"sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({})
		self.assertEqual(few.count, many.count)
		self.assertLessEqual(many.count, 1)


class TestCareerPostEligibilityOfOneSubDistrict(FrappeTestCase):
	"""One sub-district reads its cadres and their assessments through indexes, not the district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sub_district, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_reads_through_indexes(self):
		for user, filters in (
			("Administrator", {"sub_district": self.sub_district}),
			(self.reviewer, {}),
			(self.reviewer, {"sub_district": self.sub_district}),
		):
			frappe.set_user(user)
			with captured_queries() as queries:
				rows = execute(filters)[1]
			self.assertEqual(len(rows), 40, user)
			assert_uses_index(self, queries, ("Cadre", "Annual Assessment"))
