"""User-written text stored outside a form save is cleaned exactly as a save would clean it."""

from __future__ import annotations

from frappe.utils.html_utils import sanitize_html


def clean_text(value: str | None) -> str:
	"""Frappe's save-time XSS filter (`BaseDocument._sanitize_content`), for `db_set`/`set_value` paths."""
	value = (value or "").strip()
	if "<" not in value and ">" not in value:
		return value
	return sanitize_html(value)
