"""Numbers for the workspace's cards, each within the viewer's access (reviewers: own sub-district).

The desk passes the card's `filters` (unused: the cards have none)."""

from __future__ import annotations

import frappe
from frappe import _, _lt

# The workspace shows these card and chart names; listing them puts them in the translation catalog.
LABELS = (
	_lt("Secretaries"),
	_lt("Open Adjustment Cases"),
	_lt("At-Risk Cadres"),
	_lt("Reserve Pool In Range"),
	_lt("Training Compliance"),
	_lt("Staffing Gaps"),
	_lt("Grade Distribution by Year"),
	_lt("Person-Times by Month"),
	_lt("Reserve Funnel"),
)


def require_read(doctype: str) -> None:
	if not frappe.has_permission(doctype, "read"):
		frappe.throw(_("Not permitted to read {0}").format(_(doctype)), frappe.PermissionError)


@frappe.whitelist()
@frappe.read_only()
def at_risk_cadres(filters: str | None = None) -> dict:
	"""The cadres the Adjustment Watchlist report it leads to lists as at risk (same function, same scope)."""
	from community_gov.assessment.api import require_watchlist_access
	from community_gov.assessment.watchlist import at_risk_cadres as cadres_at_risk

	require_watchlist_access()
	return {
		"value": len(cadres_at_risk()),
		"fieldtype": "Int",
		"route": ["query-report", "Adjustment Watchlist"],
	}


@frappe.whitelist()
@frappe.read_only()
def reserve_pool_in_range(filters: str | None = None) -> dict:
	"""Share of the communities the viewer can see whose reserve pool is within 3-7."""
	require_read("Community")
	# A count per flag (a few rows), not a row per community.
	counts = frappe.get_list(
		"Community",
		fields=["reserve_flag", "count(name) as communities"],
		group_by="reserve_flag",
		order_by="reserve_flag asc",
		limit_page_length=0,
	)
	communities = sum(row.communities for row in counts)
	in_range = sum(row.communities for row in counts if not row.reserve_flag)
	return {
		"value": round(in_range * 100 / communities, 1) if communities else 0,
		"fieldtype": "Percent",
		"route": ["query-report", "Reserve Pool Status"],
	}


@frappe.whitelist()
@frappe.read_only()
def training_compliance(filters: str | None = None) -> dict:
	"""Share of the viewer's active cadres meeting R6 in the latest year with completed training (the year
	the Training Coverage report it leads to opens on)."""
	from community_gov.cadres import cadre_criterion
	from community_gov.report_filters import latest_training_year
	from community_gov.training.compliance import compliance_counts

	require_read("Cadre")
	cadre = frappe.qb.DocType("Cadre")
	counts = compliance_counts(cadre, cadre_criterion(cadre, {}, "Active"), latest_training_year())
	cadres, compliant = counts.get(None, (0, 0))
	return {
		"value": round(compliant * 100 / cadres, 1) if cadres else 0,
		"fieldtype": "Percent",
		"route": ["query-report", "Training Coverage"],
		"route_options": {"view": "Non-Compliant Only"},
	}


@frappe.whitelist()
@frappe.read_only()
def staffing_gaps(filters: str | None = None) -> dict:
	"""The gaps the Staffing Watch report it leads to lists for the viewer (same function, same scope)."""
	from community_gov.staffing import staffing_gaps as gaps_in_scope

	return {"value": len(gaps_in_scope()), "fieldtype": "Int", "route": ["query-report", "Staffing Watch"]}
