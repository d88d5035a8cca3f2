"""Whitelisted methods of the adjustment cases: the sweep on demand, the watch-list, a case opened by hand."""

from __future__ import annotations

from dataclasses import asdict

import frappe
from frappe import _

from community_gov.assessment import cases
from community_gov.assessment.adjustment_rule import apply_adjustment_rule
from community_gov.assessment.common import ORGANIZATION_ROLE
from community_gov.assessment.watchlist import at_risk_cadres
from community_gov.exceptions import WatchlistScopeError
from community_gov.permissions import get_access_scope, require_roles
from community_gov.rules.assessment import OPEN_CASE_STATUSES
from community_gov.text import bold


@frappe.whitelist(methods=["POST"])
def run_sweep() -> dict:
	"""Organization Department runs the sweep on demand."""
	require_roles(ORGANIZATION_ROLE, "System Manager")
	outcome = apply_adjustment_rule(None)
	return {
		"evaluated": outcome.evaluated,
		"opened": outcome.opened,
		"withdrawn": outcome.withdrawn,
		"at_risk": len(outcome.at_risk),
	}


@frappe.whitelist(methods=["POST"])
def open_case_by_hand(cadre: str, basis: str, reason: str, evidence: str) -> str:
	"""Organization Department opens an adjustment case for a written reason beyond the two-year rule
	(seeds: timely adjustment of unfit cadres): 不胜任 / 不称职 with the evidence. Returns the case."""
	require_roles(ORGANIZATION_ROLE, "System Manager")
	if not frappe.has_permission("Cadre", "read", cadre):
		frappe.throw(
			_("{0} {1} is outside your access").format(_("Cadre"), bold(cadre)), frappe.PermissionError
		)
	return cases.open_case_by_hand(cadre, basis, reason, evidence)


def require_watchlist_access(sub_district: str | None = None) -> None:
	"""Readers of adjustment cases; a reviewer asking for another sub-district is refused (the list would
	only come back empty)."""
	if not frappe.has_permission("Adjustment Case", "read"):
		frappe.throw(_("Not permitted to read the adjustment watch-list"), frappe.PermissionError)
	if not sub_district:
		return
	scope = get_access_scope()
	if not scope.unrestricted and sub_district not in scope.sub_districts:
		frappe.throw(
			_("You can only see your own sub-district, not {0} {1}").format(
				_("Sub District"), bold(sub_district)
			),
			WatchlistScopeError,
		)


@frappe.whitelist()
def get_watchlist(sub_district: str | None = None, year: int | None = None) -> dict:
	"""Cadres at risk (`watchlist.at_risk_cadres`: the latest year failed, no case yet) and open cases, within
	the user's access, of one sub-district and of one year (the at-risk cadre's failed year, the case's
	trigger year) when given."""
	require_watchlist_access(sub_district)
	filters = {"status": ("in", OPEN_CASE_STATUSES)}
	if sub_district:
		filters["sub_district"] = sub_district
	if year:
		filters["trigger_year"] = year
	open_cases = frappe.get_list(
		"Adjustment Case",
		filters=filters,
		fields=["name", "cadre", "full_name", "community", "sub_district", "trigger_year", "status"],
		order_by="trigger_year desc, name",
		limit_page_length=0,
	)
	return {
		"at_risk": [asdict(cadre) for cadre in at_risk_cadres(sub_district, year)],
		"open_cases": open_cases,
	}
