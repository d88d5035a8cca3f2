"""Terms and elections (换届 and 选): the result of a vote and the body that may cast it, an elected reserve
appointable like a qualified one, terms started by approvals and re-elections and ended by leaving, by 落选 and by
a successor in a single-holder post, cancellations that undo only what they did, each post's term length, the
alert 90 days before a term ends (once, not at 91), the card and the Terms Ending report on one window within
the user's scope, and the 换届's progress. Every figure is worked by hand in the comments."""

import datetime

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from community_gov.community_governance.report.terms_ending.terms_ending import execute as terms_ending
from community_gov.community_governance.report.terms_ending.terms_ending import quarter_name
from community_gov.demo.loader import dated
from community_gov.exceptions import (
	ElectedOnlyByElectionError,
	ElectionBodyError,
	ElectionCancelError,
	ElectionCandidateError,
	ElectionDateError,
	ElectionVotesError,
	GeneralElectionError,
	ReserveNotQualifiedError,
	TermError,
)
from community_gov.patches.v1.set_post_term_lengths import execute as add_default_term_lengths
from community_gov.permissions import get_reviewer_sub_districts
from community_gov.rules.staffing import TWO_SECRETARIES
from community_gov.rules.terms import DEFAULT_POST_TERM_YEARS, ELECTION_BODIES, first_day_of_quarter
from community_gov.staffing import staffing_gaps
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

