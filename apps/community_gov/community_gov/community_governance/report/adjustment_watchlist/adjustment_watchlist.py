"""Adjustment Watchlist (调整预警): the two-year-fail rule (BRIEF R1) seen from the organization department.

Three sections, each row marked with its section:

- At Risk: the cadres `community_gov.assessment.watchlist.at_risk_cadres` names (the one definition, shared
  with the workspace's number card and the watch-list API): active cadres in a covered position whose latest
  approved year counts as failed while the run of failed years is still shorter than the limit.
- Open Cases: undecided adjustment cases (Proposed / Under Review).
- Decided Cases: Adjusted, Retained and Withdrawn cases, with the decision, its date and its reason.

Every row shows the figures of its year: an at-risk cadre's failed year, a case's trigger year (as the case
recorded them).

The year filter selects the failed year of the at-risk cadres and the trigger year of the cases; the section
filter selects the rows shown, while the summary (at risk / open / adjusted / retained) and the chart (decided
cases per trigger year, a bar each for Adjusted and Retained) cover all sections within the other filters.

Set-based, whatever the number of rows: one query for the at-risk cadres (`at_risk_cadres`: the cadres the
user may see whose latest approved year failed, with their histories), one for the cases the user may see
(the permission hooks apply) and one for the cases' trigger years. A sub-district reads its own rows
through the indexes on the sub-district (Cadre, Adjustment Case: sub-district and trigger year), on
(grade, docstatus, cadre, year) and (cadre, year, ...) (Annual Assessment) and on the parent (Adjustment
Case Year).
"""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint, getdate

from community_gov.assessment.watchlist import at_risk_cadres
from community_gov.report_filters import report_year
from community_gov.rules.assessment import DECIDED_CASE_STATUSES, OPEN_CASE_STATUSES, WITHDRAWN_STATUS
from community_gov.text import bold

AT_RISK, OPEN_CASES, DECIDED_CASES, ALL = "At Risk", "Open Cases", "Decided Cases", "All"
SECTIONS = (AT_RISK, OPEN_CASES, DECIDED_CASES)
CLOSED_STATUSES = (*DECIDED_CASE_STATUSES, WITHDRAWN_STATUS)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	section = filters.section or ALL
	if section not in (*SECTIONS, ALL):
		frappe.throw(
			_("{0} {1} is not one of {2}").format(
				_("Section"), bold(section), ", ".join(_(name) for name in (*SECTIONS, ALL))
			),
			title=_("Invalid Filter"),
		)
	year = report_year(filters, "year", _("Year"), None)
	translate = Translations()
	rows = {AT_RISK: at_risk_rows(filters.sub_district, year, translate), OPEN_CASES: [], DECIDED_CASES: []}
	cases = get_cases(filters.sub_district, year)
	trigger_years = get_trigger_years(cases)
	for case in cases:
		if case.status in OPEN_CASE_STATUSES:
			rows[OPEN_CASES].append(case_row(case, OPEN_CASES, trigger_years.get(case.name), translate))
		elif case.status in CLOSED_STATUSES:
			rows[DECIDED_CASES].append(case_row(case, DECIDED_CASES, trigger_years.get(case.name), translate))
	shown = [row for name in SECTIONS if section in (name, ALL) for row in rows[name]]
	return columns(), shown, None, chart(rows[DECIDED_CASES]), summary(rows)


class Translations(dict):
	"""`_` for the few words every row repeats (sections, positions, grades, statuses), each looked up once
	per report rather than once per row (a province has thousands of rows)."""

	def __missing__(self, text: str) -> str:
		self[text] = _(text)
		return self[text]

	def __call__(self, text: str | None) -> str:
		return self[text] if text else ""


def at_risk_rows(sub_district: str | None, year: int | None, translate: Translations) -> list[dict]:
	return [
		{
			"section": translate(AT_RISK),
			"sub_district": cadre.sub_district,
			"community": cadre.community,
			"cadre": cadre.cadre,
			"full_name": cadre.full_name,
			"position": translate(cadre.position),
			"year": cadre.year,
			"grade": translate(cadre.grade),
			"total_score": cadre.total_score,
			"satisfaction_rate": cadre.satisfaction_rate,
			"annual_assessment": cadre.assessment,
		}
		for cadre in at_risk_cadres(sub_district, year)
	]


