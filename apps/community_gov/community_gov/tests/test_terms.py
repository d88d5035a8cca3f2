"""Terms and elections (换届 and 选): the result of a vote, an elected reserve appointable like a qualified one,
terms started by approvals and re-elections and ended by leaving, the alert 90 days before a term ends (once,
not at 91), and the Terms Ending report by quarter within the user's scope. Every figure is worked by hand in
the comments."""

import datetime

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from community_gov.community_governance.report.terms_ending.terms_ending import execute as terms_ending
from community_gov.exceptions import (
	ElectedOnlyByElectionError,
	ElectionCancelError,
	ElectionCandidateError,
	ElectionDateError,
	ElectionVotesError,
	GeneralElectionError,
	ReserveNotQualifiedError,
	TermError,
)
from community_gov.permissions import get_reviewer_sub_districts
from community_gov.terms.alerts import send_term_alerts, terms_ending_soon
from community_gov.tests.factories import (
	FAIL,
	add_reviewer,
	decide_case,
	make_assessment,
	make_cadre,
	make_community,
	make_election,
	make_general_election,
	make_reserve,
	make_sub_district,
	make_term,
	make_user,
)


class TermsTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sd, cls.sd_other = make_sub_district().name, make_sub_district().name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		cls.other_reviewer = make_user(["Sub District Reviewer"]).name
		cls.org = make_user(["Organization Department"]).name
		cls.leader = make_user(["Leadership"]).name
		add_reviewer(cls.sd, cls.reviewer)
		add_reviewer(cls.sd_other, cls.other_reviewer)

	def setUp(self):
		frappe.set_user("Administrator")
		self.set_settings(term_years=5, term_alert_days=90, send_term_alerts=1)
		self.community = make_community(self.sd).name

	def tearDown(self):
		frappe.set_user("Administrator")
		self.set_settings(term_years=5, term_alert_days=90, send_term_alerts=1)

	def set_settings(self, **values):
		settings = frappe.get_single("Governance Settings")
		settings.update(values)
		settings.save()

	def worker(self, community=None):
		return make_cadre(community or self.community, position="Community Worker").name

	def approve(self, appointment):
		appointment = apply_workflow(appointment, "Submit for Approval")
		return apply_workflow(appointment, "Approve")

	def appointment(self, cadre: str, post: str, from_date: str, **values):
		return frappe.get_doc(
			{
				"doctype": "Appointment",
				"cadre": cadre,
				"post": post,
				"community": values.pop("community", self.community),
				"from_date": from_date,
				"reason": "工作需要",
				**values,
			}
		).insert()

	def term(self, name: str) -> frappe._dict:
		return frappe.db.get_value(
			"Cadre Term",
			name,
			["status", "how", "post", "start_date", "end_date", "ended_on", "end_reason", "election_record",
				"appointment", "general_election"],
			as_dict=True,
		)  # fmt: skip


