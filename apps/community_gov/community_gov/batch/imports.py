"""What the sheet imports share: reading the uploaded file, collecting errors by row and column, writing in
one of two modes, and the Batch Import Log every upload leaves.

Every row is checked before anything is written. The writes go through the documents' own save (as the
user: permissions, workflow edit rights, the controllers' checks), inside a savepoint:

- All or Nothing (the default): any error refuses the whole sheet and nothing is written; a write that fails
  after the checks (a rule the checks do not repeat) rolls back every row written before it.
- Good Rows Only: the rows without errors are written, each in its own savepoint; the others are listed.

A refused upload leaves its log too (with the file and the errors), so HR can see what was tried.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import now, strip_html_tags

from community_gov.batch.sheets import SheetRow, read_workbook
from community_gov.exceptions import ImportFileError
from community_gov.text import bold

ALL_OR_NOTHING = "All or Nothing"
GOOD_ROWS_ONLY = "Good Rows Only"
IMPORT_MODES = (ALL_OR_NOTHING, GOOD_ROWS_ONLY)
# Row number of an error about the sheet as a whole (a missing column, the session's capacity).
WHOLE_SHEET = 0


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

	@property
	def failed_rows(self) -> int:
		return len({error.row for error in self.errors})

	@property
	def status(self) -> str:
		if not self.errors:
			return "Imported"
		return "Partially Imported" if self.created or self.updated else "Refused"

	def add_error(self, row: int, column: str, message: str) -> None:
		self.errors.append(RowError(row, column, plain(message)))

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
	try:
		headers, rows = read_workbook(file_doc.get_content())
	except (ValueError, OSError):
		frappe.throw(
			_("{0} cannot be read as an Excel workbook (.xlsx)").format(bold(file_doc.file_name)),
			ImportFileError,
		)
	return file_doc, headers, rows


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


def save_log(result: ImportResult, file_doc, **scope) -> str:
	"""The upload's Batch Import Log, with the uploaded file attached to it."""
	log = frappe.get_doc(
		{
			"doctype": "Batch Import Log",
			"import_type": result.import_type,
			"import_mode": result.import_mode,
			"status": result.status,
			"imported_by": frappe.session.user,
			"imported_on": now(),
			"file": file_doc.file_url,
			"total_rows": result.total_rows,
			"created_count": result.created,
			"updated_count": result.updated,
			"unchanged_count": result.unchanged,
			"failed_count": result.failed_rows,
			"errors": [
				{"row_number": error.row, "column_label": error.column, "message": error.message}
				for error in sorted(result.errors, key=lambda e: e.row)
			],
			**scope,
		}
	)
	# No role creates logs (the DocType is read-only to everyone): the import writes its own.
	log.insert(ignore_permissions=True)
	file_doc.db_set({"attached_to_doctype": log.doctype, "attached_to_name": log.name})
	result.log = log.name
	return log.name


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