def get_cases(sub_district: str | None, year: int | None) -> list[frappe._dict]:
	"""The adjustment cases the user may see (the permission hooks apply)."""
	conditions = {}
	if sub_district:
		conditions["sub_district"] = sub_district
	if year:
		conditions["trigger_year"] = year
	return frappe.get_list(
		"Adjustment Case",
		filters=conditions,
		fields=[
			"name",
			"cadre",
			"full_name",
			"position",
			"community",
			"sub_district",
			"status",
			"trigger_year",
			"decided_on",
			"decision_reason",
			"withdrawn_on",
			"withdrawal_reason",
		],
		order_by="trigger_year desc, sub_district asc, community asc, name asc",
		limit_page_length=0,
	)


def get_trigger_years(cases: list[frappe._dict]) -> dict[str, frappe._dict]:
	"""Each case's trigger year as the case recorded it (grade, scores, assessment): one query."""
	if not cases:
		return {}
	year = frappe.qb.DocType("Adjustment Case Year")
	rows = (
		frappe.qb.from_(year)
		.select(year.parent, year.year, year.grade, year.total_score, year.satisfaction_rate, year.assessment)
		.where((year.parenttype == "Adjustment Case") & year.parent.isin([case.name for case in cases]))
		.run(as_dict=True)
	)
	trigger_year = {case.name: case.trigger_year for case in cases}
	return {row.parent: row for row in rows if row.year == trigger_year[row.parent]}


def case_row(case: frappe._dict, section: str, trigger: frappe._dict | None, translate: Translations) -> dict:
	"""A case with its trigger year's figures (blank, not zero, when the case holds none for it)."""
	withdrawn = case.status == WITHDRAWN_STATUS
	decided_on = case.withdrawn_on if withdrawn else case.decided_on
	trigger = trigger or frappe._dict()
	return {
		"section": translate(section),
		"sub_district": case.sub_district,
		"community": case.community,
		"cadre": case.cadre,
		"full_name": case.full_name,
		"position": translate(case.position),
		"year": case.trigger_year,
		"grade": translate(trigger.grade),
		"total_score": trigger.total_score,
		"satisfaction_rate": trigger.satisfaction_rate,
		"annual_assessment": trigger.assessment,
		"adjustment_case": case.name,
		"status": translate(case.status),
		"case_status": case.status,
		"decided_on": getdate(decided_on) if decided_on else None,
		"decision_reason": (case.withdrawal_reason if withdrawn else case.decision_reason) or "",
	}


def columns() -> list[dict]:
	return [
		{"fieldname": "section", "label": _("Section"), "fieldtype": "Data", "width": 100},
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 140},
		# The row's `cadre` (the ID) links the name to the record (adjustment_watchlist.js).
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 100},
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 100},
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70},
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 90},
		{"fieldname": "total_score", "label": _("Total Score"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "satisfaction_rate", "label": _("Residents' Satisfaction"), "fieldtype": "Percent", "precision": 1, "width": 120},
		{"fieldname": "annual_assessment", "label": _("Annual Assessment"), "fieldtype": "Link", "options": "Annual Assessment", "width": 130},
		{"fieldname": "adjustment_case", "label": _("Adjustment Case"), "fieldtype": "Link", "options": "Adjustment Case", "width": 160},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "decided_on", "label": _("Decided On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "decision_reason", "label": _("Decision Reason"), "fieldtype": "Data", "width": 200},
	]  # fmt: skip


def chart(decided: list[dict]) -> dict | None:
	"""Decided cases per trigger year: a bar each for Adjusted and Retained (counts: whole-number axis)."""
	counts = Counter((row["year"], row["case_status"]) for row in decided)
	years = sorted({year for year, status in counts if status in DECIDED_CASE_STATUSES})
	if not years:
		return None
	return {
		"data": {
			"labels": [str(year) for year in years],
			"datasets": [
				{"name": _(status), "values": [counts[(year, status)] for year in years]}
				for status in DECIDED_CASE_STATUSES
			],
		},
		"type": "bar",
		# Bars of a few years would fill the width: the space between them keeps them bar-sized.
		"barOptions": {"spaceRatio": max(0.5, 1 - 0.2 * len(years))},
		"colors": ["#e24c4c", "#28a745"],
	}


def summary(rows: dict[str, list[dict]]) -> list[dict]:
	decided = Counter(row["case_status"] for row in rows[DECIDED_CASES])
	at_risk, open_cases = len(rows[AT_RISK]), len(rows[OPEN_CASES])
	return [
		{"label": _(AT_RISK), "value": at_risk, "indicator": "Orange" if at_risk else "Green"},
		{"label": _(OPEN_CASES), "value": open_cases, "indicator": "Red" if open_cases else "Green"},
		{"label": _("Adjusted"), "value": decided["Adjusted"], "indicator": "Blue"},
		{"label": _("Retained"), "value": decided["Retained"], "indicator": "Green"},
	]
