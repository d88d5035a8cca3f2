"""Team Structure on a small data set whose answers are worked out by hand below (as on 2026-06-30)."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.team_structure.team_structure import execute
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	add_reviewer,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
	next_id_number,
)
from community_gov.tests.population import bulk_population

AS_ON = "2026-06-30"


def secretary(community, born, male, education, political_status, also_director, appointed=None, **values):
	return make_cadre(
		community,
		id_number=next_id_number(birth=born, male=male),
		education=education,
		political_status=political_status,
		also_director=also_director,
		appointment_date=appointed,
		**values,
	).name


class TestTeamStructure(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b, cls.sd_empty = (make_sub_district().name for _ in range(3))
		a1, a2 = make_community(cls.sd_a).name, make_community(cls.sd_a).name
		b1 = make_community(cls.sd_b).name
		make_community(cls.sd_empty)  # a community, but no cadre

		# Sub-district A, four active secretaries; ages on 2026-06-30 in completed years:
		# born 1990-07-01 -> 35 (birthday the next day), 1980-06-30 -> 46, 1970-01-01 -> 56, 1981-07-01 -> 44.
		# Days in post to 2026-06-30: 2020-06-30 -> 2191, 2024-06-30 -> 730, 2022-12-31 -> 1277, one unknown.
		secretary(a1, date(1990, 7, 1), False, "Postgraduate", "CPC Member", 1, "2020-06-30")
		secretary(a1, date(1980, 6, 30), True, "College", "Probationary Member", 0, "2024-06-30")
		secretary(a2, date(1970, 1, 1), False, "High School", "Masses", 1)
		secretary(a2, date(1981, 7, 1), False, "Technical Secondary", "CPC Member", 1, "2022-12-31")
		# Not counted: another position, and a secretary no longer active.
		secretary(a1, date(1985, 1, 1), True, "College", "CPC Member", 0, position="Deputy Secretary")
		secretary(a2, date(1975, 1, 1), True, "College", "CPC Member", 1, status="Retired")

		# Sub-district B, two active secretaries: born 1995-03-15 -> 31, 1961-12-31 -> 64.
		# Days in post: 2025-06-30 -> 365, 2016-06-30 -> 3652.
		secretary(b1, date(1995, 3, 15), True, "Undergraduate", "CPC Member", 1, "2025-06-30")
		secretary(b1, date(1961, 12, 31), True, "Junior High or Below", "Masses", 0, "2016-06-30")

		# A 29 February birthday, reached on 1 March in common years.
		cls.sd_leap = make_sub_district().name
		secretary(make_community(cls.sd_leap).name, date(1996, 2, 29), True, "College", "Masses", 0)

		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)
		cls.leader = make_user(["Leadership"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def grouped(self, **filters):
		columns, rows, _message, chart, summary = execute(
			{"group_by": "Sub District", "as_on_date": AS_ON, **filters}
		)
		self.assertEqual(rows[-1]["sub_district"], "Total")
		self.assertTrue(rows[-1]["is_total"])
		return {row["sub_district"]: row for row in rows[:-1]}, rows[-1], columns, chart, summary

	def test_sub_district_figures(self):
		rows, total, columns, chart, summary = self.grouped(sub_district=self.sd_a)
		self.assertEqual(list(rows), [self.sd_a])
		row = rows[self.sd_a]
		self.assertEqual({k: v for k, v in total.items() if k not in ("sub_district", "is_total")},
			{k: v for k, v in row.items() if k != "sub_district"})  # fmt: skip
		self.assertEqual((row["cadres"], row["male"], row["female"]), (4, 1, 3))
		# (35 + 46 + 56 + 44) / 4 = 45.25, rounded half up.
		self.assertEqual(row["average_age"], 45.3)
		self.assertEqual(
			(row["age_35_or_under"], row["age_36_to_45"], row["age_46_to_55"], row["age_over_55"]),
			(1, 1, 1, 1),
		)
		self.assertEqual(
			[
				row["education_postgraduate"],
				row["education_undergraduate"],
				row["education_college"],
				row["education_technical_secondary"],
				row["education_high_school"],
				row["education_junior_high_or_below"],
				row["education_not_recorded"],
			],
			[1, 0, 1, 1, 1, 0, 0],
		)
		self.assertEqual((row["college_or_above"], row["college_or_above_percent"]), (2, 50.0))  # 2 of 4
		self.assertEqual(row["party_members"], 3)  # two CPC members and a probationary member
		self.assertEqual((row["also_director"], row["also_director_percent"]), (3, 75.0))  # 3 of 4
		# (2191 + 730 + 1277) / 3 / 365.25 = 3.83 years; the secretary without a date is left out.
		self.assertEqual(row["average_years_in_post"], 3.8)

		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 0, 1, 1, 1, 0])
		self.assertEqual([item["value"] for item in summary], [4, "1 / 3", 45.3, 50.0, 75.0])
		fieldnames = [column["fieldname"] for column in columns]
		self.assertIn("also_director_percent", fieldnames)
		self.assertEqual(len(fieldnames), len(set(fieldnames)))

	def test_ages_move_with_the_date(self):
		# On 2026-07-01 the first secretary of A turns 36 and the fourth 45: (36 + 46 + 56 + 45) / 4 = 45.75.
		rows, total, *_rest = self.grouped(sub_district=self.sd_a, as_on_date="2026-07-01")
		self.assertEqual(total["average_age"], 45.8)
		self.assertEqual(
			(total["age_35_or_under"], total["age_36_to_45"], total["age_46_to_55"], total["age_over_55"]),
			(0, 2, 1, 1),
		)

	def test_a_29_february_birthday(self):
		for as_on, age in (("2026-02-28", 29), ("2026-03-01", 30), ("2028-02-28", 31), ("2028-02-29", 32)):
			_rows, total, *_rest = self.grouped(sub_district=self.sd_leap, as_on_date=as_on)
			self.assertEqual(total["average_age"], age, as_on)

	def test_rows_per_sub_district_and_total(self):
		rows, total, *_rest = self.grouped()
		b = rows[self.sd_b]
		self.assertEqual(
			(b["cadres"], b["male"], b["female"], b["average_age"]), (2, 2, 0, 47.5)
		)  # (31+64)/2
		self.assertEqual((b["age_35_or_under"], b["age_over_55"]), (1, 1))
		self.assertEqual((b["college_or_above_percent"], b["party_members"]), (50.0, 1))
		self.assertEqual((b["also_director"], b["also_director_percent"]), (1, 50.0))
		self.assertEqual(b["average_years_in_post"], 5.5)  # (365 + 3652) / 2 / 365.25 = 5.499
		self.assertNotIn(self.sd_empty, rows)
		# The total row adds up every row, whatever else is on the site.
		self.assertEqual(total["cadres"], sum(row["cadres"] for row in rows.values()))
		self.assertEqual(
			total["cadres"], frappe.db.count("Cadre", {"status": "Active", "position": "Secretary"})
		)

	def test_empty_filters_give_one_total_row(self):
		columns, rows, _message, chart, summary = execute({})
		self.assertEqual(len(rows), 1)
		self.assertEqual(rows[0]["sub_district"], "Total")
		self.assertEqual(
			rows[0]["cadres"], frappe.db.count("Cadre", {"status": "Active", "position": "Secretary"})
		)
		self.assertGreaterEqual(rows[0]["cadres"], 6)

	def test_sub_district_without_cadres(self):
		rows, total, _columns, chart, summary = self.grouped(sub_district=self.sd_empty)
		self.assertEqual(rows, {})
		self.assertEqual((total["cadres"], total["male"], total["average_age"]), (0, 0, None))
		self.assertEqual((total["college_or_above_percent"], total["also_director_percent"]), (None, None))
		self.assertEqual(total["average_years_in_post"], None)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0] * 6)

	def test_other_position(self):
		rows, total, columns, _chart, summary = self.grouped(
			sub_district=self.sd_a, position="Deputy Secretary"
		)
		self.assertEqual(
			(total["cadres"], total["male"], total["average_age"]), (1, 1, 41)
		)  # born 1985-01-01
		self.assertNotIn("also_director", [column["fieldname"] for column in columns])
		self.assertEqual(len(summary), 4)

	def test_reviewer_sees_only_own_sub_district(self):
		frappe.set_user(self.reviewer)
		rows, total, *_rest = self.grouped()
		self.assertEqual(list(rows), [self.sd_a])
		self.assertEqual(total["cadres"], 4)
		rows, total, *_rest = self.grouped(sub_district=self.sd_b)
		self.assertEqual((rows, total["cadres"]), ({}, 0))

	def test_leadership_sees_the_same_figures(self):
		# A leader may not read the dates of birth, yet gets the ages computed from them.
		expected = self.grouped()[:2]
		frappe.set_user(self.leader)
		self.assertEqual(self.grouped()[:2], expected)

	def test_cost_does_not_grow_with_rows(self):
		from community_gov.query_counter import QueryCounter

		execute({"group_by": "Sub District"})  # warm the metadata caches
		with QueryCounter() as few:
			execute({"group_by": "Sub District", "sub_district": self.sd_b})
		with QueryCounter() as many:
			execute({"group_by": "Sub District"})
		self.assertEqual(few.count, many.count)
		self.assertEqual(many.count, 1)  # one grouped query: a row per sub-district, not per cadre


class TestTeamStructureOfOneSubDistrict(FrappeTestCase):
	"""One sub-district's structure reads that sub-district's cadres through an index, not the district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sub_district, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_reads_through_an_index(self):
		for user in ("Administrator", self.reviewer):
			frappe.set_user(user)
			for filters in ({"sub_district": self.sub_district}, {}):
				if user == "Administrator" and not filters:
					continue  # the whole district: every row is wanted
				with captured_queries() as queries:
					rows = execute({"group_by": "Sub District", **filters})[1]
				self.assertEqual([row["cadres"] for row in rows], [40, 40], user)
				assert_uses_index(self, queries, ("Cadre",))
