"""Commendations: conferring the Top Ten title from the ranking, the honours' kind and year, and the Honours
report, on data whose answers are worked out by hand below.

The ranking: twelve secretaries with one approved assessment each in 2003 (a year no other test uses, and
without training on record, so the composite is 75% total score + 25% satisfaction), satisfaction 80 for all
and target percentages 70, 72, ..., 92: total = 0.8 x target + 16, so secretary i (0..11) ranks 12 - i and
the top ten are secretaries 2..11; 0 and 1 are outside it.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.assessment.commendations import confer_top_ten
from community_gov.community_governance.report.honours.honours import execute as honours_report
from community_gov.exceptions import HonourReservedError, NotInTopTenError
from community_gov.patches.v1 import set_cadre_honour_kind_and_year, set_party_worker_kind_and_top_ten_years
from community_gov.query_counter import QueryCounter
from community_gov.rules.honours import (
	CPPCC,
	ELECTED,
	OTHER,
	OUTSTANDING_PARTY_MEMBER,
	OUTSTANDING_PARTY_WORKER,
	PARTY_CONGRESS,
	PEOPLES_CONGRESS,
	RECOMMENDED,
	ROLE_MODEL,
	TOP_TEN_SECRETARY,
	TWO_REPRESENTATIVES,
)
from community_gov.tests.factories import (
	add_reviewer,
	api_token,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)
from community_gov.tests.test_security import rest

YEAR = 2003
BODY = "中共测试区委"
AWARDED_ON = "2004-02-26"


def top_ten_honours(cadres) -> list[frappe._dict]:
	return frappe.get_all(
		"Cadre Honour",
		filters={
			"parent": ("in", list(cadres)),
			"parenttype": "Cadre",
			"kind": TOP_TEN_SECRETARY,
			"year": YEAR,
		},
		fields=["parent", "honour", "level", "year", "awarded_on", "awarding_body", "reference"],
	)


class TestConferTopTen(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b = make_sub_district().name, make_sub_district().name
		communities = (make_community(cls.sd_a).name, make_community(cls.sd_b).name)
		cls.secretaries = []
		for i in range(12):
			name = make_cadre(communities[i % 2]).name
			make_assessment(name, YEAR, target_percent=70 + 2 * i, satisfaction=80)
			cls.secretaries.append(name)
		cls.top_ten = cls.secretaries[2:]
		cls.outside = cls.secretaries[:2]
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)
		cls.leader = make_user(["Leadership"]).name

	def setUp(self):
		frappe.db.savepoint("commendations")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="commendations")

	def confer(self, user=None, **values):
		frappe.set_user(user or self.org)
		try:
			return confer_top_ten(YEAR, BODY, AWARDED_ON, **values)
		finally:
			frappe.set_user("Administrator")

	def test_confers_on_exactly_the_ten_ranked_and_once(self):
		result = self.confer(reference="区委〔2004〕1号")
		# In rank order: secretary 11 first.
		self.assertEqual([row["cadre"] for row in result["conferred"]], self.top_ten[::-1])
		self.assertEqual(result["already_conferred"], [])
		rows = top_ten_honours(self.secretaries)
		self.assertEqual(sorted(row.parent for row in rows), sorted(self.top_ten))
		self.assertEqual(
			{
				(row.honour, row.level, row.year, str(row.awarded_on), row.awarding_body, row.reference)
				for row in rows
			},
			{("十佳社区党组织书记", "District", YEAR, AWARDED_ON, BODY, "区委〔2004〕1号")},
		)
		# Written through the cadre's save, as the caller.
		self.assertEqual(frappe.db.get_value("Cadre", self.top_ten[0], "modified_by"), self.org)

		again = self.confer()
		self.assertEqual(again["conferred"], [])
		self.assertEqual([row["cadre"] for row in again["already_conferred"]], self.top_ten[::-1])
		self.assertEqual(len(top_ten_honours(self.secretaries)), 10)

	def test_confers_on_some_of_the_ten(self):
		result = self.confer(cadres=[self.top_ten[3], self.top_ten[0]])
		self.assertEqual([row["cadre"] for row in result["conferred"]], [self.top_ten[3], self.top_ten[0]])
		self.assertEqual(
			sorted(row.parent for row in top_ten_honours(self.secretaries)), sorted(result_names(result))
		)

	def test_an_honour_entered_by_hand_counts_as_conferred(self):
		doc = frappe.get_doc("Cadre", self.top_ten[5])
		doc.append("honours", {"honour": "十佳社区党组织书记", "level": "District", "year": YEAR})
		doc.save()
		self.assertEqual(doc.honours[-1].kind, TOP_TEN_SECRETARY)  # from the title
		result = self.confer()
		self.assertEqual([row["cadre"] for row in result["already_conferred"]], [self.top_ten[5]])
		self.assertEqual(len(result["conferred"]), 9)
		self.assertEqual(len(top_ten_honours(self.secretaries)), 10)

	def test_only_the_organization_department_confers(self):
		for user in (self.reviewer, self.leader, make_user(["Cadre"]).name):
			with self.assertRaises(frappe.PermissionError, msg=user):
				self.confer(user)
		self.assertEqual(top_ten_honours(self.secretaries), [])

	def test_a_cadre_outside_the_ranking_is_refused_by_name(self):
		outside_name = frappe.db.get_value("Cadre", self.outside[1], "full_name")
		with self.assertRaises(NotInTopTenError) as refused:
			self.confer(cadres=[self.top_ten[0], self.outside[1], "CAD-NOT-THERE"])
		message = str(refused.exception)
		self.assertIn(outside_name, message)
		self.assertIn("CAD-NOT-THERE", message)
		self.assertNotIn(frappe.db.get_value("Cadre", self.top_ten[0], "full_name"), message)
		self.assertEqual(top_ten_honours(self.secretaries), [])

	def test_award_date_and_body_are_checked(self):
		for values in ({"awarded_on": "2002-12-31"}, {"awarded_on": "2999-01-01"}):
			frappe.set_user(self.org)
			with self.assertRaises(frappe.ValidationError, msg=values):
				confer_top_ten(YEAR, BODY, **values)
		frappe.set_user(self.org)
		with self.assertRaises(frappe.ValidationError):
			confer_top_ten(YEAR, "  ", AWARDED_ON)
		with self.assertRaises(NotInTopTenError):  # nobody is ranked in 2001
			confer_top_ten(2001, BODY, AWARDED_ON)
		frappe.set_user("Administrator")
		self.assertEqual(top_ten_honours(self.secretaries), [])


def result_names(result) -> list[str]:
	return [row["cadre"] for row in result["conferred"]]


class TestCadreHonour(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_community(make_sub_district().name).name

	def setUp(self):
		frappe.db.savepoint("honours")

	def tearDown(self):
		frappe.db.rollback(save_point="honours")

	def test_kind_from_the_title_and_year_from_the_award_date(self):
		cadre = make_cadre(
			self.community,
			honours=[
				{"honour": "优秀共产党员", "awarded_on": "2021-06-28"},
				{"honour": "优秀党务工作者", "awarded_on": "2021-06-28"},
				{"honour": "身边好党员", "kind": ROLE_MODEL, "year": 2020, "awarded_on": "2021-01-05"},
				{"honour": "先进工作者"},
			],
		)
		self.assertEqual(
			[(row.kind, row.year) for row in cadre.honours],
			[
				(OUTSTANDING_PARTY_MEMBER, 2021),
				(OUTSTANDING_PARTY_WORKER, 2021),
				(ROLE_MODEL, 2020),
				(OTHER, 0),
			],
		)

	def test_a_top_ten_title_awarded_early_in_the_year_is_for_the_year_before(self):
		cadre = make_cadre(
			self.community,
			honours=[
				{"honour": "十佳社区党组织书记", "level": "District", "awarded_on": "2024-02-26"},
				{"honour": "十佳社区党组织书记", "level": "District", "awarded_on": "2022-12-28"},
				{
					"honour": "十佳社区党组织书记",
					"level": "District",
					"year": 2024,
					"awarded_on": "2024-03-01",
				},
				{"honour": "优秀共产党员", "level": "District", "awarded_on": "2024-02-26"},
			],
		)
		# February: the title of 2023; December: of its own year; a year given stays; other kinds: the award's.
		self.assertEqual([row.year for row in cadre.honours], [2023, 2022, 2024, 2024])

	def test_a_recommendation_records_what_for_and_its_result(self):
		cadre = make_cadre(
			self.community,
			honours=[
				{"honour": "推荐为洛阳市党代会代表", "kind": TWO_REPRESENTATIVES, "level": "City",
					"awarded_on": "2016-06-20", "outcome": ELECTED},
				{"honour": "推荐为X区政协委员", "kind": TWO_REPRESENTATIVES, "level": "District",
					"awarded_on": "2021-12-20"},
				{"honour": "省级推荐", "kind": TWO_REPRESENTATIVES, "level": "Province",
					"representative_post": PEOPLES_CONGRESS, "awarded_on": "2022-12-30"},
				{"honour": "优秀共产党员", "outcome": ELECTED, "representative_post": CPPCC},
			],
		)  # fmt: skip
		self.assertEqual(
			[(row.representative_post, row.outcome) for row in cadre.honours],
			[(PARTY_CONGRESS, ELECTED), (CPPCC, RECOMMENDED), (PEOPLES_CONGRESS, RECOMMENDED), (None, None)],
		)
		# Elected, but to what the title does not say and nobody entered: refused, naming the honour.
		with self.assertRaises(frappe.ValidationError) as refused:
			make_cadre(
				self.community,
				honours=[{"honour": "省级推荐", "kind": TWO_REPRESENTATIVES, "level": "Province",
					"awarded_on": "2022-12-30", "outcome": ELECTED}],
			)  # fmt: skip
		self.assertIn("省级推荐", str(refused.exception))

	def test_year_after_the_award_or_award_in_the_future_is_refused(self):
		for honour in (
			{"honour": "优秀共产党员", "year": 2022, "awarded_on": "2021-06-28"},
			{"honour": "优秀共产党员", "awarded_on": "2999-06-28"},
			{"honour": "优秀共产党员", "year": 1900},
		):
			with self.assertRaises(frappe.ValidationError, msg=honour):
				make_cadre(self.community, honours=[honour])

	def test_patch_sets_kind_and_year_of_older_honours(self):
		cadre = make_cadre(
			self.community,
			honours=[
				{"honour": "十佳社区党组织书记", "awarded_on": "2019-02-26"},
				{"honour": "三八红旗手", "awarded_on": "2018-03-06"},
				{"honour": "先进工作者"},
			],
		)
		for row in cadre.honours:
			frappe.db.set_value("Cadre Honour", row.name, {"kind": "", "year": 0})
		set_cadre_honour_kind_and_year.execute()
		rows = frappe.get_all(
			"Cadre Honour", filters={"parent": cadre.name}, fields=["honour", "kind", "year"], order_by="idx"
		)
		# The Top Ten awarded in February is for the year before.
		self.assertEqual(
			[(row.kind, row.year) for row in rows], [(TOP_TEN_SECRETARY, 2018), (OTHER, 2018), (OTHER, 0)]
		)

	def test_patch_corrects_party_workers_and_top_ten_years(self):
		cadre = make_cadre(
			self.community,
			honours=[
				{"honour": "优秀党务工作者", "kind": OTHER, "level": "District", "awarded_on": "2019-06-28"},
				{
					"honour": "十佳社区党组织书记",
					"level": "District",
					"year": 2019,
					"awarded_on": "2019-02-26",
				},
				{
					"honour": "十佳社区党组织书记",
					"level": "District",
					"year": 2020,
					"awarded_on": "2021-02-26",
				},
				{
					"honour": "十佳社区党组织书记",
					"level": "District",
					"year": 2021,
					"awarded_on": "2021-12-28",
				},
			],
		)
		set_party_worker_kind_and_top_ten_years.execute()
		set_party_worker_kind_and_top_ten_years.execute()  # once is all it does
		rows = frappe.get_all(
			"Cadre Honour", filters={"parent": cadre.name}, fields=["kind", "year"], order_by="idx"
		)
		# The February title dated by its award moves to 2018; one with the ranking's year and one awarded in
		# December stay.
		self.assertEqual(
			[(row.kind, row.year) for row in rows],
			[
				(OUTSTANDING_PARTY_WORKER, 2019),
				(TOP_TEN_SECRETARY, 2018),
				(TOP_TEN_SECRETARY, 2020),
				(TOP_TEN_SECRETARY, 2021),
			],
		)


class TestHonoursReport(FrappeTestCase):
	"""Sub-district C: four cadres, seven honours; sub-district D: one cadre, one honour.

	c1: 优秀共产党员 District 2019, 十佳 District 2018 (awarded 2019-02-26)
	c2: 先进典型 (Role Model) City 2020, 省人大代表推荐 (Two Representatives) Province 2021
	c3 (retired): 优秀党务工作者 (Outstanding Party Worker) District 2016, 身边好党员 (Role Model) Sub District 2017
	c5: 先进工作者 (Other), no level, no year
	d1: 优秀共产党员 City 2020
	e1 (sub-district E): 推荐为洛阳市党代会代表 City 2016, elected; 推荐为X区人大代表 District 2021, recommended;
	    优秀共产党员 District 1986 (awarded 1986-07-01)

	C: 7 honours, 4 cadres, role models c1, c2, c3 = 3. C from 2017: 5 honours (the 2016 one and the one
	without a year out), 3 cadres, 3 role models. E: 2 recommendations, 1 elected.
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_c, cls.sd_d = make_sub_district().name, make_sub_district().name
		community_c, community_d = make_community(cls.sd_c).name, make_community(cls.sd_d).name
		cls.c1 = make_cadre(community_c, honours=[
			{"honour": "优秀共产党员", "level": "District", "awarded_on": "2019-06-28", "awarding_body": "中共X区委"},
			{"honour": "十佳社区党组织书记", "level": "District", "year": 2018, "awarded_on": "2019-02-26"},
		]).name  # fmt: skip
		cls.c2 = make_cadre(community_c, honours=[
			{"honour": "先进典型", "level": "City", "awarded_on": "2020-05-04"},
			{"honour": "省人大代表推荐", "kind": TWO_REPRESENTATIVES, "level": "Province", "awarded_on": "2021-01-10",
				"reference": "鲁人大〔2021〕2号"},
		]).name  # fmt: skip
		cls.c3 = make_cadre(community_c, honours=[
			{"honour": "优秀党务工作者", "level": "District", "awarded_on": "2016-06-28"},
			{"honour": "身边好党员", "kind": ROLE_MODEL, "level": "Sub District", "awarded_on": "2017-07-01"},
		]).name  # fmt: skip
		frappe.db.set_value("Cadre", cls.c3, "status", "Retired")
		cls.c5 = make_cadre(community_c, honours=[{"honour": "先进工作者"}]).name
		make_cadre(
			community_d, honours=[{"honour": "优秀共产党员", "level": "City", "awarded_on": "2020-06-30"}]
		)
		cls.sd_e = make_sub_district().name
		make_cadre(make_community(cls.sd_e).name, honours=[
			{"honour": "推荐为洛阳市党代会代表", "kind": TWO_REPRESENTATIVES, "level": "City",
				"awarded_on": "2016-06-20", "outcome": ELECTED},
			{"honour": "推荐为X区人大代表", "kind": TWO_REPRESENTATIVES, "level": "District",
				"awarded_on": "2021-11-15"},
			{"honour": "优秀共产党员", "level": "District", "awarded_on": "1986-07-01"},
		])  # fmt: skip
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_c, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, **filters):
		columns, data, message, chart, summary = honours_report(filters)
		return data, chart, {item["label"]: item["value"] for item in summary}

	def test_counts_by_year_level_and_kind(self):
		data, chart, summary = self.run_report(sub_district=self.sd_c, from_year=2017)
		self.assertEqual(
			[(row["year"], row["level"], row["kind"], row["honours"], row["cadres"]) for row in data],
			[
				(2021, "Province", TWO_REPRESENTATIVES, 1, 1),
				(2020, "City", ROLE_MODEL, 1, 1),
				(2019, "District", OUTSTANDING_PARTY_MEMBER, 1, 1),
				(2018, "District", TOP_TEN_SECRETARY, 1, 1),
				(2017, "Sub District", ROLE_MODEL, 1, 1),
			],
		)
		self.assertEqual(summary["Honours"], 5)
		self.assertEqual(summary["Cadres Honoured"], 3)
		self.assertEqual(summary["Role Models (Cadres)"], 3)
		self.assertEqual(summary[ROLE_MODEL], 2)
		self.assertEqual(summary[TWO_REPRESENTATIVES], 1)
		self.assertEqual(chart["data"]["labels"], ["2017", "2018", "2019", "2020", "2021"])
		by_kind = {dataset["name"]: dataset["values"] for dataset in chart["data"]["datasets"]}
		self.assertEqual(by_kind[ROLE_MODEL], [1, 0, 0, 1, 0])
		self.assertNotIn(OTHER, by_kind)  # no honour of that kind in these years

	def test_every_year_includes_the_honour_without_a_year(self):
		data, _chart, summary = self.run_report(sub_district=self.sd_c)
		self.assertEqual(
			(summary["Honours"], summary["Cadres Honoured"], summary["Role Models (Cadres)"]), (7, 4, 3)
		)
		self.assertEqual(sum(row["honours"] for row in data if row["kind"] == OTHER), 1)
		self.assertEqual((data[-1]["year"], data[-1]["kind"], data[-1]["honours"]), (None, OTHER, 1))

	def test_kind_and_level_filters(self):
		data, _chart, _summary = self.run_report(sub_district=self.sd_c, kind=ROLE_MODEL)
		self.assertEqual([row["year"] for row in data], [2020, 2017])
		data, _chart, _summary = self.run_report(sub_district=self.sd_c, level="District", to_year=2019)
		self.assertEqual([(row["year"], row["kind"]) for row in data], [(2019, OUTSTANDING_PARTY_MEMBER),
			(2018, TOP_TEN_SECRETARY), (2016, OUTSTANDING_PARTY_WORKER)])  # fmt: skip

	def test_recommendations_and_elected_counted_apart(self):
		data, _chart, summary = self.run_report(sub_district=self.sd_e, kind=TWO_REPRESENTATIVES)
		self.assertEqual(
			[(row["year"], row["level"], row["honours"], row["elected"]) for row in data],
			[(2021, "District", 1, 0), (2016, "City", 1, 1)],
		)
		self.assertEqual((summary[TWO_REPRESENTATIVES], summary["Elected as Deputies or Members"]), (2, 1))
		data, _chart, _summary = self.run_report(
			sub_district=self.sd_e, view="Detail", from_year=2016, to_year=2016
		)
		self.assertEqual(
			[(row["honour"], row["representative_post"], row["outcome"]) for row in data],
			[("推荐为洛阳市党代会代表", PARTY_CONGRESS, ELECTED)],
		)

	def test_the_years_are_those_an_honour_can_have(self):
		# As the form takes them: from 1950 (the 1986 title counts) to this year.
		_data, _chart, summary = self.run_report(sub_district=self.sd_e, from_year=1950, to_year=1990)
		self.assertEqual(summary["Honours"], 1)
		for filters in ({"from_year": 1949}, {"to_year": frappe.utils.getdate().year + 1}):
			with self.assertRaises(frappe.ValidationError, msg=filters) as refused:
				honours_report(filters)
			self.assertIn("1950", str(refused.exception))

	def test_detail_view_lists_each_honour(self):
		data, _chart, _summary = self.run_report(sub_district=self.sd_c, from_year=2020, view="Detail")
		self.assertEqual(
			[
				(row["year"], row["cadre"], row["honour"], row["kind"], row["level"], row["reference"])
				for row in data
			],
			[
				(2021, self.c2, "省人大代表推荐", TWO_REPRESENTATIVES, "Province", "鲁人大〔2021〕2号"),
				(2020, self.c2, "先进典型", ROLE_MODEL, "City", None),
			],
		)
		self.assertEqual(data[0]["full_name"], frappe.db.get_value("Cadre", self.c2, "full_name"))
		self.assertEqual(data[0]["sub_district"], self.sd_c)

	def test_reviewer_sees_its_sub_districts_only(self):
		frappe.set_user(self.reviewer)
		_data, _chart, summary = self.run_report()
		self.assertEqual((summary["Honours"], summary["Cadres Honoured"]), (7, 4))
		_data, _chart, summary = self.run_report(sub_district=self.sd_d)
		self.assertEqual(summary["Honours"], 0)
		data, _chart, _summary = self.run_report(view="Detail")
		self.assertEqual({row["sub_district"] for row in data}, {self.sd_c})

	def test_sub_district_filter(self):
		_data, _chart, summary = self.run_report(sub_district=self.sd_d)
		self.assertEqual(
			(summary["Honours"], summary[OUTSTANDING_PARTY_MEMBER], summary["Role Models (Cadres)"]),
			(1, 1, 1),
		)

	def test_bad_filters_are_refused(self):
		for filters in (
			{"from_year": 2020, "to_year": 2019},
			{"kind": "Hero"},
			{"level": "Galaxy"},
			{"from_year": "x"},
		):
			with self.assertRaises(frappe.ValidationError, msg=filters):
				honours_report(filters)

	def test_one_query_whatever_the_number_of_honours(self):
		honours_report({})  # warm the metadata caches
		with QueryCounter() as one:
			honours_report({"sub_district": self.sd_d})
		with QueryCounter() as all_of_them:
			honours_report({"view": "Detail"})
		self.assertEqual(one.count, all_of_them.count)
		self.assertLessEqual(all_of_them.count, 1)


