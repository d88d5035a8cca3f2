"""Top Ten Secretaries (十佳社区党组织书记, seed 004): the active community party secretaries ranked by a
composite score over a window of years. The ranking itself (the filters, who is left out, the composite score,
the set-based queries) is `community_gov.assessment.top_ten`, which conferring the title uses too; this module
shows it: columns, message, chart and summary. Org Dept confers the title on the ranked secretaries from the
report (top_ten_secretaries.js: "Confer Title", `community_gov.assessment.commendations.confer_top_ten`).
"""

from __future__ import annotations

import frappe
from frappe import _

from community_gov.assessment.top_ten import Ranking, get_parameters, get_ranking, ranked_rows

__all__ = ["execute", "get_parameters"]  # get_parameters: the report's tests check the filters through it


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	ranking = get_ranking(filters)
	data = ranked_rows(ranking)
	return (
		get_columns(filters),
		data,
		get_message(ranking),
		get_chart_data(data),
		get_report_summary(ranking),
	)


def get_message(ranking: Ranking) -> str:
	weights = ranking.weights
	return (
		_("Years {0}–{1}; weights: assessment score {2}%, satisfaction {3}%, training {4}%")
		if ranking.years_with_training
		else _(
			"Years {0}–{1}; no training is on record for these years, so the weights are: assessment score "
			"{2}%, satisfaction {3}%, training {4}%"
		)
	).format(
		ranking.first_year,
		ranking.last_year,
		*(f"{weight:g}" for weight in (weights.score, weights.satisfaction, weights.training)),
	)


def get_columns(filters=None) -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		# The row's `cadre` (the ID) links the name to the record (top_ten_secretaries.js).
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 110},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 140},
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
		{"fieldname": "average_score", "label": _("Average Total Score"), "fieldtype": "Float", "precision": 2, "width": 130},
		{"fieldname": "average_satisfaction", "label": _("Average Satisfaction"), "fieldtype": "Percent", "precision": 2, "width": 140},
		{"fieldname": "training_hours", "label": _("Training Hours"), "fieldtype": "Float", "precision": 1, "width": 110},
		{"fieldname": "composite_score", "label": _("Composite Score"), "fieldtype": "Float", "precision": 2, "width": 120},
	]  # fmt: skip


def get_chart_data(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	return {
		"data": {
			"labels": [row["full_name"] for row in rows],
			"datasets": [{"name": _("Composite Score"), "values": [row["composite_score"] for row in rows]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(ranking: Ranking) -> list[dict]:
	reasons = ranking.reasons
	failed, open_case = reasons["failed"], reasons["open_case"]
	return [
		{"label": _("Secretaries Considered"), "value": ranking.considered, "indicator": "Blue"},
		{"label": _("Eligible"), "value": reasons[None], "indicator": "Green"},
		{"label": _("Left Out for a Fail Grade"), "value": failed, "indicator": "Red" if failed else "Green"},
		{
			"label": _("Left Out for an Open Adjustment Case"),
			"value": open_case,
			"indicator": "Orange" if open_case else "Green",
		},
	]
