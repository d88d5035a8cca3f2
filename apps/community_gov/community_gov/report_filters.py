"""Year filters of the reports, checked once: a year the data can hold and a bounded span, so a filter
cannot make a report read an unbounded range (and tie up a worker)."""

from __future__ import annotations

import frappe
from frappe import _

from community_gov.assessment.common import EARLIEST_YEAR, current_year
from community_gov.text import bold

MAX_REPORT_YEARS = 10


def report_year(filters, fieldname: str, label: str, default: int) -> int:
	value = filters.get(fieldname)
	if value in (None, ""):
		return default
	try:
		year = int(value)
	except (TypeError, ValueError):
		year = None
	if year is None or not EARLIEST_YEAR <= year <= current_year() + 1:
		frappe.throw(
			_("{0} must be a year from {1} to {2}, not {3}").format(
				label, EARLIEST_YEAR, current_year() + 1, bold(value)
			),
			title=_("Invalid Filter"),
		)
	return year


def report_year_span(years: int, label: str) -> int:
	"""A number of years a report looks back over: 1 to MAX_REPORT_YEARS."""
	if not 1 <= years <= MAX_REPORT_YEARS:
		frappe.throw(
			_("{0} must be from 1 to {1} years, not {2}").format(label, MAX_REPORT_YEARS, bold(years)),
			title=_("Invalid Filter"),
		)
	return years