class TestWhoRecordsHonours(FrappeTestCase):
	"""A reviewer records its cadres' Sub District honours; district titles and above, honours without a level
	and Top Ten titles are the Organization Department's to add, change or remove, through the form and REST
	alike (rules.honours.reserved_changes)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		sub_district = make_sub_district().name
		cls.community = make_community(sub_district).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(sub_district, cls.reviewer)
		cls.org = make_user(["Organization Department"]).name
		cls.token = api_token(cls.reviewer)
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		# Conferred by the department: the Top Ten of 2024; recorded by the sub-district: a 先进典型.
		self.cadre = make_cadre(
			self.community,
			honours=[
				{"honour": "十佳社区党组织书记", "level": "District", "year": 2024, "awarded_on": "2025-02-26",
					"awarding_body": "中共X区委", "reference": "X区委〔2025〕5号"},
				{"honour": "党员风采墙先进典型", "kind": ROLE_MODEL, "level": "Sub District",
					"awarded_on": "2024-07-01", "awarding_body": "街道党工委"},
			],
		).name  # fmt: skip
		frappe.db.commit()  # the REST calls run on their own connection

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.delete_doc("Cadre", self.cadre, force=True)
		frappe.db.commit()

	def stored(self) -> list[tuple]:
		return [
			(row.honour, row.level, row.year, row.awarding_body)
			for row in frappe.get_doc("Cadre", self.cadre).honours
		]

	def save_as(self, user: str, change) -> None:
		frappe.set_user(user)
		try:
			doc = frappe.get_doc("Cadre", self.cadre)
			change(doc)
			doc.save()
		finally:
			frappe.set_user("Administrator")

	def test_the_form_refuses_a_reviewer_district_titles_naming_them(self):
		before = self.stored()
		top_ten, own = 0, 1
		# What the reviewer tries → the honour the refusal names.
		refused = {
			"add a district title": (
				lambda doc: doc.append(
					"honours", {"honour": "十佳社区党组织书记", "level": "District", "year": 2025}
				),
				"十佳社区党组织书记",
			),
			"add a Top Ten at sub-district level": (
				lambda doc: doc.append(
					"honours", {"honour": "十佳社区党组织书记", "level": "Sub District", "year": 2025}
				),
				"十佳社区党组织书记",
			),
			"add one without a level": (
				lambda doc: doc.append("honours", {"honour": "优秀共产党员", "year": 2025}),
				"优秀共产党员",
			),
			"remove the department's": (lambda doc: doc.honours.pop(top_ten), "十佳社区党组织书记"),
			"change the department's": (
				lambda doc: doc.honours[top_ten].update({"awarding_body": "街道党工委"}),
				"十佳社区党组织书记",
			),
			"raise its own to District": (
				lambda doc: doc.honours[own].update({"level": "District"}),
				"党员风采墙先进典型",
			),
		}
		for what, (change, title) in refused.items():
			with self.assertRaises(HonourReservedError, msg=what) as raised:
				self.save_as(self.reviewer, change)
			self.assertIn(title, str(raised.exception), what)
			self.assertEqual(self.stored(), before, what)
		with self.assertRaises(HonourReservedError) as raised:
			self.save_as(self.reviewer, refused["remove the department's"][0])
		self.assertIn("District", str(raised.exception))

	def test_a_reviewer_records_its_cadres_sub_district_honours(self):
		self.save_as(
			self.reviewer,
			lambda doc: doc.append(
				"honours", {"honour": "优秀共产党员", "level": "Sub District", "awarded_on": "2025-07-01"}
			),
		)
		self.save_as(self.reviewer, lambda doc: doc.honours[1].update({"awarding_body": "某某街道党工委"}))
		self.assertEqual([row[3] for row in self.stored()], ["中共X区委", "某某街道党工委", None])
		self.save_as(self.reviewer, lambda doc: doc.honours.pop(2))
		self.assertEqual(len(self.stored()), 2)

	def test_the_department_records_any_honour(self):
		self.save_as(self.org, lambda doc: doc.honours[0].update({"reference": "X区委〔2025〕6号"}))
		self.save_as(
			self.org,
			lambda doc: doc.append(
				"honours", {"honour": "优秀共产党员", "level": "City", "awarded_on": "2025-06-30"}
			),
		)
		self.save_as(self.org, lambda doc: doc.honours.pop(0))
		self.assertEqual([row[0] for row in self.stored()], ["党员风采墙先进典型", "优秀共产党员"])

	def test_rest_refuses_a_reviewer_district_titles(self):
		path = f"/api/resource/Cadre/{self.cadre}"
		stored = frappe.get_doc("Cadre", self.cadre)
		rows = [{"name": row.name, "honour": row.honour, "kind": row.kind, "level": row.level, "year": row.year,
			"awarded_on": str(row.awarded_on), "awarding_body": row.awarding_body, "reference": row.reference}
			for row in stored.honours]  # fmt: skip
		before = self.stored()
		added = {
			"honour": "十佳社区党组织书记",
			"level": "District",
			"year": 2025,
			"awarded_on": "2026-02-26",
		}
		response = rest("put", path, self.token, {"honours": [*rows, added]})
		self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertEqual(response.json["exc_type"], "HonourReservedError")
		messages = [
			json.loads(message)["message"] for message in json.loads(response.json["_server_messages"])
		]
		self.assertIn("十佳社区党组织书记", " ".join(messages))
		response = rest("put", path, self.token, {"honours": rows[1:]})  # the Top Ten left out
		self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertEqual(self.stored(), before)
		# Its own Sub District honour goes through the same path; the rows sent unchanged stay as they are.
		own = {"honour": "百家好人", "kind": ROLE_MODEL, "level": "Sub District", "awarded_on": "2025-09-20"}
		response = rest("put", path, self.token, {"honours": [*rows, own]})
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.commit()  # read what the request's own connection committed
		self.assertEqual(
			[row[0] for row in self.stored()], ["十佳社区党组织书记", "党员风采墙先进典型", "百家好人"]
		)
