"""HR's batch tools (community_gov/batch): attendance from a sign-in sheet, workflow actions on the selected
records, portal accounts in one action. The score sheet is tested with the year it belongs to
(test_year_batch.TestScoreImport)."""

from __future__ import annotations

import email
import json
import random
import re

import frappe
from frappe.tests.utils import FrappeTestCase

from community_gov.batch.accounts import create_portal_accounts
from community_gov.batch.attendance import attendance_sheet, headers, import_attendance
from community_gov.batch.scores import import_scores
from community_gov.batch.workflow_actions import apply_to_selected
from community_gov.exceptions import (
	AttendanceClosedError,
	BatchActionError,
	BatchReasonRequiredError,
	BatchSizeError,
	ImportFileError,
)
from community_gov.tests import sheet_helpers as sheets
from community_gov.tests.factories import (
	EXCELLENT,
	add_reviewer,
	future,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_outgoing_email_account,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)


def attendees(session: str) -> dict[str, tuple[str, float]]:
	return {
		row.cadre: (row.status, row.hours)
		for row in frappe.get_all(
			"Training Attendance", filters={"parent": session}, fields=["cadre", "status", "hours"]
		)
	}


class TestAttendanceImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name
		cls.sub_district = make_sub_district().name
		add_reviewer(cls.sub_district, cls.reviewer)
		cls.community = make_community(cls.sub_district).name
		cls.program = make_program(audience="All Cadres").name

	def setUp(self):
		frappe.set_user("Administrator")
		self.cadres = [make_cadre(self.community) for _ in range(4)]
		a, b, c, _d = (cadre.name for cadre in self.cadres)
		# Started yesterday, three hours long.
		self.session = make_session(
			self.program, future(-1), capacity=5, status="In Progress",
			attendees=[{"cadre": a}, {"cadre": b}, {"cadre": c}],
		).name  # fmt: skip

	def tearDown(self):
		frappe.set_user("Administrator")

	def sheet_rows(self, content: bytes) -> dict[str, dict]:
		return {row[headers().id_number]: row for row in sheets.rows_of(content)}

	def test_a_sign_in_sheet_marks_the_session(self):
		h = headers()
		a, b, c, d = self.cadres
		frappe.set_user(self.org)
		sheet = attendance_sheet(self.session)
		rows = self.sheet_rows(sheet)
		self.assertEqual(sorted(rows), sorted(cadre.id_number for cadre in (a, b, c)))
		self.assertEqual(rows[a.id_number][h.status], "Enrolled")
		filled = sheets.edit(
			sheet,
			{
				(rows[a.id_number]["_row"], h.status): "Attended",  # blank hours: the whole session
				(rows[b.id_number]["_row"], h.status): "Attended",
				(rows[b.id_number]["_row"], h.hours): 2,
				(rows[c.id_number]["_row"], h.status): "Absent",
			},
			# Came without being enrolled: found by name and community.
			append=[
				{h.full_name: d.full_name, h.community: self.community, h.status: "Attended", h.hours: 1.5}
			],
		)
		result = import_attendance(self.session, sheets.upload(filled))
		self.assertEqual((result["status"], result["created"], result["updated"]), ("Imported", 1, 3), result)
		self.assertEqual(
			attendees(self.session),
			{
				a.name: ("Attended", 3),
				b.name: ("Attended", 2),
				c.name: ("Absent", 0),
				d.name: ("Attended", 1.5),
			},
		)
		log = frappe.get_doc("Batch Import Log", result["log"])
		self.assertEqual(
			(log.import_type, log.training_session, log.status), ("Attendance", self.session, "Imported")
		)
		# The same sheet again changes nothing.
		again = import_attendance(self.session, sheets.upload(filled))
		self.assertEqual((again["unchanged"], again["created"], again["updated"]), (4, 0, 0))

	def test_any_wrong_row_refuses_the_sheet(self):
		h = headers()
		a, b, c, d = self.cadres
		twin_name = d.full_name
		frappe.set_user("Administrator")
		make_cadre(self.community, full_name=twin_name)  # two cadres of one name in one community
		frappe.set_user(self.org)
		sheet = attendance_sheet(self.session)
		rows = self.sheet_rows(sheet)
		last = max(row["_row"] for row in rows.values())
		filled = sheets.edit(
			sheet,
			{
				(rows[a.id_number]["_row"], h.status): "Late",
				(rows[b.id_number]["_row"], h.status): "Attended",
				(rows[b.id_number]["_row"], h.hours): 5,
				(rows[c.id_number]["_row"], h.status): "Absent",
				(rows[c.id_number]["_row"], h.hours): 2,
			},
			append=[
				{h.id_number: "110101199001011237", h.status: "Attended"},
				{h.full_name: twin_name, h.community: self.community, h.status: "Attended"},
				{h.id_number: b.id_number, h.full_name: "王五", h.status: "Attended"},
			],
		)
		before = attendees(self.session)
		result = import_attendance(self.session, sheets.upload(filled))
		self.assertEqual(result["status"], "Refused")
		self.assertEqual(
			sorted((e["row"], e["column"]) for e in result["errors"]),
			sorted([
				(rows[a.id_number]["_row"], h.status),
				(rows[b.id_number]["_row"], h.hours),
				(rows[c.id_number]["_row"], h.hours),
				(last + 1, h.id_number),
				(last + 2, h.id_number),
				(last + 3, h.full_name),
			]),
		)  # fmt: skip
		self.assertEqual(attendees(self.session), before)

	def test_good_rows_only(self):
		h = headers()
		a, b, _c, _d = self.cadres
		frappe.set_user(self.org)
		sheet = attendance_sheet(self.session)
		rows = self.sheet_rows(sheet)
		filled = sheets.edit(
			sheet,
			{(rows[a.id_number]["_row"], h.status): "Attended", (rows[b.id_number]["_row"], h.hours): "三"},
		)
		result = import_attendance(self.session, sheets.upload(filled), "Good Rows Only")
		self.assertEqual(
			(result["status"], result["updated"], result["failed_rows"]), ("Partially Imported", 1, 1)
		)
		self.assertEqual(attendees(self.session)[a.name], ("Attended", 3))

	def test_seats_clashes_and_the_session_start(self):
		"""A cadre added by the sheet is checked as an enrolment is (community_gov.training.sessions)."""
		h = headers()
		_a, _b, _c, d = self.cadres
		frappe.set_user("Administrator")
		late = [make_cadre(self.community) for _ in range(3)]
		make_session(self.program, future(-1, hour=10), attendees=[{"cadre": late[0].name}])  # overlaps
		frappe.set_user(self.org)
		sheet = attendance_sheet(self.session)
		result = import_attendance(
			self.session,
			sheets.upload(
				sheets.edit(
					sheet,
					{},
					append=[
						{h.id_number: late[0].id_number, h.status: "Attended"},  # in the other session then
						{h.id_number: d.id_number, h.status: "Attended"},  # the 4th and 5th seat: fine
						{h.id_number: late[1].id_number, h.status: "Attended"},
						{h.id_number: late[2].id_number, h.status: "Attended"},  # the 6th seat of 5
					],
				)
			),
		)
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(5, h.status), (8, h.status)], result
		)
		self.assertIn("5", result["errors"][1]["message"])
		# Before the session starts only enrolment can be recorded.
		frappe.set_user("Administrator")
		upcoming = make_session(self.program, future(3), attendees=[{"cadre": d.name}]).name
		frappe.set_user(self.org)
		sheet = attendance_sheet(upcoming)
		row = self.sheet_rows(sheet)[d.id_number]["_row"]
		result = import_attendance(upcoming, sheets.upload(sheets.edit(sheet, {(row, h.status): "Attended"})))
		self.assertEqual([(e["row"], e["column"]) for e in result["errors"]], [(row, h.status)])

	def test_closed_sessions_and_scope(self):
		frappe.set_user("Administrator")
		done = make_session(
			self.program, future(-5), status="Completed", attendees=[{"cadre": self.cadres[0].name}]
		)
		frappe.set_user(self.org)
		with self.assertRaises(AttendanceClosedError):
			attendance_sheet(done.name)
		# A reviewer changes its own Sub District level training only.
		frappe.set_user(self.reviewer)
		with self.assertRaises(frappe.PermissionError):
			attendance_sheet(self.session)
		frappe.set_user("Administrator")
		own_program = make_program(
			level="Sub District", sub_district=self.sub_district, audience="All Cadres"
		).name
		own = make_session(own_program, future(-2), status="In Progress").name
		outsider = make_cadre(make_community(make_sub_district().name).name)
		frappe.set_user(self.reviewer)
		h = headers()
		result = import_attendance(
			own,
			sheets.upload(
				sheets.edit(
					attendance_sheet(own),
					{},
					append=[
						{h.id_number: outsider.id_number, h.status: "Attended"},
						{h.id_number: self.cadres[0].id_number, h.status: "Attended"},
					],
				)
			),
		)
		self.assertEqual([(e["row"], e["column"]) for e in result["errors"]], [(2, h.id_number)])
		self.assertIn("within your access", result["errors"][0]["message"])
		self.assertEqual(attendees(own), {})
		for user in (make_user(["Leadership"]).name, make_user(["Cadre"]).name):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				import_attendance(self.session, "/private/files/none.xlsx")


