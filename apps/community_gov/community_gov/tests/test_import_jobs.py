"""The sheet imports as background jobs (community_gov.batch.imports), and the scheduled jobs' queues.

The upload is checked in the request, logged as Queued and enqueued on the long queue; in tests the job runs
at once (as Frappe's Data Import does), so the other import tests see the result as before. Here the
enqueue is captured (its arguments only) to run the job as a worker would: later, and for another session.
"""

from __future__ import annotations

import io
from unittest import mock

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from community_gov.batch import imports
from community_gov.batch.attendance import headers as attendance_headers
from community_gov.batch.attendance import import_attendance, run_attendance_import
from community_gov.batch.scores import headers, import_scores, run_score_import, score_sheet, target_header
from community_gov.tests import sheet_helpers as sheets
from community_gov.tests.factories import (
	DEFAULT_TARGETS,
	add_reviewer,
	future,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
	make_user,
)

YEAR = 2026
JOB_ARGUMENTS = ("log", "user", "lang", "queued")


def service() -> str:
	return target_header(*DEFAULT_TARGETS[1][:2])  # weight 40


def workbook(header_row: list[str], rows: int) -> bytes:
	"""A sheet of `rows` rows under these headers (what the request counts; the job is not run)."""
	book = Workbook()
	sheet = book.active
	sheet.append(header_row)
	for number in range(rows):
		sheet.append([f"CAD-{number:05d}", YEAR])
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def enqueued(call) -> tuple[dict, object]:
	"""What `call` enqueued (frappe.enqueue's arguments; the job is not run) and what it returned."""
	with mock.patch("frappe.enqueue") as enqueue:
		returned = call()
	enqueue.assert_called_once()
	return {"job": enqueue.call_args.args[0], **enqueue.call_args.kwargs}, returned


def run(job: dict) -> dict:
	"""The captured job, run as a worker runs it."""
	return job["job"](**{key: job[key] for key in JOB_ARGUMENTS})


def assessments_of(cadres: list[str]) -> dict[str, str]:
	return dict(
		frappe.get_all(
			"Annual Assessment",
			filters={"cadre": ("in", cadres), "year": YEAR, "docstatus": ("<", 2)},
			fields=["cadre", "owner"],
			as_list=True,
		)
	)


class TestImportJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.org = make_user(["Organization Department"]).name
		cls.reviewer = make_user(["Sub District Reviewer"]).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.sd, self.other_sd = make_sub_district().name, make_sub_district().name
		add_reviewer(self.sd, self.reviewer)
		community = make_community(self.sd).name
		self.secretaries = [make_cadre(community).name for _ in range(3)]
		self.outsider = make_cadre(make_community(self.other_sd).name).name
		for cadre in [*self.secretaries, self.outsider]:
			make_agreement(cadre, YEAR)

	def tearDown(self):
		frappe.set_user("Administrator")

	def filled_sheet(self, score: float = 30, outsider: bool = False) -> bytes:
		"""The sub-district's score sheet as its uploader downloads it, a score on every row (and a row for
		the other sub-district's secretary)."""
		sheet = score_sheet(self.sd, YEAR)
		rows = sheets.rows_of(sheet)
		extra = [{headers().cadre: self.outsider, headers().year: YEAR, service(): score}] if outsider else []
		return sheets.edit(sheet, {(row["_row"], service()): score for row in rows}, append=extra)

	def test_the_upload_is_logged_and_enqueued_on_the_long_queue(self):
		frappe.set_user(self.org)
		url = sheets.upload(self.filled_sheet())
		job, _returned = enqueued(lambda: import_scores(url, "Good Rows Only"))
		self.assertEqual(
			(job["job"], job["queue"], job["timeout"], job["job_id"]),
			(run_score_import, "long", imports.JOB_TIMEOUT, f"batch_import::{job['log']}"),
		)
		self.assertEqual(imports.JOB_TIMEOUT, 1500)  # 20,000 rows at 25 ms, three times over
		self.assertEqual(
			(job["user"], job["now"], job["queued"]), (self.org, True, False)
		)  # at once in tests
		log = frappe.get_doc("Batch Import Log", job["log"])
		self.assertEqual(
			(log.status, log.import_type, log.import_mode, log.total_rows, log.imported_by),
			("Queued", "Scores", "Good Rows Only", 3, self.org),
		)
		self.assertEqual(frappe.db.get_value("File", {"file_url": url}, "attached_to_name"), log.name)
		self.assertEqual(assessments_of(self.secretaries), {})  # nothing written before the job runs

		# Outside tests: a sheet expected to take more than a few seconds goes to a worker once the request
		# has committed, and the caller gets the queued log; a smaller one is imported at once.
		h = headers()
		large = sheets.upload(workbook([h.cadre, h.year], 201))  # 201 rows × 25 ms > 5 s
		small = sheets.upload(workbook([h.cadre, h.year], 200))
		frappe.flags.in_test = False
		try:
			job, returned = enqueued(lambda: import_scores(large))
			at_once, _returned = enqueued(lambda: import_scores(small))
		finally:
			frappe.flags.in_test = True
		self.assertEqual(
			(job["now"], job["queued"], job["enqueue_after_commit"], job["deduplicate"]),
			(False, True, True, True),
		)
		self.assertEqual(
			returned,
			{"log": job["log"], "status": "Queued", "import_mode": "All or Nothing", "total_rows": 201},
		)
		self.assertEqual((at_once["now"], at_once["queued"]), (True, False))

	def test_a_sign_in_sheet_goes_the_same_way(self):
		frappe.set_user("Administrator")
		session = make_session(
			make_program(audience="All Cadres").name, future(-1), status="In Progress",
			attendees=[{"cadre": cadre} for cadre in self.secretaries],
		).name  # fmt: skip
		frappe.set_user(self.org)
		h = attendance_headers()
		book = Workbook()
		book.active.append([h.id_number, h.status])
		for cadre in self.secretaries:
			book.active.append([frappe.db.get_value("Cadre", cadre, "id_number"), "Attended"])
		buffer = io.BytesIO()
		book.save(buffer)
		job, _returned = enqueued(lambda: import_attendance(session, sheets.upload(buffer.getvalue())))
		self.assertEqual(
			(job["job"], job["queue"], job["timeout"]), (run_attendance_import, "long", imports.JOB_TIMEOUT)
		)
		self.assertEqual(frappe.db.get_value("Batch Import Log", job["log"], "training_session"), session)
		result = run(job)
		self.assertEqual((result["status"], result["updated"]), ("Imported", 3), result)

	def test_the_job_runs_as_the_uploader(self):
		"""A reviewer's job, run in another session (a worker's), writes only within the reviewer's
		sub-district, as the reviewer."""
		frappe.set_user(self.reviewer)
		url = sheets.upload(self.filled_sheet(outsider=True))
		job, _returned = enqueued(lambda: import_scores(url, "Good Rows Only"))
		self.assertEqual(job["user"], self.reviewer)

		frappe.set_user("Administrator")  # who may write everywhere
		result = run(job)
		self.assertEqual(frappe.session.user, "Administrator")  # the session it ran in is left as it was
		self.assertEqual((result["status"], result["created"]), ("Partially Imported", 3), result)
		self.assertEqual([(e["column"], e["row"]) for e in result["errors"]], [(headers().cadre, 5)])
		self.assertIn("outside your access", result["errors"][0]["message"])
		self.assertEqual(assessments_of(self.secretaries), dict.fromkeys(self.secretaries, self.reviewer))
		self.assertEqual(assessments_of([self.outsider]), {})
		log = frappe.get_doc("Batch Import Log", job["log"])
		self.assertEqual(
			(log.status, log.created_count, log.failed_count, log.sub_district, log.year),
			("Partially Imported", 3, 1, self.sd, YEAR),
		)
		self.assertEqual([(e.row_number, e.column_label) for e in log.errors], [(5, headers().cadre)])
		# Picked up a second time (a worker restarted), the job does not import again.
		self.assertEqual(run(job), imports.result_of_log(log))
		self.assertEqual(len(assessments_of(self.secretaries)), 3)

	def test_a_failed_job_writes_nothing_and_says_why(self):
		"""A write failing for a reason the checks do not foresee (here a stray record holding the name the
		naming series gives next) stops the job: the rows written before it are undone, even in Good Rows
		Only, and the log is Failed with the reason."""
		frappe.set_user("Administrator")
		community = make_community(self.other_sd).name
		first, second = (
			make_assessment(make_cadre(community).name, YEAR, until="Draft").name for _ in range(2)
		)
		prefix, number = second.rsplit("-", 1)
		self.assertEqual(first, f"{prefix}-{int(number) - 1:0{len(number)}d}")
		frappe.delete_doc("Annual Assessment", first, force=True)
		# The series set back: the sheet's first new assessment takes the free name, the second collides.
		self.set_series(f"{prefix}-", int(number) - 2)
		frappe.set_user(self.org)
		job, _returned = enqueued(lambda: import_scores(sheets.upload(self.filled_sheet()), "Good Rows Only"))
		try:
			result = run(job)
		finally:
			self.set_series(f"{prefix}-", int(number))  # the other tests' assessments are named as usual
		self.assertEqual(
			(result["status"], result["created"], len(result["errors"])), ("Failed", 0, 1), result
		)
		self.assertIn("nothing was written", result["errors"][0]["message"])
		self.assertIn(second, result["errors"][0]["message"])
		self.assertEqual(assessments_of(self.secretaries), {})
		self.assertFalse(frappe.db.exists("Annual Assessment", first))
		self.assertFalse(frappe.local.message_log)
		log = frappe.get_doc("Batch Import Log", job["log"])
		self.assertEqual((log.status, log.created_count), ("Failed", 0))
		self.assertEqual(log.errors[0].message, result["errors"][0]["message"])
		self.assertTrue(
			frappe.db.exists(
				"Error Log", {"reference_doctype": "Batch Import Log", "reference_name": log.name}
			)
		)

	@staticmethod
	def set_series(series: str, current: int) -> None:
		frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (current, series))

	def test_a_sheet_gone_before_the_job_runs(self):
		frappe.set_user(self.org)
		job, _returned = enqueued(lambda: import_scores(sheets.upload(self.filled_sheet())))
		frappe.set_user("Administrator")
		sheet = frappe.db.get_value(
			"File", {"attached_to_doctype": "Batch Import Log", "attached_to_name": job["log"]}
		)
		frappe.delete_doc("File", sheet, force=True)
		frappe.set_user(self.org)
		result = run(job)
		self.assertEqual(result["status"], "Failed")
		self.assertEqual(frappe.db.get_value("Batch Import Log", job["log"], "status"), "Failed")
		self.assertEqual(assessments_of(self.secretaries), {})

	def test_the_request_checks_what_it_can_at_once(self):
		"""Refused in the request, before anything is logged or enqueued."""
		frappe.set_user(self.org)
		url = sheets.upload(self.filled_sheet())
		others = [make_user(["Leadership"]).name, make_user(["Cadre"]).name]
		with mock.patch("frappe.enqueue") as enqueue:
			with self.assertRaises(frappe.ValidationError):
				import_scores(url, "Some Rows")
			for user in others:
				frappe.set_user(user)
				with self.assertRaises(frappe.PermissionError):
					import_scores(url)
		enqueue.assert_not_called()
		self.assertFalse(frappe.db.exists("Batch Import Log", {"file": url}))


