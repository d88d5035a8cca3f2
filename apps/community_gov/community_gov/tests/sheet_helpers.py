"""Sheets in the batch tools' tests: an uploaded file as the user, a downloaded sheet read and edited."""

from __future__ import annotations

import io

import frappe
from openpyxl import load_workbook

from community_gov.batch.sheets import edit_workbook


def upload(content: bytes, file_name: str = "sheet.xlsx") -> str:
	"""The sheet uploaded by the session user, as the desk's upload control does it: its file URL."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": file_name, "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	return file.file_url


def rows_of(content: bytes) -> list[dict]:
	"""The first sheet's rows as {header: value}, each with its Excel row number under "_row"."""
	sheet = load_workbook(io.BytesIO(content)).worksheets[0]
	headers = [cell.value for cell in sheet[1]]
	return [
		{"_row": row[0].row, **{header: cell.value for header, cell in zip(headers, row, strict=True)}}
		for row in sheet.iter_rows(min_row=2)
		if any(cell.value is not None for cell in row)
	]


def edit(content: bytes, changes: dict[tuple[int, str], object], append: list[dict] | None = None) -> bytes:
	"""The sheet with cells changed ((Excel row, header) → value) and rows appended ({header: value})."""
	return edit_workbook(content, changes, append)


def downloaded() -> bytes:
	"""The file a download method answered with."""
	assert frappe.local.response.type == "binary"
	return frappe.local.response.filecontent


def first_rows(content: bytes, count: int) -> bytes:
	"""The sheet with only its first `count` data rows."""
	workbook = load_workbook(io.BytesIO(content))
	sheet = workbook.worksheets[0]
	if sheet.max_row > count + 1:
		sheet.delete_rows(count + 2, sheet.max_row - count - 1)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()
