"""The calendar year the app counts in, defined once: rules, reports and validations agree on "this year"."""

from __future__ import annotations

from frappe.utils import getdate, today


def current_year() -> int:
	"""This calendar year in the system's time zone."""
	return getdate(today()).year
