"""Terms Ending (任期届满): the current terms ending between two dates, by quarter, so the department plans the
换届 and the appointments a quarter ahead, and every current term already past its end (overdue: the 换届 or
appointment that renews it is late), however long ago it ended, unless "Include Overdue" is unticked. The
window (community_gov.rules.terms.report_window) and its filters (community_gov.terms.ending) are the ones the
workspace card counts with: the card opens this report on its own window (today to the alert lead time, with
the overdue terms).

Set-based: one permission-aware query over Cadre Term (the user's scope as the Cadre Term list has it: a
reviewer its own sub-districts), grouped by quarter in Python.
"""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint, getdate, nowdate

from community_gov.rules.terms import (
	add_years,
	days_left,
	is_overdue,
	quarter_label,
	quarter_of,
	report_window,
)
from community_gov.terms.ending import ending_terms
from community_gov.text import Translations, bold

MAX_YEARS = 10


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	today = getdate(nowdate())
	window = get_window(filters, today)
	data = get_data(filters, window, today)
	return get_columns(), data, None, get_chart_data(data), get_report_summary(data)


def get_window(filters, today):
	"""From the first day of this quarter through four quarters, unless the filters say otherwise, with every
	overdue term unless left out; at most ten years, so a filter cannot make the report read every term."""
	include_overdue = cint(filters.include_overdue) if filters.get("include_overdue") is not None else 1
	window = report_window(
		today,
		getdate(filters.from_date) if filters.from_date else None,
		getdate(filters.to_date) if filters.to_date else None,
		bool(include_overdue),
	)
	if window.end < window.start:
		frappe.throw(
			_("{0} {1} is before the {2} {3}").format(
				_("To Date"), bold(window.end), _("From Date"), window.start
			),
			title=_("Invalid Filter"),
		)
	if window.end > add_years(window.start, MAX_YEARS):
		frappe.throw(
			_("{0} to {1} is more than {2} years").format(bold(window.start), bold(window.end), MAX_YEARS),
			title=_("Invalid Filter"),
		)
	return window


def quarter_name(day) -> str:
	"""The quarter's label, translated (zh: 2026年第4季度)."""
	return quarter_label(day, _("{0} Q{1}"))


def get_data(filters, window, today) -> list[dict]:
	conditions = {key: filters[key] for key in ("sub_district", "post") if filters.get(key)}
	terms = ending_terms(
		window,
		["name", "sub_district", "community", "cadre", "full_name", "post", "how", "start_date", "end_date"],
		**conditions,
	)
	words, quarters = Translations(), {}
	rows = []
	for term in terms:
		end = term.end_date
		quarter = quarter_of(end)
		if quarter not in quarters:
			quarters[quarter] = quarter_name(end)
		rows.append(
			{
				"quarter": quarters[quarter],
				"sub_district": term.sub_district,
				"community": term.community,
				"cadre": term.cadre,
				"full_name": term.full_name,
				"post": words[term.post],
				"how": words[term.how],
				"start_date": term.start_date,
				"end_date": end,
				"days_left": days_left(end, today),
				"overdue": is_overdue(end, today),
				"term": term.name,
			}
		)
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "quarter", "label": _("Quarter"), "fieldtype": "Data", "width": 90},
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 130},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 100},
		{"fieldname": "post", "label": _("Post"), "fieldtype": "Data", "width": 110},
		{"fieldname": "how", "label": _("Elected or Appointed"), "fieldtype": "Data", "width": 90},
		{"fieldname": "start_date", "label": _("Term Start"), "fieldtype": "Date", "width": 100},
		{"fieldname": "end_date", "label": _("Term End"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_left", "label": _("Days Left"), "fieldtype": "Int", "width": 80},
		{"fieldname": "term", "label": _("Cadre Term"), "fieldtype": "Link", "options": "Cadre Term", "width": 110},
	]  # fmt: skip


def quarter_counts(rows: list[dict]) -> list[tuple[str, int]]:
	"""Terms per quarter, in time order (by the end dates, not the translated labels)."""
	counts = Counter(quarter_of(row["end_date"]) for row in rows)
	labels = {quarter_of(row["end_date"]): row["quarter"] for row in rows}
	return [(labels[key], counts[key]) for key in sorted(counts)]


def get_chart_data(rows: list[dict]) -> dict | None:
	counts = quarter_counts(rows)
	if not counts:
		return None
	return {
		"data": {
			"labels": [quarter for quarter, _count in counts],
			"datasets": [{"name": _("Terms Ending"), "values": [count for _quarter, count in counts]}],
		},
		"type": "bar",
		"colors": ["#e24c4c"],
	}


def get_report_summary(rows: list[dict]) -> list[dict]:
	overdue = sum(row["overdue"] for row in rows)
	return [
		{"label": _("Terms Ending"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Overdue"),
			"value": overdue,
			"datatype": "Int",
			"indicator": "Red" if overdue else "Green",
		},
		*(
			{"label": quarter, "value": count, "datatype": "Int", "indicator": "Orange"}
			for quarter, count in quarter_counts(rows)
		),
	]
