"""Current terms ending in a window (community_gov.rules.terms.EndingWindow), as one set of list filters shared by
the daily alerts, the workspace card 任期即将届满 and the Terms Ending report: the card counts the terms ending
soon or overdue (rules.terms.ending_soon) and opens the report on that same window (`route_options`), the
report lists by default this quarter and the three after it plus every overdue term (rules.terms.report_window).
"""

from __future__ import annotations

import frappe

from community_gov.rules.terms import TERM_CURRENT, EndingWindow


def window_filters(window: EndingWindow, **conditions) -> tuple[dict, list]:
	"""(filters, or_filters) for frappe.get_list / get_all: current terms, the other `conditions`, and an end
	in the window or, when it counts them, before today."""
	filters = {"status": TERM_CURRENT, **conditions}
	or_filters = [["end_date", "between", (window.start, window.end)]]
	if window.overdue_before:
		or_filters.append(["end_date", "<", window.overdue_before])
	return filters, or_filters


def ending_terms(window: EndingWindow, fields: list[str], **conditions) -> list[frappe._dict]:
	"""The terms in the window the user may see (the Cadre Term list's scope: a reviewer its sub-districts)."""
	filters, or_filters = window_filters(window, **conditions)
	return frappe.get_list(
		"Cadre Term",
		filters=filters,
		or_filters=or_filters,
		fields=fields,
		order_by="end_date asc, sub_district asc, community asc, name asc",
		limit_page_length=0,
	)


def count_ending(window: EndingWindow) -> int:
	filters, or_filters = window_filters(window)
	rows = frappe.get_list(
		"Cadre Term",
		filters=filters,
		or_filters=or_filters,
		fields=["count(name) as terms"],
		limit_page_length=0,
	)
	return int(rows[0].terms) if rows else 0


def route_options(window: EndingWindow) -> dict:
	"""The Terms Ending report's filters for the window."""
	return {
		"from_date": str(window.start),
		"to_date": str(window.end),
		"include_overdue": 1 if window.overdue_before else 0,
	}