class TestElections(TermsTestCase):
	def test_the_result_is_more_than_half_of_the_votes_cast(self):
		secretary = make_cadre(self.community).name
		# 21 of 41 is more than half; 20 of 40 is exactly half, not more.
		elected = make_election(secretary, self.community, votes_for=21, votes_cast=41, submit=False)
		tie = make_election(secretary, self.community, votes_for=20, votes_cast=40, submit=False)
		self.assertEqual((elected.result, tie.result), ("Elected", "Not Elected"))

	def test_votes_that_cannot_be_counted_are_refused_naming_the_field_and_value(self):
		secretary = make_cadre(self.community).name
		with self.assertRaises(ElectionVotesError) as more:
			make_election(secretary, self.community, votes_for=42, votes_cast=41, submit=False)
		self.assertIn("Votes For", str(more.exception))
		self.assertIn("42", str(more.exception))
		with self.assertRaises(ElectionVotesError) as none:
			make_election(secretary, self.community, votes_for=0, votes_cast=0, submit=False)
		self.assertIn("Votes Cast", str(none.exception))

	def test_a_new_secretary_stands_as_a_reserve_and_the_election_date_is_checked(self):
		worker = self.worker()
		with self.assertRaises(ElectionCandidateError):
			make_election(worker, self.community, submit=False)  # neither incumbent nor reserve
		nominated = make_reserve(worker, self.community)  # not past 谈、问、定
		with self.assertRaises(ElectionCandidateError):
			make_election(worker, self.community, reserve_candidate=nominated.name, submit=False)
		with self.assertRaises(ElectionDateError):
			make_election(make_cadre(self.community).name, self.community, election_date=add_days(today(), 1))

	def test_an_election_within_a_general_election_is_in_its_communities_and_dates(self):
		other = make_community(self.sd).name
		event = make_general_election([self.community], start_date="2026-01-05", end_date="2026-03-31")
		self.assertEqual(event.community_count, 1)
		secretary = make_cadre(self.community).name
		with self.assertRaises(ElectionDateError):
			make_election(secretary, self.community, general_election=event.name, election_date="2026-04-01")
		with self.assertRaises(ElectionDateError):
			make_election(make_cadre(other).name, other, general_election=event.name)  # not covered
		make_election(secretary, self.community, general_election=event.name, election_date="2026-03-31")

	def test_a_general_election_checks_its_dates_and_communities(self):
		with self.assertRaises(GeneralElectionError):
			make_general_election([self.community], start_date="2026-03-01", end_date="2026-02-28")
		with self.assertRaises(GeneralElectionError):
			make_general_election([self.community, self.community])
		with self.assertRaises(GeneralElectionError):
			make_general_election([self.community], status="Completed")  # no end date
		with self.assertRaises(GeneralElectionError):
			make_general_election([self.community], year=2026, start_date="2025-12-01")

	def test_an_elected_reserve_is_appointable_like_a_qualified_one(self):
		worker = self.worker()
		reserve = make_reserve(worker, self.community, until="In Training")
		refused = self.appointment(worker, "Secretary", "2026-02-01", reserve_candidate=reserve.name)
		with self.assertRaises(ReserveNotQualifiedError):
			apply_workflow(refused, "Submit for Approval")  # in training: not yet appointable
		refused.reload()
		refused.delete()

		event = make_general_election([self.community])
		election = make_election(
			worker, self.community, reserve_candidate=reserve.name, general_election=event.name,
			votes_for=30, votes_cast=41,
		)  # fmt: skip
		stored = frappe.db.get_value(
			"Reserve Candidate",
			reserve.name,
			["status", "election_record", "election_date", "election_recorded_by"],
			as_dict=True,
		)
		self.assertEqual(
			(stored.status, stored.election_record, str(stored.election_date), stored.election_recorded_by),
			("Elected", election.name, "2026-01-10", "Administrator"),
		)
		self.assertIsNone(election.cadre_term)  # the term starts with the appointment
		# Still in the pool (it counts towards 3-7) until appointed.
		self.assertEqual(frappe.db.get_value("Community", self.community, "reserve_count"), 1)
		with self.assertRaises(ElectedOnlyByElectionError):
			other = make_reserve(self.worker(), self.community, until="Qualified")
			other.status = "Elected"
			other.save()

		approved = self.approve(
			self.appointment(worker, "Secretary", "2026-02-01", reserve_candidate=reserve.name)
		)
		term_name = frappe.db.get_value("Cadre Term", {"appointment": approved.name})
		term = self.term(term_name)
		# Elected (选) on 2026-01-10, in post from 2026-02-01 for five years: to 2031-02-01.
		self.assertEqual(
			(term.status, term.how, str(term.start_date), str(term.end_date), term.election_record,
				term.general_election),
			("Current", "Elected", "2026-02-01", "2031-02-01", election.name, event.name),
		)  # fmt: skip
		self.assertEqual(frappe.db.get_value("Election Record", election.name, "cadre_term"), term_name)
		self.assertEqual(frappe.db.get_value("Reserve Candidate", reserve.name, "status"), "Appointed")
		with self.assertRaises(ElectionCancelError):
			frappe.get_doc("Election Record", election.name).cancel()

		# Cancelling the appointment: back to Elected, the term cancelled.
		apply_workflow(frappe.get_doc("Appointment", approved.name), "Cancel")
		self.assertEqual(frappe.db.get_value("Reserve Candidate", reserve.name, "status"), "Elected")
		self.assertEqual(self.term(term_name).status, "Cancelled")
		self.assertIsNone(frappe.db.get_value("Election Record", election.name, "cadre_term"))

		# Cancelling the election: back to where the reserve stood (In Training).
		frappe.get_doc("Election Record", election.name).cancel()
		self.assertEqual(
			frappe.db.get_value("Reserve Candidate", reserve.name, ["status", "election_record"]),
			("In Training", None),
		)

	def test_a_reserve_not_elected_stays_where_it_was(self):
		worker = self.worker()
		reserve = make_reserve(worker, self.community, until="Qualified")
		election = make_election(
			worker, self.community, reserve_candidate=reserve.name, votes_for=12, votes_cast=41
		)
		self.assertEqual(election.result, "Not Elected")
		self.assertEqual(frappe.db.get_value("Reserve Candidate", reserve.name, "status"), "Qualified")

	def test_an_elected_reserve_is_offered_first_as_successor(self):
		secretary = make_cadre(self.community).name
		make_assessment(secretary, 2024, **FAIL)
		make_assessment(secretary, 2025, **FAIL)
		case = frappe.get_doc("Adjustment Case", {"cadre": secretary})
		qualified = make_reserve(self.worker(), self.community, until="Qualified")
		elected = make_reserve(self.worker(), self.community, until="Qualified")
		make_election(elected.cadre, self.community, reserve_candidate=elected.name)
		decide_case(case, "Adjusted")
		offered = [(row.name, row.status) for row in case.get_successor_candidates()]
		self.assertEqual(offered, [(elected.name, "Elected"), (qualified.name, "Qualified")])
		appointment = frappe.get_doc("Appointment", case.start_succession(elected.name))
		self.assertEqual(self.approve(appointment).docstatus, 1)


