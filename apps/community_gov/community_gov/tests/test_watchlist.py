"""Who is at risk is decided once (community_gov.assessment.watchlist.at_risk_cadres): the Adjustment Watchlist
report, the workspace's "At-Risk Cadres" number card and the `get_watchlist` API give the same answer for
every user, sub-district and year."""

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.assessment.api import get_watchlist
from community_gov.assessment.watchlist import at_risk_cadres
from community_gov.community_governance.report.adjustment_watchlist.adjustment_watchlist import execute
from community_gov.dashboard import at_risk_cadres as number_card
from community_gov.query_counter import QueryCounter
from community_gov.tests.factories import (
	COMPETENT,
	FAIL,
	add_reviewer,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
	make_user,
)

# Years no other test uses.
Y1, Y2 = 2010, 2011


class TestOneAtRiskList(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.own, cls.other = make_sub_district().name, make_sub_district().name
		own, other = make_community(cls.own).name, make_community(cls.other).name

		def secretary(community, *years, **values):
			name = make_cadre(community, **values).name
			for year, grades in years:
				make_assessment(name, year, **grades)
			return name

		cls.latest = secretary(own, (Y1, COMPETENT), (Y2, FAIL))  # at risk, Y2
		cls.older = secretary(own, (Y1, FAIL))  # at risk, Y1 (nothing since)
		secretary(own, (Y1, FAIL), (Y2, FAIL))  # a case opened: no longer at risk
		secretary(own, (Y2, COMPETENT))  # passed
		secretary(own, (Y2, FAIL), position="Community Worker")  # a post the rule does not cover
		cls.inactive = secretary(own, (Y2, FAIL))
		frappe.db.set_value("Cadre", cls.inactive, "status", "Retired")  # not in post: not watched
		cls.out_of_scope = secretary(other, (Y2, FAIL))  # at risk, but not the reviewer's

		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.own, cls.reviewer)
		cls.org = make_user(["Organization Department"]).name
		cls.leader = make_user(["Leadership"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def answers(self, sub_district=None, year=None) -> dict[str, list[str]]:
		"""The at-risk cadres according to each of the three."""
		filters = {"section": "At Risk", "sub_district": sub_district, "year": year}
		answers = {
			"report": [row["cadre"] for row in execute(filters)[1]],
			"api": [row["cadre"] for row in get_watchlist(sub_district, year)["at_risk"]],
			"function": [cadre.cadre for cadre in at_risk_cadres(sub_district, year)],
		}
		if not sub_district and not year:  # the card has no filters
			answers["card"] = number_card()["value"]
		return answers

	def assert_agree(self, expected: list[str] | None, **filters):
		answers = self.answers(**filters)
		if "card" in answers:
			self.assertEqual(answers.pop("card"), len(answers["function"]))
		self.assertEqual(answers["report"], answers["function"], filters)
		self.assertEqual(answers["api"], answers["function"], filters)
		if expected is not None:
			self.assertEqual(answers["function"], expected, filters)

	def test_every_user_gets_one_answer(self):
		in_order = sorted(
			[self.latest, self.older],
			key=lambda name: (frappe.db.get_value("Cadre", name, "full_name"), name),
		)
		for user in ("Administrator", self.org, self.leader):
			frappe.set_user(user)
			self.assert_agree(in_order, sub_district=self.own)
			self.assert_agree([self.latest], sub_district=self.own, year=Y2)
			self.assert_agree([self.older], sub_district=self.own, year=Y1)
			self.assert_agree([self.out_of_scope], sub_district=self.other)
			self.assert_agree(None)  # the whole register, with every other test's cadres

		frappe.set_user(self.reviewer)
		self.assert_agree(in_order)  # the own sub-district only
		self.assert_agree(in_order, sub_district=self.own)
		self.assert_agree([self.latest], year=Y2)
		self.assertEqual(number_card()["value"], 2)

	def test_inactive_and_uncovered_cadres_are_not_at_risk(self):
		names = {cadre.cadre for cadre in at_risk_cadres(self.own)}
		self.assertNotIn(self.inactive, names)
		self.assertEqual(len(names), 2)

	def test_at_risk_cadres_cost_one_query_whatever_their_number(self):
		at_risk_cadres()  # warm the settings and metadata caches
		with QueryCounter() as one:
			at_risk_cadres(self.other)
		with QueryCounter() as everyone:
			at_risk_cadres()
		self.assertEqual(one.count, everyone.count)
		# The watched cadres whose latest approved year failed, with their approved assessments.
		self.assertEqual(everyone.count, 1)
