"""The Staffing Watch (community_gov.staffing, rules.staffing): the gaps of a small district worked by hand,
within each user's access; the Staffing Gaps card counts what the report lists; a fixed number of queries."""

import datetime
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from community_gov.community_governance.report.staffing_watch.staffing_watch import execute
from community_gov.dashboard import staffing_gaps as number_card
from community_gov.demo.loader import dated
from community_gov.query_counter import QueryCounter
from community_gov.rules import staffing
from community_gov.staffing import staffing_gaps
from community_gov.tests.factories import (
	add_reviewer,
	decide_case,
	make_cadre,
	make_community,
	make_reserve,
	make_sub_district,
	make_term,
	make_user,
)

AS_OF = datetime.date(2026, 12, 31)
REPORT = "community_gov.community_governance.report.staffing_watch.staffing_watch"


def filed(number: int, **values) -> dict:
	return {
		"county_filing_number": f"X组备〔2023〕{number}号",
		"county_filing_date": "2023-06-01",
		"appointment_date": "2023-05-08",
		**values,
	}


class TestStaffingWatch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.own, cls.other = make_sub_district().name, make_sub_district().name

		# In order: no gap; the secretary adjusted on 12 March; the secretary retired (today, no term entered);
		# the secretary whose term ended on 8 May and who retired afterwards (the record changed today); the
		# secretary moved to another community's committee on 1 April; an unfiled secretary; a part-time one.
		cls.staffed = make_community(cls.own).name
		make_cadre(cls.staffed, **filed(1))
		cls.adjusted = make_community(cls.own).name
		adjusted = make_cadre(cls.adjusted, **filed(2)).name
		with dated("2026-03-02"):  # opened and decided in March
			case = frappe.get_doc(
				"Adjustment Case",
				frappe.get_attr("community_gov.assessment.api.open_case_by_hand")(
					adjusted, "Unfit for Post", "工作推不开,经考察认定不胜任现职", "街道党工委考察报告"
				),
			)
			case.start_review()
		with dated("2026-03-12"):
			decide_case(case, "Adjusted", decision_date="2026-03-12")
		cls.retired = make_community(cls.own).name
		retired = frappe.get_doc("Cadre", make_cadre(cls.retired, **filed(3)).name)
		retired.status = "Retired"
		retired.save()
		cls.retired_on = getdate(retired.modified)
		cls.term_ended = make_community(cls.own).name
		term_ended = make_cadre(cls.term_ended, **filed(8)).name
		term = make_term(term_ended, cls.term_ended, start_date="2021-05-08")
		term.update({"ended_on": "2026-05-08", "end_reason": "任期届满"})
		term.save()
		term_ended = frappe.get_doc("Cadre", term_ended)
		term_ended.status = "Retired"
		term_ended.save()
		cls.moved_from = make_community(cls.own).name
		cls.moved = make_cadre(cls.moved_from, **filed(4)).name
		cls.appointment = cls.approve(
			{
				"cadre": cls.moved,
				"post": "Committee Member",
				"community": cls.staffed,
				"from_date": "2026-04-01",
			}
		)
		cls.unfiled_community = make_community(cls.own).name
		cls.unfiled = make_cadre(cls.unfiled_community, appointment_date="2025-03-01").name
		cls.part_time_community = make_community(cls.own).name
		cls.part_time = make_cadre(
			cls.part_time_community, full_time=0, **filed(5, appointment_date="2024-01-15")
		).name

		# Key communities: one without a first secretary since it became key, one with its first secretary.
		cls.key = make_community(cls.own, is_key_community=1, key_community_since="2025-07-01").name
		make_cadre(cls.key, **filed(6))
		cls.key_served = make_community(cls.own, is_key_community=1).name
		make_cadre(cls.key_served, **filed(7))
		make_cadre(cls.key_served, position="First Secretary")  # not filed: the rule is about secretaries

		# Reserves of the staffed community: below College in the pool; College; below College withdrawn.
		below = make_cadre(cls.staffed, position="Community Worker", education="High School").name
		cls.below_college = make_reserve(below, cls.staffed, nomination_date="2025-01-10").name
		college = make_cadre(cls.staffed, position="Community Worker", education="College").name
		make_reserve(college, cls.staffed, nomination_date="2025-01-10")
		withdrawn = make_cadre(cls.staffed, position="Community Worker", education="Technical Secondary").name
		withdrawn = make_reserve(withdrawn, cls.staffed, nomination_date="2025-01-10")
		withdrawn.db_set("withdrawal_reason", "本人申请退出")
		apply_workflow(withdrawn, "Withdraw")

		# The other sub-district: a community that never had a secretary.
		cls.never_staffed = make_community(cls.other).name
		cls.never_staffed_on = getdate(frappe.db.get_value("Community", cls.never_staffed, "creation"))

		cls.reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(cls.own, cls.reviewer)
		cls.org = make_user(["Organization Department"]).name
		cls.leader = make_user(["Leadership"]).name
		frappe.db.commit()

	@staticmethod
	def approve(values: dict) -> str:
		appointment = frappe.get_doc({"doctype": "Appointment", "reason": "工作需要", **values}).insert()
		appointment = apply_workflow(appointment, "Submit for Approval")
		return apply_workflow(appointment, "Approve").name

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, **filters) -> list[dict]:
		with patch(f"{REPORT}.as_of", return_value=AS_OF):
			return execute(filters)[1]

	def rows(self, **filters) -> list[tuple]:
		return [
			(row["kind"], row["community"], row["person"], row["open_since"], row["days_open"])
			for row in self.run_report(**filters)
		]

	def test_the_gaps_of_a_sub_district_worked_by_hand(self):
		retired_days = (AS_OF - self.retired_on).days
		vacant = sorted(
			[
				("Vacant Secretary Post", self.adjusted, None, datetime.date(2026, 3, 12), 294),
				("Vacant Secretary Post", self.retired, None, self.retired_on, retired_days),
				# From the day its term ended (Cadre Term.ended_on), not the record's later change.
				("Vacant Secretary Post", self.term_ended, None, datetime.date(2026, 5, 8), 237),
				("Vacant Secretary Post", self.moved_from, None, datetime.date(2026, 4, 1), 274),
			],
			key=lambda row: row[1],
		)
		expected = [
			*vacant,
			("Key Community Without First Secretary", self.key, None, datetime.date(2025, 7, 1), 548),
			("Secretary Not Filed with County", self.unfiled_community, self.unfiled, datetime.date(2025, 3, 1), 670),
			("Secretary Not Full-time", self.part_time_community, self.part_time, datetime.date(2024, 1, 15), 1081),
			("Reserve Below College", self.staffed, self.below_college, datetime.date(2025, 1, 10), 720),
		]  # fmt: skip
		self.assertEqual(self.rows(sub_district=self.own), expected)

	def test_the_other_sub_district_and_the_filters(self):
		self.assertEqual(
			self.rows(sub_district=self.other),
			[("Vacant Secretary Post", self.never_staffed, None, self.never_staffed_on, (AS_OF - self.never_staffed_on).days)],
		)  # fmt: skip
		self.assertEqual(
			[row[1] for row in self.rows(sub_district=self.own, kind="Vacant Secretary Post")],
			sorted([self.adjusted, self.retired, self.term_ended, self.moved_from]),
		)
		self.assertEqual(
			self.rows(community=self.staffed),
			[("Reserve Below College", self.staffed, self.below_college, datetime.date(2025, 1, 10), 720)],
		)
		with self.assertRaises(frappe.ValidationError):
			self.run_report(kind="<b>Vacant</b>")

	def test_rows_name_the_person_and_its_record(self):
		rows = {row["person"]: row for row in self.run_report(sub_district=self.own) if row["person"]}
		self.assertEqual(rows[self.unfiled]["person_doctype"], "Cadre")
		self.assertEqual(
			rows[self.unfiled]["person_name"], frappe.db.get_value("Cadre", self.unfiled, "full_name")
		)
		self.assertEqual(rows[self.below_college]["person_doctype"], "Reserve Candidate")

	def test_the_summary_counts_each_kind(self):
		with patch(f"{REPORT}.as_of", return_value=AS_OF):
			summary = execute({"sub_district": self.own})[4]
		self.assertEqual(
			[(item["label"], item["value"]) for item in summary],
			[("Staffing Gaps", 8), ("Vacant Secretary Post", 4), ("Two Secretaries in Post", 0),
				("Key Community Without First Secretary", 1), ("Secretary Not Filed with County", 1),
				("Secretary Not Full-time", 1), ("Reserve Below College", 1)],
		)  # fmt: skip

	def test_a_reviewer_sees_its_own_sub_district_and_the_card_counts_the_report(self):
		frappe.set_user(self.reviewer)
		rows = self.run_report()
		self.assertEqual(len(rows), 8)
		self.assertEqual({row["sub_district"] for row in rows}, {self.own})
		self.assertEqual(self.run_report(sub_district=self.other), [])
		self.assertEqual(number_card()["value"], 8)
		# As the desk runs it (the report's roles, the ref DocType's report permission).
		desk_run = frappe.get_attr("frappe.desk.query_report.run")("Staffing Watch", filters={})
		self.assertEqual(len(desk_run["result"]), 8)
		for user in (self.org, self.leader, "Administrator"):
			frappe.set_user(user)
			self.assertEqual(number_card()["value"], len(self.run_report()), user)
			self.assertEqual(len(self.run_report(sub_district=self.other)), 1)

	def test_a_cadre_may_not_read_the_watch(self):
		cadre_user = make_user(["Cadre"]).name
		frappe.set_user(cadre_user)
		with self.assertRaises(frappe.PermissionError):
			number_card()

	def test_one_query_per_table_whatever_the_number_of_gaps(self):
		staffing_gaps()  # warm the metadata and settings caches
		with QueryCounter() as one:
			staffing_gaps({"sub_district": self.other})
		with QueryCounter() as everyone:
			staffing_gaps()
		# Community, Cadre, Cadre Term (the ended terms of those who left), Adjustment Case (the adjusted
		# secretaries' decisions), Appointment, Reserve Candidate.
		self.assertLessEqual(everyone.count, 6, everyone.queries)
		self.assertLessEqual(one.count, everyone.count)

	def test_the_filing_follows_the_appointment_onto_the_cadre(self):
		# The moved secretary's filing was of its old post: it does not carry over to the new one.
		self.assertFalse(frappe.db.get_value("Cadre", self.moved, "county_filing_number"))
		appointment = frappe.get_doc("Appointment", self.appointment)
		appointment.county_filing_number = "X组备〔2026〕9号"
		appointment.county_filing_date = frappe.utils.today()
		appointment.save()
		self.assertEqual(frappe.db.get_value("Cadre", self.moved, "county_filing_number"), "X组备〔2026〕9号")

	def test_a_key_community_gets_its_date(self):
		community = frappe.get_doc("Community", self.key_served)
		self.assertEqual(str(community.key_community_since), frappe.utils.today())
		community.is_key_community = 0
		community.save()
		self.assertIsNone(community.key_community_since)
		community.is_key_community = 1
		community.key_community_since = None
		community.save()
		self.assertEqual(str(community.key_community_since), frappe.utils.today())
		self.assertIn(staffing.NO_FIRST_SECRETARY, staffing.GAP_KINDS)