class TestTerms(TermsTestCase):
	def test_a_term_starts_on_approval_for_the_term_length_setting(self):
		member = self.worker()
		first = self.approve(self.appointment(member, "Committee Member", "2026-03-01"))
		first_term = frappe.db.get_value("Cadre Term", {"appointment": first.name})
		# 2026-03-01 + 5 years = 2031-03-01; appointed, not elected.
		self.assertEqual(
			(self.term(first_term).how, str(self.term(first_term).end_date)), ("Appointed", "2031-03-01")
		)

		self.set_settings(term_years=3)
		second = self.approve(
			self.appointment(member, "Director", "2026-06-15", post_to_remove="Committee Member")
		)
		second_term = frappe.db.get_value("Cadre Term", {"appointment": second.name})
		# 2026-06-15 + 3 years = 2029-06-15; the committee member's term ended the day the new post began.
		self.assertEqual(str(self.term(second_term).end_date), "2029-06-15")
		ended = self.term(first_term)
		self.assertEqual((ended.status, str(ended.ended_on)), ("Ended", "2026-06-15"))

		# A fixed Term End on the appointment wins over the setting.
		fixed = self.approve(
			self.appointment(self.worker(), "Committee Member", "2026-07-01", to_date="2028-12-31")
		)
		self.assertEqual(
			str(frappe.db.get_value("Cadre Term", {"appointment": fixed.name}, "end_date")), "2028-12-31"
		)

		# Cancelling the second appointment reopens the term it ended.
		apply_workflow(frappe.get_doc("Appointment", second.name), "Cancel")
		self.assertEqual(
			(self.term(second_term).status, self.term(first_term).status), ("Cancelled", "Current")
		)

	def test_re_election_of_the_incumbent_starts_a_new_term(self):
		secretary = make_cadre(self.community).name
		old = make_term(secretary, self.community, start_date="2021-01-10").name
		self.assertEqual(str(self.term(old).end_date), "2026-01-10")  # five years by default
		event = make_general_election([self.community])
		election = make_election(
			secretary, self.community, general_election=event.name, election_date="2026-01-10"
		)
		new = election.cadre_term
		self.assertEqual(
			(self.term(new).how, str(self.term(new).start_date), str(self.term(new).end_date),
				self.term(new).general_election),
			("Elected", "2026-01-10", "2031-01-10", event.name),
		)  # fmt: skip
		self.assertEqual((self.term(old).status, str(self.term(old).ended_on)), ("Ended", "2026-01-10"))
		frappe.get_doc("Election Record", election.name).cancel()
		self.assertEqual((self.term(new).status, self.term(old).status), ("Cancelled", "Current"))

	def test_a_cadre_leaving_ends_its_open_terms(self):
		secretary = make_cadre(self.community, also_director=1).name
		terms = [
			make_term(secretary, self.community, start_date="2021-12-06").name,
			make_term(secretary, self.community, post="Director", start_date="2021-12-20").name,
		]
		cadre = frappe.get_doc("Cadre", secretary)
		cadre.status = "Retired"
		cadre.save()
		for name in terms:
			term = self.term(name)
			self.assertEqual(
				(term.status, str(term.ended_on), term.end_reason), ("Ended", today(), "Retired")
			)

	def test_one_current_term_per_cadre_and_post(self):
		secretary = make_cadre(self.community).name
		make_term(secretary, self.community, start_date="2021-12-06")
		with self.assertRaises(TermError):
			make_term(secretary, self.community, start_date="2023-01-01")
		with self.assertRaises(TermError):
			make_term(
				make_cadre(self.community).name,
				self.community,
				start_date="2023-01-01",
				end_date="2022-01-01",
			)
		with self.assertRaises(TermError):  # ended without a reason
			make_term(make_cadre(self.community).name, self.community, ended_on="2024-01-01")


