"""Team Structure on a small data set whose answers are worked out by hand below (as on 2026-06-30), and
seed 003's figures from the fixture built for them."""

import json
from datetime import date
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_bench_path, now_datetime

from community_gov.community_governance.report.team_structure.team_structure import execute
from community_gov.constants import COLLEGE_OR_ABOVE
from community_gov.rules.team import team_figures
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
		a1 = make_community(cls.sd_a).name
		a2 = make_community(cls.sd_a, community_type="Village-to-Residential", grid_party_groups=7).name
		b1 = make_community(cls.sd_b, grid_party_groups=5).name
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

	def grouped(self, group_by="Sub District", **filters):
		"""The secretaries (unless another position is given) per sub-district (or other group)."""
		field = {"Community Type": "community_type", "Position": "position"}.get(group_by, "sub_district")
		columns, rows, _message, chart, summary = execute(
			{"group_by": group_by, "as_on_date": AS_ON, "position": "Secretary", **filters}
		)
		self.assertEqual(rows[-1][field], "Total")
		self.assertTrue(rows[-1]["is_total"])
		return {row[field]: row for row in rows[:-1]}, rows[-1], columns, chart, summary

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
		# Two communities, 0 + 7 grid party groups (a community without the figure counts 0).
		self.assertEqual((row["communities"], row["grid_party_groups"]), (2, 7))
		# Every one of them Han (the register's default 民族): no ethnic minority.
		self.assertEqual((row["han"], row["minorities"], row["minority_percent"]), (4, 0, 0.0))
		self.assertEqual([item["value"] for item in summary], [4, "1 / 3", 45.3, 50.0, 75.0, 2, 7, 0.0])
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
		self.assertEqual((b["communities"], b["grid_party_groups"]), (1, 5))
		# A sub-district with communities but no cadre has its row: its communities count.
		self.assertEqual((rows[self.sd_empty]["communities"], rows[self.sd_empty]["cadres"]), (1, 0))
		# The total row adds up every row, whatever else is on the site.
		self.assertEqual(total["cadres"], sum(row["cadres"] for row in rows.values()))
		self.assertEqual(total["communities"], sum(row["communities"] for row in rows.values()))
		self.assertEqual(total["communities"], frappe.db.count("Community"))
		self.assertEqual(
			total["cadres"], frappe.db.count("Cadre", {"status": "Active", "position": "Secretary"})
		)

	def test_empty_filters_give_one_total_row_of_every_position(self):
		columns, rows, _message, chart, summary = execute({})
		self.assertEqual(len(rows), 1)
		self.assertEqual(rows[0]["sub_district"], "Total")
		self.assertEqual(rows[0]["cadres"], frappe.db.count("Cadre", {"status": "Active"}))
		self.assertEqual(
			rows[0]["secretaries"], frappe.db.count("Cadre", {"status": "Active", "position": "Secretary"})
		)
		self.assertGreaterEqual(rows[0]["cadres"], 8)
		self.assertIn("also_director_percent", [column["fieldname"] for column in columns])

	def test_all_positions_at_once(self):
		# A's four secretaries and its deputy secretary (born 1985-01-01 -> 41): (35+46+56+44+41) / 5 = 44.4;
		# college or above: the postgraduate, two College (a secretary, the deputy) = 3 of 5; 一肩挑 stays the
		# secretaries' ratio, 3 of 4.
		rows, total, columns, _chart, summary = self.grouped(sub_district=self.sd_a, position="")
		self.assertEqual((total["cadres"], total["male"], total["average_age"]), (5, 2, 44.4))
		self.assertEqual((total["college_or_above"], total["college_or_above_percent"]), (3, 60.0))
		self.assertEqual((total["secretaries"], total["also_director_percent"]), (4, 75.0))
		self.assertEqual([item["value"] for item in summary], [5, "2 / 3", 44.4, 60.0, 75.0, 2, 7, 0.0])

	def test_per_position(self):
		rows, total, columns, *_rest = self.grouped("Position", sub_district=self.sd_a, position="")
		self.assertEqual(list(rows), ["Secretary", "Deputy Secretary"])  # the DocType's order (labels in zh)
		self.assertEqual((rows["Secretary"]["cadres"], rows["Deputy Secretary"]["cadres"]), (4, 1))
		self.assertEqual(rows["Deputy Secretary"]["average_age"], 41)
		self.assertEqual((rows["Deputy Secretary"]["also_director_percent"]), None)
		# Communities have no position: only the total row counts them.
		self.assertEqual((rows["Secretary"]["communities"], total["communities"]), (None, 2))
		self.assertEqual(columns[0]["fieldname"], "position")

	def test_per_community_type(self):
		# A: the urban community's secretaries are 35 and 46, one also director; the village-turned-residential
		# one's 56 and 44, both also director.
		rows, total, columns, *_rest = self.grouped("Community Type", sub_district=self.sd_a)
		self.assertEqual(list(rows), ["Urban", "Village-to-Residential"])
		urban, village = rows["Urban"], rows["Village-to-Residential"]
		self.assertEqual(
			(urban["cadres"], urban["average_age"], urban["also_director_percent"]), (2, 40.5, 50.0)
		)
		self.assertEqual(
			(village["cadres"], village["average_age"], village["also_director_percent"]), (2, 50.0, 100.0)
		)
		self.assertEqual((urban["communities"], urban["grid_party_groups"]), (1, 0))
		self.assertEqual((village["communities"], village["grid_party_groups"]), (1, 7))
		self.assertEqual((total["cadres"], total["communities"], total["average_age"]), (4, 2, 45.3))
		self.assertEqual(columns[0]["fieldname"], "community_type")

	def test_community_type_filter(self):
		rows, total, *_rest = self.grouped(community_type="Village-to-Residential", sub_district=self.sd_a)
		self.assertEqual(list(rows), [self.sd_a])
		self.assertEqual((total["cadres"], total["communities"], total["grid_party_groups"]), (2, 1, 7))
		rows, total, *_rest = self.grouped(community_type="Village-to-Residential", sub_district=self.sd_b)
		self.assertEqual((rows, total["cadres"], total["communities"]), ({}, 0, 0))

	def test_sub_district_without_cadres(self):
		rows, total, _columns, chart, summary = self.grouped(sub_district=self.sd_empty)
		self.assertEqual(list(rows), [self.sd_empty])
		self.assertEqual((total["communities"], total["grid_party_groups"]), (1, 0))
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
		self.assertEqual(len(summary), 7)  # no 一肩挑 ratio without the secretaries

	def test_reviewer_sees_only_own_sub_district(self):
		frappe.set_user(self.reviewer)
		rows, total, *_rest = self.grouped()
		self.assertEqual(list(rows), [self.sd_a])
		self.assertEqual((total["cadres"], total["communities"]), (4, 2))
		rows, total, *_rest = self.grouped(sub_district=self.sd_b)
		self.assertEqual((rows, total["cadres"], total["communities"]), ({}, 0, 0))
		rows, total, *_rest = self.grouped("Community Type")
		self.assertEqual((total["cadres"], total["communities"]), (4, 2))

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
		# One grouped query over the cadres, one over the communities: a row per group, not per cadre.
		self.assertEqual(many.count, 2)
		for group_by in ("Community Type", "Position", "Ethnicity", "Total"):
			execute({"group_by": group_by, "position": ""})  # warm the Community metadata
			with QueryCounter() as counter:
				execute({"group_by": group_by, "position": ""})
			self.assertEqual(counter.count, 2, group_by)