DEFAULT_TERM_LENGTHS = [
	{"post": post, "term_years": years} for post, years in DEFAULT_POST_TERM_YEARS.items()
]


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
		self.reset_settings()
		self.community = make_community(self.sd).name

	def tearDown(self):
		frappe.set_user("Administrator")
		self.reset_settings()

	def reset_settings(self):
		self.set_settings(
			term_years=5, term_alert_days=90, send_term_alerts=1, post_term_lengths=DEFAULT_TERM_LENGTHS
		)

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
				"appointment", "general_election", "ended_by_doctype", "ended_by"],
			as_dict=True,
		)  # fmt: skip

	def term_of(self, appointment) -> str | None:
		return frappe.db.get_value("Cadre Term", {"appointment": appointment.name})

	def cancel(self, appointment):
		return apply_workflow(frappe.get_doc("Appointment", appointment.name), "Cancel")


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
			("In Office", "By Election", "2026-02-01", "2031-02-01", election.name, event.name),
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
			(self.term(first_term).how, str(self.term(first_term).end_date)), ("By Appointment", "2031-03-01")
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
			(self.term(second_term).status, self.term(first_term).status), ("Cancelled", "In Office")
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
			("By Election", "2026-01-10", "2031-01-10", event.name),
		)  # fmt: skip
		self.assertEqual((self.term(old).status, str(self.term(old).ended_on)), ("Ended", "2026-01-10"))
		frappe.get_doc("Election Record", election.name).cancel()
		self.assertEqual((self.term(new).status, self.term(old).status), ("Cancelled", "In Office"))

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
				"status": "In Office",
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
		member = "Committee Member"  # a post with several holders
		for end in ends:
			make_term(make_cadre(community).name, community, member, start_date="2023-01-01", end_date=end)
		ended = make_term(
			make_cadre(community).name, community, member, start_date="2023-01-01", end_date="2027-02-01"
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


class TestWhoElectsAndWhen(TermsTestCase):
	def test_the_body_must_elect_the_post(self):
		secretary = make_cadre(self.community, also_director=1).name
		# The residents' representatives do not elect the party secretary, the party members not the director.
		with self.assertRaises(ElectionBodyError) as refused:
			make_election(secretary, self.community, body="Residents' Representatives Meeting", submit=False)
		self.assertIn("Representatives Meeting", str(refused.exception))
		self.assertIn("Secretary", str(refused.exception))
		self.assertIn("Party Member Assembly", str(refused.exception))  # the body that does
		with self.assertRaises(ElectionBodyError):
			make_election(
				secretary, self.community, post="Director", body="Party Member Assembly", submit=False
			)
		make_election(secretary, self.community, post="Director", body="Residents' Meeting", submit=False)
		member = make_cadre(self.community, position="Committee Member").name
		for body in ELECTION_BODIES:  # a committee member sits on either committee
			make_election(member, self.community, post="Committee Member", body=body, submit=False)

	def test_a_re_election_on_or_before_the_start_of_the_term_it_renews_is_refused(self):
		secretary = make_cadre(self.community).name
		old = make_term(secretary, self.community, start_date="2026-01-10").name
		for day in ("2026-01-10", "2025-12-01"):
			with self.assertRaises(TermError) as refused:
				make_election(secretary, self.community, election_date=day, submit=False)
			self.assertIn(day, str(refused.exception))
		# The day after it began: ended that day (one day served), the next term from it.
		election = make_election(secretary, self.community, election_date="2026-01-11")
		self.assertEqual((self.term(old).status, str(self.term(old).ended_on)), ("Ended", "2026-01-11"))
		self.assertEqual(str(self.term(election.cadre_term).start_date), "2026-01-11")

	def test_one_submitted_vote_per_person_post_and_general_election(self):
		secretary = make_cadre(self.community).name
		event = make_general_election([self.community])
		first = make_election(
			secretary, self.community, general_election=event.name, election_date="2026-01-10"
		)
		again = make_election(
			secretary, self.community, general_election=event.name, election_date="2026-01-20", submit=False
		)
		with self.assertRaises(ElectionCandidateError) as refused:
			again.submit()
		self.assertIn(first.name, str(refused.exception))
		self.assertEqual(frappe.db.get_value("Election Record", again.name, "docstatus"), 0)
		# Once the first is cancelled, the vote can be recorded.
		frappe.get_doc("Election Record", first.name).cancel()
		again.reload()
		again.submit()
		self.assertEqual(str(self.term(again.cadre_term).start_date), "2026-01-20")

	def test_an_appointment_follows_only_an_election_of_the_year_before_it(self):
		# Elected committee member on 2024-06-01, appointed on 2026-03-01: 638 days, more than 365: appointed.
		old_vote = self.worker()
		stale = make_election(old_vote, self.community, post="Committee Member", election_date="2024-06-01")
		appointed = self.approve(self.appointment(old_vote, "Committee Member", "2026-03-01"))
		term = self.term(self.term_of(appointed))
		self.assertEqual((term.how, term.election_record), ("By Appointment", None))
		self.assertIsNone(frappe.db.get_value("Election Record", stale.name, "cadre_term"))
		# Elected on 2025-03-01, exactly 365 days before: the term follows the vote.
		recent_vote = self.worker()
		recent = make_election(
			recent_vote, self.community, post="Committee Member", election_date="2025-03-01"
		)
		elected = self.approve(self.appointment(recent_vote, "Committee Member", "2026-03-01"))
		term = self.term(self.term_of(elected))
		self.assertEqual((term.how, term.election_record), ("By Election", recent.name))


class TestTermsEndedByOthers(TermsTestCase):
	def test_an_incumbent_not_re_elected_in_a_general_election_leaves(self):
		deputy = make_cadre(self.community, position="Deputy Secretary").name
		term = make_term(deputy, self.community, post="Deputy Secretary", start_date="2021-01-10").name
		event = make_general_election([self.community])
		# 12 of 41: not elected (落选); the term ends on the election day, by the election; no new term.
		lost = make_election(
			deputy, self.community, post="Deputy Secretary", general_election=event.name, votes_for=12,
			election_date="2026-01-10",
		)  # fmt: skip
		ended = self.term(term)
		self.assertEqual(
			(ended.status, str(ended.ended_on), ended.ended_by_doctype, ended.ended_by),
			("Ended", "2026-01-10", "Election Record", lost.name),
		)
		self.assertIn(lost.name, ended.end_reason)
		self.assertIsNone(lost.cadre_term)
		# Cancelling the vote reopens the term; a failed by-election (no 换届) leaves it alone.
		frappe.get_doc("Election Record", lost.name).cancel()
		self.assertEqual(self.term(term).status, "In Office")
		make_election(
			deputy, self.community, post="Deputy Secretary", votes_for=12, election_date="2026-01-12"
		)
		self.assertEqual(self.term(term).status, "In Office")

	def test_someone_else_elected_secretary_in_a_general_election_ends_the_incumbents_term(self):
		incumbent = make_cadre(self.community).name
		old = make_term(incumbent, self.community, start_date="2021-01-10").name
		worker = self.worker()
		reserve = make_reserve(worker, self.community, until="Qualified")
		event = make_general_election([self.community])
		election = make_election(
			worker, self.community, reserve_candidate=reserve.name, general_election=event.name,
			election_date="2026-01-10",
		)  # fmt: skip
		ended = self.term(old)
		self.assertEqual(
			(ended.status, str(ended.ended_on), ended.ended_by), ("Ended", "2026-01-10", election.name)
		)
		self.assertIn(frappe.db.get_value("Cadre", worker, "full_name"), ended.end_reason)
		# The elected reserve's term starts with its appointment; the incumbent's term is not touched again.
		approved = self.approve(
			self.appointment(worker, "Secretary", "2026-02-01", reserve_candidate=reserve.name)
		)
		new = self.term(self.term_of(approved))
		self.assertEqual(
			(new.status, new.how, str(new.start_date)), ("In Office", "By Election", "2026-02-01")
		)
		self.assertEqual(self.term(old).ended_by, election.name)
		# Undone in reverse: the appointment, then the vote; the incumbent's term reopens.
		self.cancel(approved)
		frappe.get_doc("Election Record", election.name).cancel()
		self.assertEqual(self.term(old).status, "In Office")

	def test_an_appointment_into_a_single_holder_post_ends_the_predecessors_term(self):
		predecessor = make_cadre(self.community, also_director=1, appointment_date="2021-12-06").name
		secretary_term = make_term(predecessor, self.community, start_date="2021-12-06").name
		director_term = make_term(predecessor, self.community, post="Director", start_date="2021-12-06").name
		successor = self.worker()
		reserve = make_reserve(successor, self.community, until="Qualified")
		approved = self.approve(
			self.appointment(successor, "Secretary", "2026-03-01", reserve_candidate=reserve.name)
		)
		# The predecessor's secretary term ended the day the successor's began; its director's term stays.
		ended = self.term(secretary_term)
		self.assertEqual(
			(ended.status, str(ended.ended_on), ended.ended_by), ("Ended", "2026-03-01", approved.name)
		)
		self.assertEqual(self.term(director_term).status, "In Office")
		self.assertEqual(self.term(self.term_of(approved)).status, "In Office")
		# The register still has the predecessor as an active secretary: the Staffing Watch names it, since the
		# successor came (2026-03-01).
		two = [gap for gap in staffing_gaps({"community": self.community}) if gap.kind == TWO_SECRETARIES]
		self.assertEqual([(gap.person, str(gap.open_since)) for gap in two], [(predecessor, "2026-03-01")])
		# A director appointed: the 一肩挑 secretary's director term ends.
		director = self.approve(self.appointment(self.worker(), "Director", "2026-04-01"))
		self.assertEqual(
			(self.term(director_term).status, str(self.term(director_term).ended_on)), ("Ended", "2026-04-01")
		)
		# Cancelling the appointments reopens the predecessor's terms.
		self.cancel(director)
		self.cancel(approved)
		self.assertEqual(
			(self.term(secretary_term).status, self.term(director_term).status), ("In Office", "In Office")
		)

	def test_an_appointment_dated_on_or_before_a_term_it_ends_is_refused(self):
		make_term(make_cadre(self.community).name, self.community, start_date="2026-03-01")
		successor = self.worker()
		reserve = make_reserve(successor, self.community, until="Qualified")
		appointment = self.appointment(successor, "Secretary", "2026-03-01", reserve_candidate=reserve.name)
		with self.assertRaises(TermError):
			self.approve(appointment)
		self.assertEqual(frappe.db.get_value("Appointment", appointment.name, "docstatus"), 0)

	def test_a_single_holder_post_has_one_current_term(self):
		holder = make_cadre(self.community)
		make_term(holder.name, self.community, start_date="2021-12-06")
		with self.assertRaises(TermError) as refused:
			make_term(make_cadre(self.community).name, self.community, start_date="2023-01-01")
		self.assertIn(holder.full_name, str(refused.exception))
		# Several deputies serve at once.
		for _ in range(2):
			deputy = make_cadre(self.community, position="Deputy Secretary").name
			make_term(deputy, self.community, post="Deputy Secretary", start_date="2021-12-06")

	def test_an_adjusted_cadre_leaves_on_the_decision_date(self):
		secretary = make_cadre(self.community).name
		term = make_term(secretary, self.community, start_date="2021-12-06").name
		with dated("2026-03-02"):
			case = frappe.get_doc(
				"Adjustment Case",
				frappe.get_attr("community_gov.assessment.api.open_case_by_hand")(
					secretary, "Unfit for Post", "工作推不开,经考察认定不胜任现职", "街道党工委考察报告"
				),
			)
			case.start_review()
		# Decided at the meeting of 12 March, recorded on 20 March: the term ends on the 12th.
		with dated("2026-03-20"):
			decide_case(case, "Adjusted", decision_date="2026-03-12")
		ended = self.term(term)
		self.assertEqual(
			(ended.status, str(ended.ended_on), ended.end_reason), ("Ended", "2026-03-12", "Adjusted")
		)


class TestCancellingAnElection(TermsTestCase):
	def test_a_reserve_withdrawn_since_stays_withdrawn_and_the_pool_is_recounted(self):
		worker = self.worker()
		reserve = make_reserve(worker, self.community, until="Qualified")
		election = make_election(worker, self.community, reserve_candidate=reserve.name)
		withdrawn = frappe.get_doc("Reserve Candidate", reserve.name)
		withdrawn.db_set("withdrawal_reason", "本人申请退出")
		apply_workflow(withdrawn, "Withdraw")
		frappe.db.set_value("Community", self.community, "reserve_count", 99)  # stale
		frappe.get_doc("Election Record", election.name).cancel()
		self.assertEqual(
			frappe.db.get_value("Reserve Candidate", reserve.name, ["status", "election_record"]),
			("Withdrawn", None),
		)
		# The pool is counted again: no reserve in it.
		self.assertEqual(frappe.db.get_value("Community", self.community, "reserve_count"), 0)

	def test_refused_while_an_approved_appointment_has_started_the_term_that_followed_it(self):
		worker = self.worker()
		election = make_election(worker, self.community, post="Committee Member", election_date="2026-01-10")
		self.assertIsNone(election.cadre_term)  # not the incumbent: the term starts with the appointment
		approved = self.approve(self.appointment(worker, "Committee Member", "2026-02-01"))
		term = self.term_of(approved)
		self.assertEqual(self.term(term).election_record, election.name)
		with self.assertRaises(ElectionCancelError) as refused:
			frappe.get_doc("Election Record", election.name).cancel()
		self.assertIn(approved.name, str(refused.exception))
		self.assertEqual(self.term(term).status, "In Office")
		self.assertEqual(frappe.db.get_value("Election Record", election.name, "docstatus"), 1)
		# The appointment cancelled first, the vote can go.
		self.cancel(approved)
		frappe.get_doc("Election Record", election.name).cancel()
		self.assertEqual(frappe.db.get_value("Election Record", election.name, "docstatus"), 2)


class TestTermLengthByPost(TermsTestCase):
	def test_a_first_secretary_serves_two_years_and_a_community_worker_has_no_term(self):
		first = self.approve(self.appointment(self.worker(), "First Secretary", "2026-03-01"))
		# 2026-03-01 + 2 years.
		self.assertEqual(str(self.term(self.term_of(first)).end_date), "2028-03-01")
		member = make_cadre(self.community, position="Committee Member").name
		member_term = make_term(member, self.community, post="Committee Member", start_date="2021-12-06").name
		hired = self.approve(
			self.appointment(member, "Community Worker", "2026-03-01", post_to_remove="Committee Member")
		)
		# No term for the hired post; the committee member's term ended the day it moved.
		self.assertIsNone(self.term_of(hired))
		self.assertEqual(
			(self.term(member_term).status, str(self.term(member_term).ended_on)), ("Ended", "2026-03-01")
		)
		with self.assertRaises(TermError):
			make_term(self.worker(), self.community, post="Community Worker", start_date="2026-01-01")
		# The department changes a length: three years for a first secretary; a post without a row serves the
		# Term Length (5).
		self.set_settings(post_term_lengths=[{"post": "First Secretary", "term_years": 3}])
		again = self.approve(
			self.appointment(
				self.worker(), "First Secretary", "2026-05-01", community=make_community(self.sd).name
			)
		)
		self.assertEqual(str(self.term(self.term_of(again)).end_date), "2029-05-01")
		worker_term = make_term(
			self.worker(), self.community, post="Community Worker", start_date="2026-01-01"
		)
		self.assertEqual(str(worker_term.end_date), "2031-01-01")

	def test_the_settings_refuse_a_post_twice_or_a_negative_length(self):
		for rows in (
			[{"post": "First Secretary", "term_years": 2}, {"post": "First Secretary", "term_years": 3}],
			[{"post": "First Secretary", "term_years": -1}],
		):
			with self.assertRaises(frappe.ValidationError):
				self.set_settings(post_term_lengths=rows)

	def test_the_patch_adds_the_default_lengths_once(self):
		self.set_settings(post_term_lengths=[])
		add_default_term_lengths()
		rows = {
			row.post: row.term_years for row in frappe.get_single("Governance Settings").post_term_lengths
		}
		self.assertEqual(rows, {"First Secretary": 2, "Community Worker": 0})
		# A length the department changed stays; nothing is added twice.
		self.set_settings(post_term_lengths=[{"post": "First Secretary", "term_years": 3}])
		add_default_term_lengths()
		rows = [
			(row.post, row.term_years) for row in frappe.get_single("Governance Settings").post_term_lengths
		]
		self.assertEqual(rows, [("First Secretary", 3), ("Community Worker", 0)])


class TestTermsEndingCardAndReport(TermsTestCase):
	def test_the_card_counts_what_the_report_it_opens_lists(self):
		sd = make_sub_district().name
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(sd, reviewer)
		community = make_community(sd).name
		day = getdate(today())

		def term(end) -> str:
			cadre = make_cadre(community).name
			return make_term(cadre, community, "Committee Member", start_date="2019-01-01", end_date=end).name

		# Overdue since an earlier quarter (its 换届 not held), overdue since yesterday, due in 30 and in 90
		# days: on the card; due in 91 days: not on the card, on the report's default four quarters.
		overdue_long = term(first_day_of_quarter(day) - datetime.timedelta(days=100))
		overdue = term(day - datetime.timedelta(days=1))
		soon = term(day + datetime.timedelta(days=30))
		at_90 = term(day + datetime.timedelta(days=90))
		later = term(day + datetime.timedelta(days=91))
		frappe.set_user(reviewer)
		card = terms_ending_soon()
		self.assertEqual(card["value"], 4)
		self.assertEqual(card["route"], ["query-report", "Terms Ending"])
		self.assertEqual(
			card["route_options"],
			{"from_date": str(day), "to_date": str(day + datetime.timedelta(days=90)), "include_overdue": 1},
		)
		_columns, rows, _message, chart, summary = terms_ending(card["route_options"])
		self.assertEqual(sorted(row["term"] for row in rows), sorted([overdue_long, overdue, soon, at_90]))
		self.assertEqual([item["value"] for item in summary[:2]], [4, 2])  # 4 terms, 2 overdue
		self.assertEqual(chart["data"]["labels"][0], quarter_name(getdate(rows[0]["end_date"])))
		# The report's default view: this quarter and the next three, with every overdue term.
		default = {row["term"] for row in terms_ending({})[1]}
		self.assertEqual(default, {overdue_long, overdue, soon, at_90, later})
		# Overdue terms left out: the one from an earlier quarter goes.
		self.assertNotIn(overdue_long, {row["term"] for row in terms_ending({"include_overdue": 0})[1]})
		# The alerts announce the same terms.
		frappe.set_user("Administrator")
		announced = set(send_term_alerts(day))
		self.assertTrue({overdue_long, overdue, soon, at_90} <= announced)
		self.assertNotIn(later, announced)

	def test_the_quarter_is_translated(self):
		frappe.local.lang = "zh"
		frappe.local.lang_full_dict = None
		try:
			self.assertEqual(quarter_name(datetime.date(2026, 11, 23)), "2026年第4季度")
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None


class TestGeneralElectionProgress(TermsTestCase):
	def test_add_a_sub_districts_communities_and_count_the_elections(self):
		sd = make_sub_district().name
		communities = sorted(make_community(sd).name for _ in range(3))
		event = make_general_election([communities[0]])
		frappe.set_user(self.org)
		self.assertEqual(event.add_sub_district_communities(sd), 2)
		event.reload()
		self.assertEqual([row.community for row in event.communities], communities)
		self.assertEqual(event.community_count, 3)
		self.assertEqual(event.add_sub_district_communities(sd), 0)  # all covered already
		with self.assertRaises(GeneralElectionError):
			event.add_sub_district_communities("没有这个街道")
		frappe.set_user("Administrator")
		make_election(make_cadre(communities[1]).name, communities[1], general_election=event.name)
		make_election(
			make_cadre(communities[2]).name, communities[2], general_election=event.name, submit=False
		)
		# One community has a submitted election; the draft does not count.
		self.assertEqual(
			event.get_progress(),
			{
				"covered": 3,
				"with_election": 1,
				"without_election": 2,
				"without": [communities[0], communities[2]],
			},
		)
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(sd, reviewer)
		frappe.set_user(reviewer)
		self.assertEqual(event.get_progress()["with_election"], 1)
		frappe.set_user(self.other_reviewer)  # none of its communities is covered
		self.assertEqual(
			event.get_progress(), {"covered": 0, "with_election": 0, "without_election": 0, "without": []}
		)

	def test_only_the_department_adds_communities(self):
		event = make_general_election([self.community])
		for user in (self.reviewer, self.leader):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("General Election", event.name).add_sub_district_communities(self.sd)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("General Election", event.name, "community_count"), 1)

	def test_connections_of_the_general_election_and_the_community(self):
		def items(doctype):
			data = frappe.get_meta(doctype).get_dashboard_data()
			groups = {frappe._dict(group).label: group["items"] for group in data.transactions}
			return data.fieldname, groups["Terms and Elections"]

		self.assertEqual(items("General Election"), ("general_election", ["Election Record", "Cadre Term"]))
		self.assertEqual(items("Community"), ("community", ["Cadre Term", "Election Record"]))
		make_term(make_cadre(self.community).name, self.community)
		counts = frappe.get_attr("community_gov.connections.get_open_count")("Community", self.community)
		found = {row["doctype"]: row["count"] for row in counts["count"]["external_links_found"]}
		self.assertEqual((found["Cadre Term"], found["Election Record"]), (1, 0))