class TestBatchWorkflowActions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.sd, self.other = make_sub_district().name, make_sub_district().name
		add_reviewer(self.sd, self.reviewer)
		self.community = make_community(self.sd).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def assessments(self, count: int, until: str, community: str | None = None, **values) -> list[str]:
		frappe.set_user("Administrator")
		return [
			make_assessment(make_cadre(community or self.community).name, 2025, until=until, **values).name
			for _ in range(count)
		]

	def states(self, names: list[str]) -> list[str]:
		return [frappe.db.get_value("Annual Assessment", name, "workflow_state") for name in names]

	def test_mixed_results_each_record_on_its_own(self):
		ready = self.assessments(3, "Self Assessed")
		draft = self.assessments(1, "Draft")
		frappe.set_user(self.org)
		summary = apply_to_selected("Annual Assessment", [*ready, *draft], "Review")
		self.assertEqual((summary["done"], summary["refused"]), (3, 1))
		by_name = {row["name"]: row for row in summary["results"]}
		self.assertEqual(by_name[draft[0]]["status"], "refused")
		self.assertIn("Draft", by_name[draft[0]]["message"])
		self.assertEqual(by_name[ready[0]]["state"], "Reviewed")
		self.assertTrue(by_name[ready[0]]["title"])
		self.assertEqual(self.states(ready + draft), ["Reviewed"] * 3 + ["Draft"])
		self.assertFalse(frappe.local.message_log)

	def test_return_asks_one_reason_and_records_it_on_each(self):
		names = self.assessments(2, "Self Assessed")
		frappe.set_user(self.reviewer)
		with self.assertRaises(BatchReasonRequiredError):
			apply_to_selected("Annual Assessment", json.dumps(names), "Return", " ")
		summary = apply_to_selected("Annual Assessment", json.dumps(names), "Return", "自评材料不全")
		self.assertEqual(summary["done"], 2)
		for name in names:
			self.assertEqual(
				frappe.db.get_value("Annual Assessment", name, ["workflow_state", "return_reason"]),
				("Returned", "自评材料不全"),
			)

	def test_a_reviewer_within_its_scope(self):
		own = self.assessments(1, "Self Assessed")
		other = self.assessments(1, "Self Assessed", community=make_community(self.other).name)
		frappe.set_user(self.reviewer)
		summary = apply_to_selected("Annual Assessment", own + other, "Review")
		results = {row["name"]: row for row in summary["results"]}
		self.assertEqual(results[own[0]]["status"], "done")
		self.assertEqual(
			(results[other[0]]["status"], results[other[0]]["title"], results[other[0]]["state"]),
			("refused", "", ""),
		)
		self.assertIn("outside your access", results[other[0]]["message"])
		self.assertEqual(self.states(other), ["Self Assessed"])
		# Approving is the department's: every record refused, none changed.
		summary = apply_to_selected("Annual Assessment", own, "Approve")
		self.assertEqual(summary["refused"], 1)
		self.assertEqual(self.states(own), ["Reviewed"])

	def test_the_excellent_quota_holds_across_the_batch(self):
		"""7 assessments allow 1 Excellent (15%): of two Excellent approved together the second is refused,
		and the refusal undoes neither the first nor the others."""
		excellent = self.assessments(2, "Reviewed", **EXCELLENT)
		competent = self.assessments(5, "Reviewed")
		frappe.set_user(self.org)
		summary = apply_to_selected("Annual Assessment", [*excellent, competent[0]], "Approve")
		self.assertEqual([row["status"] for row in summary["results"]], ["done", "refused", "done"])
		self.assertIn("Excellent", summary["results"][1]["message"])
		self.assertEqual(self.states([*excellent, competent[0]]), ["Approved", "Reviewed", "Approved"])

	def test_agreements_sent_for_signature(self):
		frappe.set_user("Administrator")
		drafts = [make_agreement(make_cadre(self.community).name, 2026, sign=False).name for _ in range(2)]
		frappe.set_user(self.reviewer)
		summary = apply_to_selected("Target Agreement", drafts, "Send for Signature")
		self.assertEqual(summary["done"], 2)
		self.assertEqual(
			{frappe.db.get_value("Target Agreement", name, "workflow_state") for name in drafts},
			{"Pending Signature"},
		)

	def test_what_the_batch_does_not_take(self):
		names = self.assessments(1, "Approved")
		frappe.set_user(self.org)
		with self.assertRaises(BatchActionError):
			apply_to_selected("Annual Assessment", names, "Cancel")
		with self.assertRaises(BatchActionError):
			apply_to_selected("Adjustment Case", names, "Review")
		with self.assertRaises(BatchSizeError):
			apply_to_selected("Annual Assessment", [f"AA-{i}" for i in range(501)], "Review")
		for user in (make_user(["Leadership"]).name, make_user(["Cadre"]).name):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				apply_to_selected("Annual Assessment", names, "Review")


