"""Terms Ending (任期届满): the current terms ending between two dates, by quarter, so the department plans the
换届 and the appointments a quarter ahead; a term already past its end and still current shows as overdue
(negative days left) in the quarter it ended.

Set-based: one permission-aware query over Cadre Term (the user's scope as the Cadre Term list has it: a
reviewer its own sub-districts), grouped by quarter in Python.
"""

from __future__ import annotations

import datetime
from collections import Counter

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from community_gov.rules.terms import TERM_CURRENT, add_years, days_left, quarter_label
from community_gov.text import bold

MAX_YEARS = 10


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	today = getdate(nowdate())
	start, end = report_window(filters, today)
	data = get_data(filters, start, end, today)
	return get_columns(), data, None, get_chart_data(data), get_report_summary(data)


def first_day_of_quarter(day: datetime.date) -> datetime.date:
	return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def report_window(filters, today: datetime.date) -> tuple[datetime.date, datetime.date]:
	"""From the first day of this quarter through four quarters, unless the filters say otherwise; at most
	ten years, so a filter cannot make the report read every term ever entered."""
	start = getdate(filters.from_date) if filters.from_date else first_day_of_quarter(today)
	end = getdate(filters.to_date) if filters.to_date else add_years(start, 1) - datetime.timedelta(days=1)
	if end < start:
		frappe.throw(
			_("{0} {1} is before the {2} {3}").format(_("To Date"), bold(end), _("From Date"), start),
			title=_("Invalid Filter"),
		)
	if end > add_years(start, MAX_YEARS):
		frappe.throw(
			_("{0} to {1} is more than {2} years").format(bold(start), bold(end), MAX_YEARS),
			title=_("Invalid Filter"),
		)
	return start, end


def get_data(filters, start: datetime.date, end: datetime.date, today: datetime.date) -> list[dict]:
	conditions = {"status": TERM_CURRENT, "end_date": ("between", (start, end))}
	if filters.sub_district:
		conditions["sub_district"] = filters.sub_district
	if filters.post:
		conditions["post"] = filters.post
	terms = frappe.get_list(
		"Cadre Term",
		filters=conditions,
		fields=[
			"name",
			"sub_district",
			"community",
			"cadre",
			"full_name",
			"post",
			"how",
			"start_date",
			"end_date",
		],
		order_by="end_date asc, sub_district asc, community asc, name asc",
		limit_page_length=0,
	)
	return [
		{
			"quarter": quarter_label(getdate(term.end_date)),
			"sub_district": term.sub_district,
			"community": term.community,
			"cadre": term.cadre,
			"full_name": term.full_name,
			"post": _(term.post),
			"how": _(term.how),
			"start_date": term.start_date,
			"end_date": term.end_date,
			"days_left": days_left(getdate(term.end_date), today),
			"term": term.name,
		}
		for term in terms
	]


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
	"""Terms per quarter, in time order (the labels sort as text)."""
	return sorted(Counter(row["quarter"] for row in rows).items())


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
	overdue = sum(row["days_left"] < 0 for row in rows)
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
