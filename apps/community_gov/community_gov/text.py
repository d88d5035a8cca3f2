"""User-written text stored outside a form save is cleaned exactly as a save would clean it."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cstr, escape_html
from frappe.utils.html_utils import sanitize_html


def clean_text(value: str | None) -> str:
	"""Frappe's save-time XSS filter (`BaseDocument._sanitize_content`), for `db_set`/`set_value` paths."""
	value = (value or "").strip()
	if "<" not in value and ">" not in value:
		return value
	return sanitize_html(value)


def bold(value) -> str:
	"""`frappe.bold` for messages that show data: Frappe's message dialogs render HTML, so the value is
	escaped first (a title or a name is text, never markup)."""
	return frappe.bold(escape_html(cstr(value)))


class Translations(dict):
	"""`_()` of each distinct value, once: a report translating a value per row of a province's hundreds of
	thousands spends most of its time in `_()`. Empty stays empty."""

	def __missing__(self, value):
		translated = self[value] = _(value) if value else ""
		return translated
