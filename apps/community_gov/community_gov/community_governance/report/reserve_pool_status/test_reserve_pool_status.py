"""Reserve Pool Status on a small data set whose answers are worked out by hand below."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.community_governance.report.reserve_pool_status.reserve_pool_status import execute
from community_gov.tests.explain import assert_uses_index, captured_queries
from community_gov.tests.factories import (
	add_reviewer,
	make_cadre,
	make_community,
	make_reserve,
	make_sub_district,
	make_user,
)
from community_gov.tests.population import bulk_population


class TestReservePoolStatus(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd_a, cls.sd_b, cls.sd_empty = (make_sub_district().name for _ in range(3))
		cls.small = make_community(cls.sd_a).name  # 2 in pool: below range
		cls.right = make_community(cls.sd_a).name  # 4 in pool, 1 withdrawn, 1 appointed-free
		cls.other = make_community(cls.sd_b).name  # 3 in pool
		cls.empty = make_community(cls.sd_empty).name  # nothing: 0, below range

		def worker(community):
			return make_cadre(community, position="Community Worker").name

		make_reserve(worker(cls.small))
		make_reserve(worker(cls.small), until="Qualified")
		make_reserve(worker(cls.right), until="Forum Talk")
		make_reserve(worker(cls.right), until="Inspection")
		make_reserve(worker(cls.right), until="Qualified")
		make_reserve(worker(cls.right), target_post="Deputy Secretary", until="Qualified")
		withdrawn = make_reserve(worker(cls.right), until="Questionnaire")
		withdrawn.db_set("withdrawal_reason", "调离")
		from frappe.model.workflow import apply_workflow

		apply_workflow(frappe.get_doc("Reserve Candidate", withdrawn.name), "Withdraw")
		for _ in range(3):
			make_reserve(worker(cls.other), until="In Training")
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sd_a, cls.reviewer)
		cls.make_history()

	@classmethod
	def make_history(cls):
		"""Reserves of one community over the years, for "cultivated since" (nominated → trained from →
		outcome): cultivation begins when training does (community_gov.rules.reserves)."""
		from frappe.model.workflow import apply_workflow

		cls.sd_history = make_sub_district().name
		cls.history = make_community(cls.sd_history).name

		def reserve(nominated, until, trained=None):
			worker = make_cadre(cls.history, position="Community Worker").name
			doc = make_reserve(worker, until=until, nomination_date=nominated)
			if trained:  # the Start Training step, dated as it was recorded then
				doc.db_set("training_started_on", f"{trained} 09:00:00")
			return doc

		def withdraw(doc):
			doc.db_set("withdrawal_reason", "调离")
			apply_workflow(frappe.get_doc("Reserve Candidate", doc.name), "Withdraw")

		reserve("2016-05-01", "Qualified", "2016-09-01")  # cultivated, but before 2017
		reserve("2016-10-01", "In Training", "2017-01-01")  # nominated in 2016, trained from 2017: counts
		withdraw(reserve("2018-03-01", "In Training", "2018-06-01"))  # withdrawn after training began
		withdraw(reserve("2019-03-01", "Questionnaire"))  # withdrawn during selection: never cultivated
		appointed = reserve("2020-01-01", "Qualified", "2020-03-01")
		appointed.db_set("status", "Appointed")
		# Entered without the Start Training step's record (an import): from its nomination date.
		reserve("2022-06-01", "Qualified").db_set("training_started_on", None)
		reserve("2021-01-01", "Nominated")  # not cultivated yet

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_cultivated_since_a_year(self):
		# Since 2017: the one trained from 2017 (nominated in 2016), the 2018 one withdrawn after training, the
		# 2020 appointed one and the 2022 qualified one = 4; any year: also the one trained in 2016 = 5; since
		# 2019: 2020 and 2022 = 2.
		for since, expected in ((2017, 4), (None, 5), (2019, 2), (2023, 0)):
			columns, rows, _message, _chart, summary = execute(
				{"sub_district": self.sd_history, "cultivated_since": since}
			)
			self.assertEqual([row["cultivated"] for row in rows], [expected], since)
			self.assertEqual(summary[-1]["value"], expected, since)
			label = f"Cultivated Since {since}" if since else "Reserves Cultivated"
			self.assertEqual((summary[-1]["label"], columns[-1]["label"]), (label, label))
		rows = execute(
			{"sub_district": self.sd_history, "cultivated_since": 2017, "group_by": "Sub District"}
		)[1]
		self.assertEqual([(row["communities"], row["cultivated"]) for row in rows], [(1, 4)])
		# The other communities: the Qualified and In Training reserves (nominated 2025) count, the rest not.
		rows, *_rest = self.rows_by_community(sub_district=self.sd_a, cultivated_since=2017)
		self.assertEqual((rows[self.small]["cultivated"], rows[self.right]["cultivated"]), (1, 2))

	def test_cultivated_since_must_be_a_year(self):
		with self.assertRaises(frappe.ValidationError):
			execute({"cultivated_since": "2017年"})

	def rows_by_community(self, **filters):
		columns, rows, _message, chart, summary = execute(filters)
		return {row["community"]: row for row in rows}, columns, chart, summary

	def test_counts_flags_and_funnel_per_community(self):
		rows, columns, chart, summary = self.rows_by_community(sub_district=self.sd_a)
		self.assertEqual(set(rows), {self.small, self.right})
		small, right = rows[self.small], rows[self.right]
		self.assertEqual(
			(small["in_pool"], small["flag"], small["nominated"], small["qualified"]),
			(2, "Below Range", 1, 1),
		)
		self.assertEqual(small["ready_secretary"], 1)
		self.assertEqual((right["in_pool"], right["flag"]), (4, ""))
		self.assertEqual(
			(right["forum_talk"], right["inspection"], right["qualified"], right["withdrawn"]), (1, 1, 2, 1)
		)
		self.assertEqual((right["ready_secretary"], right["ready_deputy"]), (1, 1))
		# Funnel: Nominated 1, Forum Talk 1, Questionnaire 0, Inspection 1, In Training 0, Qualified 3, Elected 0.
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 1, 0, 1, 0, 3, 0])
		# In pool, ready for secretary, outside the range, cultivated (the two qualified of `small` and `right`
		# and the deputy reserve of `right`).
		self.assertEqual([item["value"] for item in summary], [6, 2, 1, 3])
		self.assertIn("flag", [c["fieldname"] for c in columns])

	def test_grouped_by_sub_district(self):
		_columns, rows, *_rest = execute({"group_by": "Sub District", "sub_district": self.sd_b})
		self.assertEqual(len(rows), 1)
		self.assertEqual(
			(rows[0]["communities"], rows[0]["in_pool"], rows[0]["in_training"], rows[0]["below"]),
			(1, 3, 3, 0),
		)

	def test_sub_district_without_reserves(self):
		rows, *_rest = self.rows_by_community(sub_district=self.sd_empty)
		self.assertEqual((rows[self.empty]["in_pool"], rows[self.empty]["flag"]), (0, "Below Range"))
		rows, *_rest = self.rows_by_community(sub_district=make_sub_district().name)
		self.assertEqual(rows, {})

	def test_only_flagged(self):
		rows, *_rest = self.rows_by_community(sub_district=self.sd_a, only_flagged=1)
		self.assertEqual(set(rows), {self.small})

	def test_reviewer_sees_only_own_sub_district(self):
		frappe.set_user(self.reviewer)
		rows, *_rest = self.rows_by_community()
		self.assertTrue(rows)
		self.assertEqual({row["sub_district"] for row in rows.values()}, {self.sd_a})
		rows, *_rest = self.rows_by_community(sub_district=self.sd_b)
		self.assertEqual(rows, {})

	def test_cost_does_not_grow_with_rows(self):
		from community_gov.query_counter import QueryCounter

		execute({})  # warm the metadata and settings caches
		with QueryCounter() as one:
			execute({"community": self.small})
		with QueryCounter() as many:
			execute({})
		self.assertEqual(one.count, many.count)
		self.assertLessEqual(many.count, 4)


class TestReservePoolStatusOfOneSubDistrict(FrappeTestCase):
	"""One sub-district reads its communities and their reserves through indexes, not the district's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = bulk_population(cls)[3]
		# Five reserves for secretary in every community of the district (inserted in bulk, as on a province).
		community = frappe.qb.DocType("Community")
		communities = frappe.qb.from_(community).select(community.name, community.sub_district).run()
		cadres = frappe.get_all("Cadre", filters={"name": ("like", "POP-%")}, pluck="name", limit=1)
		now, user = frappe.utils.now_datetime(), frappe.session.user
		frappe.db.bulk_insert(
			"Reserve Candidate",
			["name", "creation", "modified", "owner", "modified_by", "docstatus", "cadre", "community",
				"sub_district", "status", "target_post", "nomination_date", "nomination_source"],
			[
				(f"RC-POP-{name}-{number}", now, now, user, user, 0, cadres[0], name, sub_district,
					("Nominated", "Qualified")[number % 2], "Secretary", "2025-01-01", "Residents")
				for name, sub_district in communities
				for number in range(5)
			],
		)  # fmt: skip
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.sub_district, cls.reviewer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_reads_through_indexes(self):
		for user, filters in (
			("Administrator", {"sub_district": self.sub_district}),
			(self.reviewer, {}),
			(self.reviewer, {"sub_district": self.sub_district, "group_by": "Sub District"}),
		):
			frappe.set_user(user)
			with captured_queries() as queries:
				rows = execute(filters)[1]
			self.assertEqual(sum(row["in_pool"] for row in rows), 10, user)  # 2 communities x 5
			assert_uses_index(self, queries, ("Community", "Reserve Candidate"))
