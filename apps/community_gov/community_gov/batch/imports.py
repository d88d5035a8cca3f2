"""What the sheet imports share: reading the uploaded file, collecting errors by row and column, writing in
one of two modes, the Batch Import Log every upload leaves, and running the import as a background job.

Every row is checked before anything is written. The writes go through the documents' own save (as the
user: permissions, workflow edit rights, the controllers' checks), inside a savepoint:

- All or Nothing (the default): any error refuses the whole sheet and nothing is written; a write that fails
  after the checks (a rule the checks do not repeat) rolls back every row written before it.
- Good Rows Only: the rows without errors are written, each in its own savepoint; the others are listed.

A refused upload leaves its log too (with the file and the errors), so HR can see what was tried.

The request only checks what it can at once (the caller's role and scope, the file, the mode), reads the
sheet, writes the log as Queued and hands the import to an RQ job on the long queue, as Frappe's Data Import
does. The job runs as the user who uploaded the sheet and in the language the sheet was read in, writes the
result to the log and tells the user (realtime event `batch_import`, and the log). A sheet small enough to
take a few seconds is imported at once in the request, as before: HR sees the result without waiting for a
worker. A job that fails (an unexpected error, its time limit) writes nothing and leaves the log Failed
with the error.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import now, strip_html_tags
from rq.timeouts import JobTimeoutException

from community_gov.batch.sheets import MAX_ROWS, SheetRow, read_workbook
from community_gov.bulk import insert_records
from community_gov.exceptions import ImportFileError
from community_gov.text import bold

ALL_OR_NOTHING = "All or Nothing"
GOOD_ROWS_ONLY = "Good Rows Only"
IMPORT_MODES = (ALL_OR_NOTHING, GOOD_ROWS_ONLY)
# Row number of an error about the sheet as a whole (a missing column, the session's capacity).
WHOLE_SHEET = 0

# Batch Import Log statuses: waiting for a worker, being imported, and the outcomes.
QUEUED, IN_PROGRESS = "Queued", "In Progress"
IMPORTED, PARTIALLY_IMPORTED, REFUSED, FAILED = "Imported", "Partially Imported", "Refused", "Failed"
FINISHED = (IMPORTED, PARTIALLY_IMPORTED, REFUSED, FAILED)
# The realtime event telling the uploader that its import finished (public/js/batch_tools.js listens).
REALTIME_EVENT = "batch_import"

# The background job: on the long queue, where the worker also takes the daily sweep.
JOB_QUEUE = "long"
# Seconds per row (README, `./manage.sh bench-imports`, 2 cores): a score row creates or saves an assessment
# through its own save (1,000 rows in 19.8-25.3 s, 32.7 s while other work ran), a sign-in sheet is one save
# of the session (1,000 rows in 1.0-2.5 s).
SECONDS_PER_ROW = {"Scores": 0.025, "Attendance": 0.001}
# A sheet expected to take at most this long is imported in the request: HR sees the result at once (a
# sub-district's score sheet of up to 200 rows, a sign-in sheet of up to 5,000).
AT_ONCE_SECONDS = 5
# The job's time limit: the largest sheet read (sheets.MAX_ROWS, 20,000 rows) at 25 ms a row, three times over
# (75 ms a row on a loaded server): 1,500 s, Frappe's own limit for the long queue.
JOB_TIMEOUT = round(MAX_ROWS * max(SECONDS_PER_ROW.values()) * 3)


@dataclass
class RowError:
	row: int
	column: str
	message: str

	def as_dict(self) -> dict:
		return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
	import_type: str
	import_mode: str
	total_rows: int = 0
	created: int = 0
	updated: int = 0
	unchanged: int = 0
	errors: list[RowError] = field(default_factory=list)
	log: str | None = None
	failed: bool = False  # the job stopped (an unexpected error, its time limit): nothing written

	@property
	def failed_rows(self) -> int:
		return len({error.row for error in self.errors})

	@property
	def status(self) -> str:
		if self.failed:
			return FAILED
		if not self.errors:
			return IMPORTED
		return PARTIALLY_IMPORTED if self.created or self.updated else REFUSED

	def add_error(self, row: int, column: str, message: str) -> None:
		self.errors.append(RowError(row, column, plain(message)))

	def fail(self, message: str) -> None:
		"""The job stopped: whatever it counted or wrote is undone, only the reason remains."""
		self.failed = True
		self.created = self.updated = self.unchanged = 0
		self.errors = []
		self.add_error(WHOLE_SHEET, "", message)

	def as_dict(self) -> dict:
		return {
			"log": self.log,
			"status": self.status,
			"import_mode": self.import_mode,
			"total_rows": self.total_rows,
			"created": self.created,
			"updated": self.updated,
			"unchanged": self.unchanged,
			"failed_rows": self.failed_rows,
			"errors": [error.as_dict() for error in sorted(self.errors, key=lambda e: e.row)],
		}


def plain(message: str) -> str:
	"""A message as plain text (the app's messages bold their values with HTML)."""
	return html.unescape(strip_html_tags(str(message or ""))).strip()


def check_import_mode(import_mode: str) -> str:
	if import_mode not in IMPORT_MODES:
		frappe.throw(_("{0} is not an import mode").format(bold(import_mode)), ImportFileError)
	return import_mode


def read_uploaded_sheet(file_url: str) -> tuple[object, list[str], list[SheetRow]]:
	"""The File the user uploaded (its URL, as the desk's upload control gives it) and the sheet's headers
	and rows. Only the user's own upload is read: a URL is no key to someone else's file."""
	name = frappe.db.get_value(
		"File", {"file_url": file_url or "", "owner": frappe.session.user}, "name", order_by="creation desc"
	)
	if not name:
		frappe.throw(
			_("{0} is not a file you uploaded").format(bold(file_url)), ImportFileError, title=_("Not Found")
		)
	file_doc = frappe.get_doc("File", name)
	if not (file_doc.file_name or file_doc.file_url or "").lower().endswith(".xlsx"):
		frappe.throw(
			_("{0} is not an Excel workbook (.xlsx)").format(bold(file_doc.file_name)), ImportFileError
		)
	headers, rows = read_sheet(file_doc)
	return file_doc, headers, rows


def read_sheet(file_doc) -> tuple[list[str], list[SheetRow]]:
	try:
		return read_workbook(file_doc.get_content())
	except (ValueError, OSError):
		frappe.throw(
			_("{0} cannot be read as an Excel workbook (.xlsx)").format(bold(file_doc.file_name)),
			ImportFileError,
		)


def missing_columns(headers: list[str], required: Iterable[str], result: ImportResult) -> bool:
	"""Reports each required header the sheet lacks; True when one is missing."""
	missing = [label for label in required if label not in headers]
	for label in missing:
		result.add_error(WHOLE_SHEET, label, _("The sheet has no column {0}").format(bold(label)))
	return bool(missing)


@dataclass
class PlannedWrite:
	"""Checked rows, ready to be written: `write()` returns "created" or "updated" (one row), or the counts
	of each when it writes several rows at once."""

	row: int
	column: str  # the column named when the write itself is refused
	write: Callable[[], str | dict[str, int]]


def write_planned(planned: list[PlannedWrite], result: ImportResult) -> None:
	"""Writes the checked rows in the result's mode (see the module's docstring)."""
	if not planned or (result.errors and result.import_mode == ALL_OR_NOTHING):
		return
	frappe.db.savepoint("cg_import")
	written: Counter = Counter()
	for item in planned:
		if result.import_mode == GOOD_ROWS_ONLY:
			frappe.db.savepoint("cg_import_row")
		messages = len(frappe.local.message_log)
		try:
			outcome = item.write()
			written.update({outcome: 1} if isinstance(outcome, str) else outcome)
		except (frappe.ValidationError, frappe.PermissionError) as error:
			# The refusal is reported in the result; it should not pop up as well.
			del frappe.local.message_log[messages:]
			result.add_error(item.row, item.column, str(error) or type(error).__name__)
			if result.import_mode == ALL_OR_NOTHING:
				frappe.db.rollback(save_point="cg_import")
				return
			frappe.db.rollback(save_point="cg_import_row")
	result.created += written["created"]
	result.updated += written["updated"]


# ---------------------------------------------------------------- the log, the request and the job


def start_import(
	import_type: str, import_mode: str, file_url: str, job: Callable, at_once: bool | None = None, **scope
) -> dict:
	"""The request's part of an upload, once the caller's role and scope are checked: the mode and the file
	checked, the sheet read, the log written as Queued and the import enqueued (see the module's docstring).
	Returns the import's result when it ran at once, else the queued log. `at_once` (the benchmark) decides
	instead of the sheet's size; tests always run at once."""
	check_import_mode(import_mode)
	file_doc, _headers, rows = read_uploaded_sheet(file_url)
	log = new_log(import_type, import_mode, file_doc, len(rows), scope)
	if at_once is None:
		at_once = expected_seconds(import_type, len(rows)) <= AT_ONCE_SECONDS
	at_once = at_once or bool(frappe.flags.in_test)
	outcome = frappe.enqueue(
		job,
		queue=JOB_QUEUE,
		timeout=JOB_TIMEOUT,
		job_id=job_id(log),
		deduplicate=not at_once,
		# The worker reads the log this request writes: it starts once the request has committed.
		enqueue_after_commit=not at_once,
		now=at_once,
		log=log,
		user=frappe.session.user,
		lang=frappe.local.lang,
		queued=not at_once,
	)
	if at_once:
		return outcome
	return {"log": log, "status": QUEUED, "import_mode": import_mode, "total_rows": len(rows)}


def expected_seconds(import_type: str, rows: int) -> float:
	return rows * SECONDS_PER_ROW[import_type]


def job_id(log: str) -> str:
	return f"batch_import::{log}"


def new_log(import_type: str, import_mode: str, file_doc, total_rows: int, scope: dict) -> str:
	"""The upload's Batch Import Log, Queued, with the uploaded file attached to it."""
	log = frappe.get_doc(
		{
			"doctype": "Batch Import Log",
			"import_type": import_type,
			"import_mode": import_mode,
			"status": QUEUED,
			"imported_by": frappe.session.user,
			"imported_on": now(),
			"file": file_doc.file_url,
			"total_rows": total_rows,
			**scope,
		}
	)
	# No role creates logs (the DocType is read-only to everyone): the import writes its own.
	log.insert(ignore_permissions=True)
	file_doc.db_set({"attached_to_doctype": log.doctype, "attached_to_name": log.name})
	return log.name


ImportWork = Callable[[object, ImportResult, list[str], list[SheetRow]], dict]


def run_job(log: str, user: str, lang: str, queued: bool, work: ImportWork) -> dict:
	"""The import of a queued log, in a worker (queued) or at once in the request: as `user` (record access,
	the workflow and the controllers' checks are the uploader's) and in `lang` (the sheet's headers are read
	in the words it was written in). `work(log, result, headers, rows)` checks and writes the rows into the
	result and returns the log's scope (sub-district, year) when the rows give it."""
	previous_user, previous_lang = frappe.session.user, frappe.local.lang
	if previous_user != user:
		# A worker already runs as the job's user (frappe.enqueue passes it), but not after Frappe retries a
		# deadlocked job; at once in a request the user is the same and its session is left alone.
		frappe.set_user(user)
	frappe.local.lang = lang
	try:
		return import_logged_sheet(frappe.get_doc("Batch Import Log", log), queued, work)
	finally:
		frappe.local.lang = previous_lang
		if frappe.session.user != previous_user:
			frappe.set_user(previous_user)


def import_logged_sheet(log, queued: bool, work: ImportWork) -> dict:
	result = ImportResult(log.import_type, log.import_mode, total_rows=log.total_rows, log=log.name)
	if log.status in FINISHED:  # run before (a job picked up twice): its result stands
		return result_of_log(log)
	log.db_set("status", IN_PROGRESS)
	if queued:
		frappe.db.commit()  # the uploader sees that its import has started
	messages = len(frappe.local.message_log)
	scope = {}
	frappe.db.savepoint("cg_import_job")
	try:
		file_doc = frappe.get_doc("File", {"attached_to_doctype": log.doctype, "attached_to_name": log.name})
		headers, rows = read_sheet(file_doc)
		result.total_rows = len(rows)
		scope = work(log, result, headers, rows) or {}
	except Exception as error:
		undo_job(queued, error)
		result.fail(failure_message(error, frappe.local.message_log[messages:]))
		del frappe.local.message_log[messages:]  # told in the result, not as a pop-up
		frappe.log_error(
			title=_("Batch import {0} failed").format(log.name),
			reference_doctype=log.doctype,
			reference_name=log.name,
		)
		scope = {}
	write_result(log, result, scope)
	frappe.publish_realtime(
		REALTIME_EVENT, {"log": log.name, "status": result.status}, user=log.imported_by, after_commit=True
	)
	return result.as_dict()


def undo_job(queued: bool, error: Exception) -> None:
	"""Undoes everything the job wrote. In a worker the job's transaction holds nothing else (the status was
	committed). A time limit may have cut a query short and left the connection's replies out of step, so
	then the connection is replaced: the server rolls back the transaction of a connection that is gone."""
	if not queued:
		frappe.db.rollback(save_point="cg_import_job")
		return
	if not isinstance(error, JobTimeoutException):
		with suppress(Exception):
			frappe.db.rollback()
			return
	with suppress(Exception):
		frappe.db.close()
	frappe.db.connect()
	# What a rollback does besides ROLLBACK: what the undone work was to do after its commit is dropped.
	frappe.db.before_commit.reset()
	frappe.db.after_commit.reset()
	frappe.db.before_rollback.run()
	frappe.db.after_rollback.run()


def failure_message(error: Exception, printed: list) -> str:
	"""Why the job stopped, in the user's words: the message Frappe showed with the error (e.g. "Annual
	Assessment AA-2026-00012 already exists"), else the error's own."""
	if isinstance(error, JobTimeoutException):
		return _(
			"The import took longer than its time limit of {0} seconds and was stopped; nothing was written. Upload the sheet in smaller parts."
		).format(JOB_TIMEOUT)
	shown = [plain(entry.get("message")) for entry in printed if isinstance(entry, dict)]
	reason = (
		next((text for text in reversed(shown) if text), None) or plain(str(error)) or type(error).__name__
	)
	return _("The import stopped and nothing was written: {0}").format(reason)


@dataclass(frozen=True)
class ErrorRecord:
	"""A row of Batch Import Error."""

	name: str
	parent: str
	parenttype: str
	parentfield: str
	idx: int
	row_number: int
	column_label: str
	message: str


def write_result(log, result: ImportResult, scope: dict) -> None:
	"""The result on the log: its counts and status in one update, its errors in one insert, however many."""
	values = {
		"status": result.status,
		"total_rows": result.total_rows,
		"created_count": result.created,
		"updated_count": result.updated,
		"unchanged_count": result.unchanged,
		"failed_count": result.failed_rows,
		**{key: value for key, value in scope.items() if value is not None},
	}
	log.db_set(values)
	frappe.db.delete("Batch Import Error", {"parent": log.name, "parenttype": log.doctype})
	column_length = frappe.get_meta("Batch Import Error").get_field("column_label").length or 140
	insert_records(
		"Batch Import Error",
		[
			ErrorRecord(
				name=frappe.generate_hash(length=10),
				parent=log.name,
				parenttype=log.doctype,
				parentfield="errors",
				idx=index,
				row_number=error.row,
				column_label=(error.column or "")[:column_length],
				message=error.message,
			)
			for index, error in enumerate(sorted(result.errors, key=lambda e: e.row), start=1)
		],
	)


def result_of_log(log) -> dict:
	"""An import's result as the log keeps it (the shape of `ImportResult.as_dict`)."""
	return {
		"log": log.name,
		"status": log.status,
		"import_mode": log.import_mode,
		"total_rows": log.total_rows,
		"created": log.created_count,
		"updated": log.updated_count,
		"unchanged": log.unchanged_count,
		"failed_rows": log.failed_count,
		"errors": [
			{"row": row.row_number, "column": row.column_label, "message": row.message} for row in log.errors
		],
	}


def shared_value(values: Iterable) -> object:
	"""The one value shared by all, else None (a log's sub-district or year when the rows agree)."""
	distinct = {value for value in values if value not in (None, "")}
	return distinct.pop() if len(distinct) == 1 else None


def send_sheet(content: bytes, filename: str) -> None:
	"""Answers the request with the workbook as a download."""
	# Frappe decodes the name with "unicode-escape" (utils/response.py, as_binary), which garbles Chinese
	# given as it is: escaped first, it comes out whole.
	frappe.local.response.filename = filename.encode("unicode-escape").decode("ascii")
	frappe.local.response.filecontent = content
	frappe.local.response.type = "binary"
