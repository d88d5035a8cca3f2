"""Who is at risk under the two-year-fail rule (BRIEF R1): the one answer of the Adjustment Watchlist report,
the workspace's "At-Risk Cadres" number card and the `get_watchlist` API.

At risk: an active cadre in a covered position, visible to the user (the permission hooks apply: a reviewer
sees its own sub-districts), whose latest approved year counts as failed while the run of failed years is
still shorter than the limit, so no case is due yet. The rule is the one that opens the cases
(`community_gov.rules.assessment.evaluate`, with the satisfaction setting), on the same histories
(`adjustment_rule.load_histories`). Cadres no longer active (retired, adjusted) are not at risk: the
watch-list is about the people in post.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe

from community_gov.assessment.adjustment_rule import load_histories
from community_gov.assessment.common import get_covered_positions, get_rule_settings
from community_gov.cadres import report_cadres
from community_gov.rules.assessment import evaluate


@dataclass(frozen=True)
class AtRiskCadre:
	"""An at-risk cadre with the failed latest year that puts it on the list."""

	cadre: str
	full_name: str
	position: str
	community: str | None
	sub_district: str | None
	year: int
	grade: str
	total_score: float | None
	satisfaction_rate: float | None
	assessment: str | None


def watched_cadres(sub_district: str | None = None) -> list[frappe._dict]:
	"""Active cadres in a covered position that the user may see (the permission hooks apply), in the order
	of the watch-list: sub-district, community, name. One query (and the permission hooks' own)."""
	return report_cadres(
		{"sub_district": sub_district, "positions": get_covered_positions()},
		fields=["full_name", "position", "community", "sub_district"],
		status="Active",
		order_by="sub_district asc, community asc, full_name asc, name asc",
	)


def at_risk_cadres(sub_district: str | None = None, year: int | None = None) -> list[AtRiskCadre]:
	"""The cadres at risk within the user's access, optionally of one sub-district and with the failed latest
	year `year`: two queries whatever the number of cadres (besides the permission hooks')."""
	cadres = watched_cadres(sub_district)
	if not cadres:
		return []
	histories = load_histories([cadre.name for cadre in cadres])
	settings = get_rule_settings()
	at_risk = []
	for cadre in cadres:
		history = histories.get(cadre.name)
		if not history or not evaluate(history, (), settings).at_risk:
			continue
		latest = history[-1]  # oldest first, the latest year's newest result last: the one the rule reads
		if year and latest.year != year:
			continue
		at_risk.append(
			AtRiskCadre(
				cadre=cadre.name,
				full_name=cadre.full_name,
				position=cadre.position,
				community=cadre.community,
				sub_district=cadre.sub_district,
				year=latest.year,
				grade=latest.grade,
				total_score=latest.total_score,
				satisfaction_rate=latest.satisfaction_rate,
				assessment=latest.assessment,
			)
		)
	return at_risk
