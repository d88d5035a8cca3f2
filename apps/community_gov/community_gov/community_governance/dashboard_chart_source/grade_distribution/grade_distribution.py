"""Approved annual assessments by year and grade (the viewer's own sub-district for reviewers)."""

import frappe
from frappe import _

from community_gov.rules.assessment import GRADES


@frappe.whitelist(methods=["GET", "POST"])
@frappe.read_only()  # the chart reads from the replica, when the site has one
def get(chart_name: str | None = None, chart: str | None = None, no_cache: int | None = None,
		filters: str | None = None, from_date: str | None = None, to_date: str | None = None,
		timespan: str | None = None, time_interval: str | None = None,
		heatmap_year: str | None = None) -> dict:  # fmt: skip
	"""Arguments are the ones the desk passes every chart source; the chart takes no filters."""
	if not frappe.has_permission("Annual Assessment", "read"):
		frappe.throw(_("Not permitted to read {0}").format(_("Annual Assessment")), frappe.PermissionError)
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