class TestEthnicMakeUp(FrappeTestCase):
	"""Sub-district E (as on 2026-06-30), all secretaries: 汉族 ×2, 回族, 满族, one with no 民族 recorded; and one
	whose community is not on record (left out of the form's checks by a direct update).

	Han 2, minorities 2 of the 4 with a 民族 recorded: 50%. By community type: 4 urban, 1 "(No Community)"."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd = make_sub_district().name
		community = make_community(cls.sd).name
		for ethnicity in ("汉族", "汉族", "回族", "满族"):
			make_cadre(community, ethnicity=ethnicity)
		unrecorded = make_cadre(community).name
		frappe.db.set_value("Cadre", unrecorded, {"ethnicity": "", "community": None}, update_modified=False)

	def report(self, group_by):
		columns, rows, _message, _chart, summary = execute(
			{"group_by": group_by, "as_on_date": AS_ON, "position": "Secretary", "sub_district": self.sd}
		)
		return rows, columns, {item["label"]: item["value"] for item in summary}

	def test_per_ethnicity(self):
		rows, columns, summary = self.report("Ethnicity")
		# Han first, then the minorities, not recorded last; the total counts everyone once.
		self.assertEqual(
			[(row["ethnicity"], row["cadres"], row["han"], row["minorities"]) for row in rows],
			[
				("汉族", 2, 2, 0),
				("回族", 1, 0, 1),
				("满族", 1, 0, 1),
				("Not Recorded", 1, 0, 0),
				("Total", 5, 2, 2),
			],
		)
		self.assertEqual(rows[-1]["minority_percent"], 50.0)
		self.assertEqual(summary["Ethnic Minority %"], 50.0)
		# Communities have no 民族: only the total row counts them (the one community of E).
		self.assertEqual((rows[0]["communities"], rows[-1]["communities"]), (None, 1))
		self.assertEqual(columns[0]["fieldname"], "ethnicity")

	def test_a_cadre_without_a_community_stays_in_the_groups(self):
		rows, _columns, _summary = self.report("Community Type")
		self.assertEqual(
			[(row["community_type"], row["cadres"]) for row in rows],
			[("Urban", 4), ("(No Community)", 1), ("Total", 5)],
		)
		self.assertEqual(sum(row["cadres"] for row in rows[:-1]), rows[-1]["cadres"])


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
				for group_by in ("Sub District", "Community Type"):
					with captured_queries() as queries:
						rows = execute({"group_by": group_by, "position": "Secretary", **filters})[1]
					self.assertEqual([row["cadres"] for row in rows], [40, 40], user)
					self.assertEqual(rows[-1]["communities"], 2)
					assert_uses_index(self, queries, ("Cadre", "Community"))


class TestSeed003Figures(FrappeTestCase):
	"""Seed 003's figures (93 communities, 483 grid party groups, 一肩挑 94.6%, average age 45, 85% college or
	above) shown by the report from the fixture built for them (tests/unit/fixtures/seed_003_team.json), loaded
	in bulk; a reviewer of the fixture's sub-districts sees exactly its district whatever else is on the site."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		path = Path(get_bench_path()) / "tests" / "unit" / "fixtures" / "seed_003_team.json"
		cls.data = json.loads(path.read_text(encoding="utf-8"))
		cls.as_on = date.fromisoformat(cls.data["as_on_date"])
		for cadre in cls.data["cadres"]:
			cadre["date_of_birth"] = date.fromisoformat(cadre["date_of_birth"])
		load_seed_003(cls.data)
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		for sub_district in cls.data["sub_districts"]:
			add_reviewer(sub_district, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def expected(self, communities):
		names = {c["community_name"] for c in communities}
		cadres = [c for c in self.data["cadres"] if c["community"] in names]
		return team_figures(communities, cadres, self.as_on, COLLEGE_OR_ABOVE)

	def report(self, **filters):
		return execute({"as_on_date": self.data["as_on_date"], "position": "", **filters})

	def assertShows(self, row, figures):
		self.assertEqual(
			(row["communities"], row["grid_party_groups"], row["cadres"], row["average_age"],
				row["college_or_above_percent"], row["secretaries"], row["also_director_percent"]),
			(figures.communities, figures.grid_party_groups, figures.cadres, figures.average_age,
				figures.college_or_above_percent, figures.secretaries, figures.also_director_percent),
		)  # fmt: skip

	def test_the_whole_district(self):
		frappe.set_user(self.reviewer)
		_columns, rows, _message, _chart, summary = self.report(group_by="Community Type")
		total = rows[-1]
		self.assertEqual(
			(total["communities"], total["grid_party_groups"], total["average_age"],
				total["college_or_above_percent"], total["also_director_percent"]),
			(93, 483, 45.0, 85.0, 94.6),
		)  # fmt: skip
		self.assertShows(total, self.expected(self.data["communities"]))
		by_type = {row["community_type"]: row for row in rows[:-1]}
		self.assertEqual(list(by_type), ["Urban", "Village-to-Residential"])
		for community_type, row in by_type.items():
			communities = [c for c in self.data["communities"] if c["community_type"] == community_type]
			self.assertShows(row, self.expected(communities))
		self.assertEqual(by_type["Village-to-Residential"]["communities"], 6)
		values = {item["label"]: item["value"] for item in summary}
		self.assertEqual(
			[values[frappe._(label)] for label in ("Communities", "Grid Party Groups", "Average Age",
				"College or Above %", "Secretary-and-Director Ratio")],
			[93, 483, 45.0, 85.0, 94.6],
		)  # fmt: skip

	def test_one_sub_district_slice(self):
		sub_district = self.data["sub_districts"][3]
		communities = [c for c in self.data["communities"] if c["sub_district"] == sub_district]
		rows = self.report(group_by="Sub District", sub_district=sub_district)[1]
		self.assertEqual([row["sub_district"] for row in rows], [sub_district, "Total"])
		self.assertShows(rows[0], self.expected(communities))
		self.assertShows(rows[-1], self.expected(communities))


def load_seed_003(data: dict) -> None:
	"""The fixture's sub-districts, communities and active cadres, inserted in bulk (rolled back after the
	test class with the rest of its transaction)."""
	now, user = now_datetime(), frappe.session.user
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	frappe.db.bulk_insert(
		"Sub District",
		[*common, "sub_district_name"],
		[(name, now, now, user, user, 0, name) for name in data["sub_districts"]],
	)
	frappe.db.bulk_insert(
		"Community",
		[*common, "community_name", "sub_district", "community_type", "grid_party_groups"],
		[
			(c["community_name"], now, now, user, user, 0, c["community_name"], c["sub_district"],
				c["community_type"], c["grid_party_groups"])
			for c in data["communities"]
		],
	)  # fmt: skip
	sub_district_of = {c["community_name"]: c["sub_district"] for c in data["communities"]}
	frappe.db.bulk_insert(
		"Cadre",
		[*common, "full_name", "id_number", "community", "sub_district", "position", "status", "gender",
			"date_of_birth", "education", "also_director"],
		[
			(f"S003-{index:04d}", now, now, user, user, 0, f"S003-{index:04d}", f"S003{index:014d}", c["community"],
				sub_district_of[c["community"]], c["position"], "Active", c["gender"], c["date_of_birth"],
				c["education"], c.get("also_director", 0))
			for index, c in enumerate(data["cadres"])
		],
	)  # fmt: skip