class TestScheduledJobs(FrappeTestCase):
	def test_queues_of_the_scheduled_jobs(self):
		"""The sweep and the compliance reminders read the whole population: the long queue (daily_long);
		tomorrow's session reminders and the term alerts (the terms ending within 90 days, by an index) stay
		on the default queue. The site's Scheduled Job Types follow the hooks (Frappe syncs them on install and
		migrate, replacing a method's row of another frequency)."""
		events = frappe.get_hooks("scheduler_events")
		long_jobs = {
			"community_gov.assessment.sweep.daily_sweep",
			"community_gov.training.reminders.send_compliance_reminders",
		}
		self.assertLessEqual(long_jobs, set(events["daily_long"]))
		self.assertEqual(
			[job for job in events["daily"] if job.startswith("community_gov.")],
			[
				"community_gov.training.reminders.send_session_reminders",
				"community_gov.terms.alerts.send_term_alerts",
			],
		)
		rows = frappe.get_all(
			"Scheduled Job Type",
			filters={
				"method": ("in", [*long_jobs, "community_gov.training.reminders.send_session_reminders"])
			},
			fields=["name", "method", "frequency"],
		)
		self.assertEqual(
			{row.method: row.frequency for row in rows},
			{
				**dict.fromkeys(long_jobs, "Daily Long"),
				"community_gov.training.reminders.send_session_reminders": "Daily",
			},
		)
		self.assertEqual(len(rows), 3)  # no row of an earlier frequency left behind
		sweep = frappe.get_doc("Scheduled Job Type", {"method": "community_gov.assessment.sweep.daily_sweep"})
		self.assertEqual(sweep.get_queue_name(), "long")
