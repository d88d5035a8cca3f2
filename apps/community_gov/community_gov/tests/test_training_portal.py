"""The trainees' portal and its API: own data only, fixed cost, concurrency for the last seat, reminders."""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.exceptions import (
	DuplicateAttendeeError,
	EnrolmentClosedError,
	NotEnrolledError,
	SessionFullError,
	TimeClashError,
	WithdrawalClosedError,
)
from community_gov.query_counter import QueryCounter
from community_gov.tests.factories import (
	add_reviewer,
	api_token,
	future,
	make_cadre,
	make_community,
	make_outgoing_email_account,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)
from community_gov.training import portal
from community_gov.training.reminders import send_compliance_reminders, send_session_reminders


def post_as(token: str, method: str, data: dict, site: str):
	from frappe.tests.test_api import make_request
	from frappe.utils import get_test_client

	return make_request(
		target=get_test_client(use_cookies=False).post,
		args=(f"/api/method/community_gov.training.portal.{method}",),
		kwargs={"json": data, "headers": {"Authorization": token}},
		site=site,
	)


class TestTrainingPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.sub_district = make_sub_district().name
		cls.community = make_community(cls.sub_district).name
		cls.program = make_program().name
		cls.user = make_user(["Cadre"]).name
		cls.cadre = make_cadre(cls.community, user=cls.user).name
		cls.other = make_cadre(cls.community, user=make_user(["Cadre"]).name).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_guest_is_sent_to_login(self):
		from community_gov.portal.shell import PortalShellPage

		frappe.set_user("Guest")
		response = PortalShellPage("training").render()
		self.assertEqual(response.status_code, 302)
		self.assertEqual(response.headers["Location"], "/login?redirect-to=/training")
		with self.assertRaises(frappe.PermissionError):
			portal.get_portal_data()
		with self.assertRaises(frappe.PermissionError):
			portal.get_my_training()

	def test_the_page_data_says_what_the_trainee_may_do(self):
		"""get_my_training (what /training's script shows): a Menu enrolment may be withdrawn, an assigned one
		not; an attended session asks for feedback until given, then shows its stars; as JSON."""
		menu = make_session(self.program, future(30), mode="Menu", status="Enrolling", capacity=5)
		assigned = make_session(self.program, future(31), attendees=[{"cadre": self.cadre}])
		past = make_session(self.program, future(-12), attendees=[{"cadre": self.cadre}], status="Completed")
		frappe.set_user(self.user)
		portal.enrol(menu.name)
		data = frappe.parse_json(frappe.as_json(portal.get_my_training()))
		upcoming = {row["name"]: row for row in data["upcoming"]}
		self.assertEqual((upcoming[menu.name]["can_withdraw"], upcoming[assigned.name]["can_withdraw"]),
			(True, False))  # fmt: skip
		attended = next(row for row in data["past"] if row["name"] == past.name)
		self.assertEqual((attended["can_give_feedback"], attended["stars"]), (True, 0))
		self.assertEqual(data["compliance"]["year"], data["year"])
		# As stored: the page's shell translates it.
		self.assertIn(data["central_level"], ("City", "District", "Sub District"))
		portal.submit_feedback(past.name, 4, "")
		attended = next(row for row in portal.get_my_training()["past"] if row.name == past.name)
		self.assertEqual((attended.can_give_feedback, attended.stars), (False, 4))

	def test_enrol_see_withdraw_and_feedback(self):
		menu = make_session(self.program, future(20), mode="Menu", status="Enrolling", capacity=5)
		frappe.set_user(self.user)
		data = portal.get_portal_data()
		self.assertIn(menu.name, [s.name for s in data["menu"]])
		portal.enrol(menu.name)
		data = portal.get_portal_data()
		self.assertIn(menu.name, [s.name for s in data["upcoming"]])
		self.assertNotIn(menu.name, [s.name for s in data["menu"]])
		portal.withdraw(menu.name)
		self.assertNotIn(menu.name, [s.name for s in portal.get_portal_data()["upcoming"]])

		frappe.set_user("Administrator")
		past = make_session(self.program, future(-10), attendees=[{"cadre": self.cadre}, {"cadre": self.other}],
			status="Completed")  # fmt: skip
		frappe.set_user(self.user)
		portal.submit_feedback(past.name, 4, "内容实用")
		row = frappe.db.get_value("Training Attendance", {"parent": past.name, "cadre": self.cadre},
			["feedback_rating", "feedback_comment"])  # fmt: skip
		self.assertEqual(row, (0.8, "内容实用"))
		data = portal.get_portal_data()
		self.assertEqual(data["compliance"].central_attended, 1)
		self.assertTrue(all(s.name != past.name or s.status == "Attended" for s in data["past"]))

	def test_portal_enrolment_runs_the_session_validation(self):
		"""The portal saves the session document: the desk form's checks refuse it, in the cadre's words."""
		first = make_session(self.program, future(25, 9), hours=3, mode="Menu", status="Enrolling")
		overlapping = make_session(self.program, future(25, 10), hours=3, mode="Menu", status="Enrolling")
		frappe.set_user(self.user)
		portal.enrol(first.name)
		with self.assertRaises(TimeClashError) as caught:
			portal.enrol(overlapping.name)
		self.assertIn("You are already enrolled in", str(caught.exception))
		self.assertNotIn("/app/", str(caught.exception))  # a cadre is not sent into the desk
		with self.assertRaises(DuplicateAttendeeError) as caught:
			portal.enrol(first.name)
		self.assertIn("You are already enrolled in", str(caught.exception))

		frappe.set_user("Administrator")
		saved = frappe.get_doc("Training Session", first.name)
		self.assertEqual(saved.enrolled_count, 1)
		self.assertEqual(saved.modified_by, self.user)  # a document save, recorded as the cadre's
		self.assertEqual([(r.cadre, r.sub_district, r.enrolled_via) for r in saved.attendees],
			[(self.cadre, self.sub_district, "Menu")])  # fmt: skip

		# Withdrawing saves the document too: the seat and the count are given back.
		frappe.set_user(self.user)
		portal.withdraw(first.name)
		self.assertRaises(NotEnrolledError, portal.withdraw, first.name)
		frappe.set_user("Administrator")
		saved.reload()
		self.assertEqual((saved.enrolled_count, len(saved.attendees)), (0, 0))

	def test_full_and_closed_sessions_refuse_the_portal(self):
		full = make_session(self.program, future(26), mode="Menu", status="Enrolling", capacity=1,
			attendees=[{"cadre": self.other}])  # fmt: skip
		assigned = make_session(self.program, future(27), status="Enrolling")
		frappe.set_user(self.user)
		with self.assertRaises(SessionFullError) as caught:
			portal.enrol(full.name)
		self.assertIn("is full", str(caught.exception))
		self.assertRaises(EnrolmentClosedError, portal.enrol, assigned.name)  # not a Menu session

	def test_feedback_only_on_own_attended_session(self):
		session = make_session(
			self.program, future(-20), attendees=[{"cadre": self.other}], status="Completed"
		)
		frappe.set_user(self.user)
		with self.assertRaises(frappe.PermissionError):
			portal.submit_feedback(session.name, 5, "")

	def test_assigned_session_cannot_be_withdrawn_on_the_portal(self):
		session = make_session(self.program, future(21), attendees=[{"cadre": self.cadre}])
		frappe.set_user(self.user)
		self.assertRaises(WithdrawalClosedError, portal.withdraw, session.name)

	def test_page_costs_the_same_whatever_the_history(self):
		def queries(user):
			frappe.set_user(user)
			portal.get_portal_data()  # warm caches
			with QueryCounter() as counter:
				portal.get_portal_data()
			frappe.set_user("Administrator")
			return counter.count

		short_user = make_user(["Cadre"]).name
		short = make_cadre(self.community, user=short_user).name
		long_user = make_user(["Cadre"]).name
		long = make_cadre(self.community, user=long_user).name
		make_session(self.program, future(-30), attendees=[{"cadre": short}], status="Completed")
		for day in range(31, 37):
			make_session(self.program, future(-day), attendees=[{"cadre": long}], status="Completed")
		self.assertEqual(queries(short_user), queries(long_user))

	def test_calendar_feed_has_only_own_sessions(self):
		mine = make_session(self.program, future(22), attendees=[{"cadre": self.cadre}])
		theirs = make_session(self.program, future(23), attendees=[{"cadre": self.other}])
		frappe.set_user(self.user)
		url = portal.get_feed_url()
		token = url.split("token=")[1]
		frappe.set_user("Guest")
		portal.calendar_feed(token)
		text = frappe.response["filecontent"].decode()
		self.assertIn(mine.title, text)
		self.assertNotIn(theirs.title, text)
		with self.assertRaises(frappe.PermissionError):
			portal.calendar_feed("x" * 32)

	def test_two_trainees_racing_for_the_last_seat(self):
		"""Two real HTTP requests at the same moment, each on its own database connection."""
		session = make_session(self.program, future(24), mode="Menu", status="Enrolling", capacity=1)
		racers = []
		for _ in range(2):
			user = make_user(["Cadre"]).name
			make_cadre(self.community, user=user)
			racers.append(api_token(user))
		frappe.db.commit()
		results = [None, None]
		barrier = threading.Barrier(2)
		site = frappe.local.site

		def race(index):
			barrier.wait()
			results[index] = post_as(racers[index], "enrol", {"session": session.name}, site)

		threads = [threading.Thread(target=race, args=(i,)) for i in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		winners = [r for r in results if r.status_code == 200]
		losers = [r for r in results if r.status_code != 200]
		self.assertEqual((len(winners), len(losers)), (1, 1))
		self.assertIn("full", losers[0].text)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.count("Training Attendance", {"parent": session.name, "status": "Enrolled"}), 1
		)

	def test_reminders(self):
		make_outgoing_email_account()
		session = make_session(self.program, future(1), attendees=[{"cadre": self.cadre}])
		send_session_reminders()
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.user, "document_name": session.name})
		)
		self.assertTrue(frappe.db.exists("Email Queue Recipient", {"recipient": self.user}))

		settings = frappe.get_single("Governance Settings")
		settings.send_session_reminders = 0
		settings.save()
		try:
			other_user = make_user(["Cadre"]).name
			cadre = make_cadre(self.community, user=other_user).name
			late = make_session(self.program, future(1, 14), attendees=[{"cadre": cadre}])
			send_session_reminders()
			self.assertFalse(
				frappe.db.exists("Notification Log", {"for_user": other_user, "document_name": late.name})
			)
		finally:
			settings.reload()
			settings.send_session_reminders = 1
			settings.save()

		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(self.sub_district, reviewer)
		sent = send_compliance_reminders(force=True)
		self.assertGreaterEqual(sent[self.sub_district], 1)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": reviewer, "document_name": self.sub_district})
		)