def random_mobile() -> str:
	while True:
		number = f"139{random.randrange(10**8):08d}"
		if not frappe.db.exists("Cadre", {"phone": number}) and not frappe.db.exists(
			"User", {"mobile_no": number}
		):
			return number


def reset_keys_in_mail(recipient: str) -> list[str]:
	"""The set-password keys in the newest e-mail queued for `recipient` (decoded from the MIME message)."""
	keys = []
	queued = frappe.get_all(
		"Email Queue Recipient",
		filters={"recipient": recipient},
		pluck="parent",
		order_by="creation desc",
		limit=1,
	)
	for parent in queued:
		message = email.message_from_string(frappe.db.get_value("Email Queue", parent, "message"))
		for part in message.walk():
			if part.get_content_maintype() == "text":
				text = part.get_payload(decode=True).decode("utf-8", "ignore")
				keys += re.findall(r"update-password\?key=([A-Za-z0-9]+)", text)
	return keys


class TestPortalAccounts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_outgoing_email_account()
		cls.org = make_user(["Organization Department"]).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.sd = make_sub_district().name
		self.community = make_community(self.sd).name
		shared = random_mobile()
		self.ready = make_cadre(self.community, phone=random_mobile())
		self.no_phone = make_cadre(self.community)
		self.landline = make_cadre(self.community, phone="0531-86123456")
		self.twins = [make_cadre(self.community, phone=shared) for _ in range(2)]
		self.linked = make_cadre(self.community, phone=random_mobile(), user=make_user(["Cadre"]).name)
		self.retired = make_cadre(self.community, phone=random_mobile(), status="Retired")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_accounts_for_a_sub_district_in_one_action(self):
		frappe.set_user(self.org)
		summary = create_portal_accounts(self.sd)
		self.assertEqual([row["cadre"] for row in summary["created"]], [self.ready.name])
		self.assertEqual(
			{row["cadre"]: row["reason"] for row in summary["skipped"]},
			{
				self.no_phone.name: "no_phone",
				self.landline.name: "not_mobile",
				self.twins[0].name: "duplicate_phone",
				self.twins[1].name: "duplicate_phone",
				self.linked.name: "has_account",
			},
		)
		self.assertTrue(summary["mail_account"])
		user = frappe.get_doc("User", summary["created"][0]["user"])
		self.assertEqual(frappe.db.get_value("Cadre", self.ready.name, "user"), user.name)
		self.assertEqual(
			(user.user_type, user.mobile_no, user.enabled, [r.role for r in user.roles]),
			("Website User", self.ready.phone, 1, ["Cadre"]),
		)
		# The welcome e-mail with its set-password link is queued, and the key is nowhere else.
		keys = sorted(set(reset_keys_in_mail(user.email)))
		self.assertEqual(len(keys), 1)
		self.assertTrue(user.reset_password_key)
		self.assertNotEqual(user.reset_password_key, keys[0])  # stored hashed
		self.assertNotIn(keys[0], json.dumps(summary, default=str))
		self.assertNotIn(keys[0], json.dumps(frappe.local.message_log, default=str))
		self.assertFalse(frappe.get_all("Error Log", filters={"error": ("like", f"%{keys[0]}%")}))
		# A second run creates nothing.
		again = create_portal_accounts(self.sd)
		self.assertEqual(again["created"], [])

	def test_more_accounts_than_frappe_creates_in_an_hour(self):
		"""Frappe's sign-up throttle (users an hour) does not stop an authorised batch, and is restored after."""
		frappe.set_user("Administrator")
		for twin in self.twins:
			frappe.db.set_value("Cadre", twin.name, "phone", random_mobile())
		frappe.set_user(self.org)
		frappe.local.conf.throttle_user_limit = 0
		try:
			summary = create_portal_accounts(self.sd)
			self.assertEqual(frappe.local.conf.throttle_user_limit, 0)
		finally:
			frappe.local.conf.throttle_user_limit = 100000
		self.assertEqual(len(summary["created"]), 3)

	def test_scope(self):
		reviewer = make_user(["Sub District Reviewer"]).name
		add_reviewer(make_sub_district().name, reviewer)
		for user in (reviewer, make_user(["Leadership"]).name, make_user(["Cadre"]).name):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				create_portal_accounts(self.sd)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Cadre", self.ready.name, "user"))

	def test_a_cadre_who_leaves_loses_its_login(self):
		frappe.set_user(self.org)
		user = create_portal_accounts(self.sd)["created"][0]["user"]
		cadre = frappe.get_doc("Cadre", self.ready.name)
		cadre.status = "Resigned"
		cadre.save()
		self.assertEqual(frappe.db.get_value("User", user, "enabled"), 0)
		self.assertTrue(
			frappe.db.exists("Comment", {"reference_name": cadre.name, "content": ("like", f"%{user}%")})
		)
		# Back in post, the account stays disabled until a system manager enables it.
		cadre.reload()
		cadre.status = "Active"
		cadre.save()
		self.assertEqual(frappe.db.get_value("User", user, "enabled"), 0)


class TestUploadedFiles(FrappeTestCase):
	"""An import reads only an Excel workbook the caller uploaded itself."""

	def setUp(self):
		frappe.set_user(make_user(["Organization Department"]).name)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_what_is_not_read(self):
		for url in (
			sheets.upload(b"name,score\n", "scores.csv"),
			sheets.upload(b"not a workbook", "scores.xlsx"),
			"/private/files/none.xlsx",
		):
			with self.assertRaises(ImportFileError, msg=url):
				import_scores(url)
		frappe.set_user(make_user(["Organization Department"]).name)
		someone_elses = sheets.upload(b"PK", "theirs.xlsx")
		frappe.set_user(make_user(["Organization Department"]).name)
		with self.assertRaises(ImportFileError):
			import_scores(someone_elses)
		self.assertFalse(frappe.get_all("Batch Import Log", filters={"owner": frappe.session.user}))