class TestTermAlerts(TermsTestCase):
	def logs(self, term: str) -> list[str]:
		return sorted(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "Cadre Term", "document_name": term},
				pluck="for_user",
			)
		)

	def test_alert_once_at_ninety_days_and_not_at_ninety_one(self):
		day = getdate("2026-11-23")
		secretary = make_cadre(self.community).name
		deputy = make_cadre(self.community, position="Deputy Secretary").name
		# Started 2022-02-21 and 2022-02-22, five years: ends 2027-02-21 (2026-11-23 + 90 days) and a day later.
		at_90 = make_term(secretary, self.community, start_date="2022-02-21").name
		at_91 = make_term(deputy, self.community, post="Deputy Secretary", start_date="2022-02-22").name
		self.assertEqual(
			[str(self.term(name).end_date) for name in (at_90, at_91)], ["2027-02-21", "2027-02-22"]
		)
		sent = send_term_alerts(day)
		self.assertIn(at_90, sent)
		self.assertNotIn(at_91, sent)
		recipients = self.logs(at_90)
		self.assertIn(self.org, recipients)
		self.assertIn(self.reviewer, recipients)
		self.assertNotIn(self.other_reviewer, recipients)
		self.assertEqual(frappe.db.get_value("Cadre Term", at_90, "alert_sent_on"), day)

		# The next run the same day and the day after: not again; the 91-day term is due the next day.
		self.assertNotIn(at_90, send_term_alerts(day))
		next_day = send_term_alerts(day + datetime.timedelta(days=1))
		self.assertNotIn(at_90, next_day)
		self.assertIn(at_91, next_day)
		self.assertEqual(self.logs(at_90), recipients)

		# A changed end is announced again; with the alerts off, nothing is sent.
		term = frappe.get_doc("Cadre Term", at_90)
		term.end_date = "2027-01-31"
		term.save()
		self.assertIsNone(term.alert_sent_on)
		self.set_settings(send_term_alerts=0)
		self.assertEqual(send_term_alerts(day), [])
		self.set_settings(send_term_alerts=1)
		self.assertIn(at_90, send_term_alerts(day))

	def test_the_number_card_counts_the_viewers_terms(self):
		own = make_term(
			make_cadre(self.community).name, self.community, start_date=add_days(today(), -1800)
		).name
		other_community = make_community(self.sd_other).name
		make_term(make_cadre(other_community).name, other_community, start_date=add_days(today(), -1800))
		frappe.set_user(self.org)
		everyone = terms_ending_soon()["value"]
		frappe.set_user(self.reviewer)
		mine = terms_ending_soon()["value"]
		frappe.set_user("Administrator")
		scope = get_reviewer_sub_districts(self.reviewer)
		visible = frappe.get_all(
			"Cadre Term",
			filters={
				"status": "Current",
				"end_date": ("<=", add_days(today(), 90)),
				"sub_district": ("in", scope),
			},
			pluck="name",
		)
		self.assertIn(own, visible)
		self.assertEqual(mine, len(visible))
		self.assertGreater(everyone, mine)


