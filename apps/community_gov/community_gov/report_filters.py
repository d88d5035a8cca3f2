"""Year filters of the reports, checked once: a year the data can hold and a bounded span, so a filter
cannot make a report read an unbounded range (and tie up a worker). Also the years the reports open on,
from the data (the desk's filters ask `get_default_years`; a report run without a year uses the same), and
which years have any training on record."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Max

from community_gov.assessment.common import EARLIEST_YEAR
from community_gov.dates import current_year
from community_gov.permissions import require_roles
from community_gov.text import bold

MAX_REPORT_YEARS = 10


def report_year(
	filters,
	fieldname: str,
	label: str,
	default: int,
	earliest: int = EARLIEST_YEAR,
	latest: int | None = None,
) -> int:
	"""The year filter `fieldname`: `default` when empty, else a year from `earliest` (the register's first
	assessed year unless the report's data goes back further, as honours do) to `latest` (next year unless
	the data cannot be later)."""
	value = filters.get(fieldname)
	if value in (None, ""):
		return default
	latest = current_year() + 1 if latest is None else latest
	try:
		year = int(value)
	except (TypeError, ValueError):
		year = None
	if year is None or not earliest <= year <= latest:
		frappe.throw(
			_("{0} must be a year from {1} to {2}, not {3}").format(label, earliest, latest, bold(value)),
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


# ---------------------------------------------------------------- the years the reports open on

REPORT_ROLES = ("Organization Department", "Sub District Reviewer", "Leadership", "System Manager")


def latest_assessment_year() -> int:
	"""The latest year with approved assessments: the year the assessment reports open on (last year when
	none is approved yet). An assessment of a year is made after the year, so this is rarely the current one."""
	assessment = frappe.qb.DocType("Annual Assessment")
	year = frappe.qb.from_(assessment).select(Max(assessment.year)).where(assessment.docstatus == 1).run()
	return int(year[0][0]) if year and year[0][0] else current_year() - 1


def latest_training_year() -> int:
	"""The latest year with completed training (a submitted session): the year the training reports open on
	(the current year when none is completed yet)."""
	session = frappe.qb.DocType("Training Session")
	year = frappe.qb.from_(session).select(Max(session.year)).where(session.docstatus == 1).run()
	return int(year[0][0]) if year and year[0][0] else current_year()


def training_years(first_year: int, last_year: int) -> set[int]:
	"""The years of the range with training on record: a session held or planned (not cancelled).

	For a year without any, training figures are unknown (e.g. before the district kept its training here),
	not zero: reports leave them blank instead of showing 0 hours and every cadre as not compliant."""
	session = frappe.qb.DocType("Training Session")
	return {
		int(year)
		for year in frappe.qb.from_(session)
		.select(session.year)
		.distinct()
		.where(
			(session.docstatus < 2)
			& (session.status != "Cancelled")
			& (session.year >= first_year)
			& (session.year <= last_year)
		)
		.run(pluck=True)
	}


@frappe.whitelist()
def get_default_years() -> dict[str, int]:
	"""The years the reports' filters start with, from the data: the latest year with approved assessments,
	the latest year with completed training, and the later of the two."""
	require_roles(*REPORT_ROLES)
	assessment_year, training_year = latest_assessment_year(), latest_training_year()
	return {
		"assessment_year": assessment_year,
		"training_year": training_year,
		"latest_year": max(assessment_year, training_year),
	}
