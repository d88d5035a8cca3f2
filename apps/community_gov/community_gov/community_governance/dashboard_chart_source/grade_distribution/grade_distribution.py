"""Approved annual assessments by year and grade (the viewer's own sub-district for reviewers)."""

import frappe
from frappe import _

from community_gov.rules.assessment import GRADES


@frappe.whitelist()
def get(chart_name=None, chart=None, no_cache=None, filters=None, from_date=None, to_date=None,
		timespan=None, time_interval=None, heatmap_year=None) -> dict:  # fmt: skip
	rows = frappe.get_list(
		"Annual Assessment",
		filters={"docstatus": 1},
		fields=["year", "grade", "count(name) as assessments"],
		group_by="year, grade",
		order_by="year asc",
		limit_page_length=0,
	)
	years = sorted({row.year for row in rows})
	counts = {(row.year, row.grade): row.assessments for row in rows}
	return {
		"labels": [str(year) for year in years],
		"datasets": [
			{"name": _(grade), "values": [counts.get((year, grade), 0) for year in years]} for grade in GRADES
		],
	}
