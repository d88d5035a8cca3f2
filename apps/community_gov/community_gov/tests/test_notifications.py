"""Notifications (community_gov.notifications) say and do what Frappe's own do: a case the rule opens reaches
every Organization Department user through the bell, realtime and, where the user's Notification Settings
ask for it, e-mail."""

from email import message_from_string

import frappe
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.realtime import get_user_room
from frappe.tests.utils import FrappeTestCase

from community_gov import notifications
from community_gov.query_counter import QueryCounter
from community_gov.tests.factories import (
	FAIL,
	make_assessment,
	make_cadre,
	make_community,
	make_outgoing_email_account,
	make_sub_district,
	make_user,
)

# Compared between Frappe's rows and ours: everything but the row's own name, recipient and time stamps.
COMPARED_FIELDS = (
	"type",
	"document_type",
	"document_name",
	"subject",
	"email_content",
	"from_user",
	"read",
	"owner",
	"modified_by",
	"docstatus",
	"link",
	"attached_file",
)


def realtime_notified() -> set[str]:
	"""The user rooms a `notification` event is waiting for the commit to reach."""
	return {
		room
		for event, _message, room in getattr(frappe.local, "_realtime_log", [])
		if event == "notification"
	}


def emails_to(user: str) -> list[str]:
	"""The text of the e-mails queued for the user (their MIME parts decoded)."""
	recipient = frappe.qb.DocType("Email Queue Recipient")
	queue = frappe.qb.DocType("Email Queue")
	messages = (
		frappe.qb.from_(recipient)
		.join(queue)
		.on(queue.name == recipient.parent)
		.select(queue.message)
		.where(recipient.recipient == user)
		.run(pluck=True)
	)
	return ["".join(text_parts(message)) for message in messages]


def text_parts(message: str) -> list[str]:
	return [
		part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		for part in message_from_string(message).walk()
		if part.get_content_type() in ("text/plain", "text/html")
	]


class TestCaseNotifications(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_outgoing_email_account()
		cls.mailed = make_user(["Organization Department"]).name  # Frappe's default settings: e-mail on
		cls.unmailed = make_user(["Organization Department"]).name
		frappe.db.set_value("Notification Settings", cls.unmailed, "enable_email_notifications", 0)
		cls.switched_off = make_user(["Organization Department"]).name
		frappe.db.set_value("Notification Settings", cls.switched_off, "enabled", 0)
		cls.disabled = make_user(["Organization Department"]).name
		frappe.db.set_value("User", cls.disabled, "enabled", 0)
		cls.reviewer = make_user(["Sub District Reviewer"]).name  # not of the department
		cls.community = make_community(make_sub_district().name).name

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "zh"
		frappe.local.lang_full_dict = None

	def tearDown(self):
		frappe.local.lang = "en"
		frappe.local.lang_full_dict = None

	def open_case(self) -> str:
		cadre = make_cadre(self.community).name
		make_assessment(cadre, 2012, **FAIL)
		frappe.db.set_value(
			"Notification Settings", {"name": ("in", [self.mailed, self.unmailed])}, "seen", 1
		)
		make_assessment(cadre, 2013, **FAIL)
		return frappe.db.get_value("Adjustment Case", {"cadre": cadre})

	def test_a_case_opened_reaches_the_department(self):
		case = self.open_case()
		full_name = frappe.db.get_value("Adjustment Case", case, "full_name")
		logs = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Adjustment Case", "document_name": case},
			fields=["for_user", "subject", "type", "from_user", "read", "email_content"],
		)
		by_user = {log.for_user: log for log in logs}
		self.assertTrue({self.mailed, self.unmailed} <= set(by_user))
		for skipped in (self.switched_off, self.disabled, self.reviewer):
			self.assertNotIn(skipped, by_user)

		log = by_user[self.mailed]
		self.assertEqual(log.subject, f"已为{full_name}生成调整案{case}:连续两年年度考核不合格")
		self.assertEqual((log.type, log.from_user, log.read), ("Alert", "Administrator", 0))
		self.assertIn(full_name, log.email_content)  # the e-mail says why the case opened

		# The bell: marked unseen, and a realtime event for each recipient once the transaction commits.
		self.assertEqual(
			frappe.get_all(
				"Notification Settings", {"name": ("in", [self.mailed, self.unmailed])}, pluck="seen"
			),
			[0, 0],
		)
		rooms = realtime_notified()
		self.assertTrue({get_user_room(self.mailed), get_user_room(self.unmailed)} <= rooms)
		self.assertNotIn(get_user_room(self.switched_off), rooms)

		# E-mail only where the user's settings ask for it: Frappe's notification e-mail, linking the case.
		mailed = [message for message in emails_to(self.mailed) if case in message]
		self.assertEqual(len(mailed), 1)
		self.assertIn("/app/adjustment-case/", mailed[0])
		self.assertEqual(emails_to(self.unmailed), [])
		self.assertEqual(emails_to(self.switched_off), [])


class TestNotificationHelper(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.users = [make_user(["Organization Department"]).name for _ in range(2)]
		frappe.db.set_value(
			"Notification Settings", {"name": ("in", cls.users)}, "enable_email_notifications", 0
		)
		cls.sub_district = make_sub_district().name

	def test_rows_are_those_frappe_makes(self):
		"""The same notice through Frappe's `make_notification_logs` and through the helper: equal rows."""
		frappe_user, our_user = self.users
		sub_district = make_sub_district().name  # a document of its own: no other test's rows
		subject = "街道<b>通知</b>"
		content = "<p>内容</p>"
		make_notification_logs(
			frappe._dict(
				type="Alert",
				document_type="Sub District",
				document_name=sub_district,
				subject=subject,
				email_content=content,
				from_user="Administrator",
			),
			[frappe_user],
		)
		notifications.notify([our_user], subject, "Sub District", sub_district, email_content=content)
		frappes, ours = (
			frappe.get_all(
				"Notification Log",
				filters={"for_user": user, "document_name": sub_district},
				fields=list(COMPARED_FIELDS),
			)
			for user in (frappe_user, our_user)
		)
		self.assertEqual(len(ours), 1)
		self.assertEqual(ours, frappes)
		self.assertTrue({get_user_room(frappe_user), get_user_room(our_user)} <= realtime_notified())

	def test_cost_does_not_grow_with_the_notices(self):
		def cost(count: int) -> int:
			notices = [
				notifications.Notice(self.users, f"通知{i}", "Sub District", self.sub_district)
				for i in range(count)
			]
			with QueryCounter() as counter:
				written = notifications.send(notices)
			self.assertEqual(len(written), count * len(self.users))
			return counter.count

		self.assertEqual(cost(1), cost(10))
		self.assertLessEqual(cost(10), 3)  # recipients, the rows, the bell (these users want no e-mail)

	def test_nothing_for_no_one(self):
		with QueryCounter() as counter:
			self.assertEqual(notifications.notify([], "无人", "Sub District", self.sub_district), [])
		self.assertEqual(counter.count, 0)