class TestTermsEndingReport(TermsTestCase):
	def test_terms_by_quarter_within_the_users_scope(self):
		sd = make_sub_district().name
		add_reviewer(sd, self.reviewer)
		community = make_community(sd).name
		ends = ("2027-01-15", "2027-03-31", "2027-04-01", "2027-06-30", "2027-12-31")
		for end in ends:
			make_term(make_cadre(community).name, community, start_date="2023-01-01", end_date=end)
		ended = make_term(
			make_cadre(community).name, community, start_date="2023-01-01", end_date="2027-02-01"
		)
		ended.update({"ended_on": "2024-05-01", "end_reason": "调任"})
		ended.save()
		filters = {"sub_district": sd, "from_date": "2027-01-01", "to_date": "2027-09-30"}

		_columns, rows, _message, chart, summary = terms_ending(filters)
		# Q1: 01-15, 03-31; Q2: 04-01, 06-30; 12-31 is after the window; the ended term is not current.
		self.assertEqual(
			[(row["quarter"], str(row["end_date"])) for row in rows],
			[("2027 Q1", "2027-01-15"), ("2027 Q1", "2027-03-31"), ("2027 Q2", "2027-04-01"),
				("2027 Q2", "2027-06-30")],
		)  # fmt: skip
		self.assertEqual(rows[0]["days_left"], (getdate("2027-01-15") - getdate(today())).days)
		self.assertEqual(chart["data"]["labels"], ["2027 Q1", "2027 Q2"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 2])
		self.assertEqual([item["value"] for item in summary], [4, 0, 2, 2])

		# The reviewer of the sub-district sees them; another reviewer, nothing, even when it asks for them.
		frappe.set_user(self.reviewer)
		self.assertEqual(len(terms_ending(filters)[1]), 4)
		self.assertTrue(all(row["sub_district"] in (sd, self.sd) for row in terms_ending({})[1]))
		frappe.set_user(self.other_reviewer)
		self.assertEqual(terms_ending(filters)[1], [])
		frappe.set_user(self.leader)
		self.assertEqual(len(terms_ending(filters)[1]), 4)

	def test_an_unbounded_window_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			terms_ending({"from_date": "2027-01-01", "to_date": "2026-12-31"})
		with self.assertRaises(frappe.ValidationError):
			terms_ending({"from_date": "2000-01-01", "to_date": "2030-01-01"})
