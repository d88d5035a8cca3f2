"""Cadre Scorecard (书记计分卡): per cadre and year the total score, grade, satisfaction, target-area
scores, training hours and R6 compliance, reserve mentees and open adjustment case; a trend chart.

Each row is one year: that year's assessment and that year's training (community_gov.scorecard). By default
the four years up to the latest year with approved assessments or completed training, so the current year's
training shows before its assessment is made. A year without any training on record leaves hours and
compliance blank.

Set-based: one query for the cadres the user may see (`community_gov.cadres.cadre_criterion`), then one query
per table joining those cadres, whatever the rows: one sub-district reads its own rows through the indexes
(Cadre by sub-district, Annual Assessment and Cadre Training Year by cadre and year).
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _

from community_gov.cadres import cadre_criterion
from community_gov.report_filters import (
	latest_assessment_year,
	latest_training_year,
	report_year,
	report_year_span,
)
from community_gov.scorecard import AREA_FIELDS, scorecard_rows
from community_gov.text import Translations

LISTED_STATUSES = ("Active", "Adjusted")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(filters), data, None, get_chart_data(data), get_report_summary(data)


def get_years(filters) -> tuple[int, int]:
	to_year = report_year(filters, "to_year", _("To Year"), None)
	if to_year is None:
		to_year = max(latest_assessment_year(), latest_training_year())
	from_year = report_year(filters, "from_year", _("From Year"), to_year - 3)
	report_year_span(to_year - from_year + 1, _("Years"))
	return from_year, to_year


def get_data(filters) -> list[dict]:
	from_year, to_year = get_years(filters)
	cadre = frappe.qb.DocType("Cadre")
	rows = scorecard_rows(
		cadre,
		cadre_criterion(cadre, filters, LISTED_STATUSES),
		from_year,
		to_year,
		order_by=("sub_district", "community", "name"),
	)
	grades = Translations()
	for row in rows:
		row["grade"] = grades[row["grade"]]
	return rows


def get_columns(filters=None) -> list[dict]:
	return [
		# The row's `cadre` (the ID) links the name to the record (cadre_scorecard.js): one column per person.
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 100},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 120},
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70},
		{"fieldname": "total_score", "label": _("Total Score"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 90},
		{"fieldname": "satisfaction_rate", "label": _("Residents' Satisfaction"), "fieldtype": "Percent", "precision": 1, "width": 110},
		*({"fieldname": field, "label": _(area), "fieldtype": "Percent", "precision": 1, "width": 100} for area, field in AREA_FIELDS.items()),
		{"fieldname": "training_hours", "label": _("Credit Hours"), "fieldtype": "Float", "precision": 1, "width": 80},
		{"fieldname": "training_compliant", "label": _("Training Compliant"), "fieldtype": "Check", "width": 90},
		{"fieldname": "mentees", "label": _("Reserve Mentees"), "fieldtype": "Int", "width": 90},
		{"fieldname": "open_case", "label": _("Open Adjustment Case"), "fieldtype": "Link", "options": "Adjustment Case", "width": 150},
	]  # fmt: skip


def get_chart_data(data: list[dict]) -> dict | None:
	"""The total score over the assessed years (a year not assessed yet would read as 0): one line per cadre
	(at most eight, else the average)."""
	names, totals = {}, defaultdict(lambda: [0.0, 0])
	for row in data:
		if row["total_score"] is not None:
			names.setdefault(row["cadre"], row["full_name"])
			total = totals[row["year"]]
			total[0] += row["total_score"]
			total[1] += 1
	if not totals:
		return None
	years = sorted(totals)
	if len(names) <= 8:
		by_cadre = defaultdict(dict)
		for row in data:
			if row["total_score"] is not None:
				by_cadre[row["cadre"]][row["year"]] = row["total_score"]
		datasets = [
			{"name": names[c], "values": [scores.get(y, 0) for y in years]} for c, scores in by_cadre.items()
		]
	else:
		datasets = [
			{
				"name": _("Average Total Score"),
				"values": [round(totals[y][0] / totals[y][1], 2) for y in years],
			}
		]
	return {"data": {"labels": [str(y) for y in years], "datasets": datasets}, "type": "line"}


def get_report_summary(data: list[dict]) -> list[dict]:
	scored = [row["total_score"] for row in data if row["total_score"] is not None]
	return [
		{"label": _("Cadres"), "value": len({row["cadre"] for row in data}), "indicator": "Blue"},
		{
			"label": _("Average Total Score"),
			"value": round(sum(scored) / len(scored), 2) if scored else 0,
			"indicator": "Green",
		},  # fmt: skip
		{
			"label": _("Open Adjustment Cases"),
			"value": len({row["open_case"] for row in data if row["open_case"]}),
			"indicator": "Red",
		},  # fmt: skip
	]
