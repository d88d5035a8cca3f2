"""Training Coverage (培训覆盖情况): classes and person-times (人次) as the seeds count them, the year's
training plan against what was held per level and category, and each cadre's R6 compliance with the
non-compliant list. By default the latest year with completed training.

The statistics count what the user may see, like the rest of the report: everyone's attendance for the
organization department and leadership; a reviewer's only its own sub-district's attendees (their
person-times, and the classes one of them attended); a chosen sub-district or position narrows either, as in
the compliance views. The plan of a sub-district (chosen or the reviewer's) is its own Sub District level
training (`community_gov.training.plan`). A year without any training on record leaves hours, compliance and
coverage blank (unknown, not zero).

Set-based: statistics in one query over completed sessions (a reviewer's or a chosen sub-district's: over its
attendees, Training Attendance by sub-district); compliance in one query: the cadres the user may see
(`community_gov.cadres.cadre_criterion`) joined to their training per year (Cadre Training Year).
"""

from __future__ import annotations

import frappe
from frappe import _

from community_gov.cadres import cadre_criterion
from community_gov.permissions import get_access_scope
from community_gov.report_filters import latest_training_year, report_year, training_years
from community_gov.text import Translations
from community_gov.training.compliance import cadre_compliance, statistics
from community_gov.training.plan import training_plan

STATISTICS, PLAN_VS_HELD, CADRE_COMPLIANCE, NON_COMPLIANT_ONLY = VIEWS = (
	"Statistics",
	"Plan vs Held",
	"Cadre Compliance",
	"Non-Compliant Only",
)
COMPLIANCE_VIEWS = (CADRE_COMPLIANCE, NON_COMPLIANT_ONLY)
SHORTFALL_LABELS = {
	"central": "Centralized training",
	"rotation": "Rotation training",
	"hours": "Training credit hours",
}


def execute(filters: dict | None = None):
	filters = get_filters(filters)
	data = get_data(filters)
	# The summary counts every cadre, also when only the non-compliant are listed.
	summary = get_report_summary(filters, data)
	if filters.view == NON_COMPLIANT_ONLY:
		data = [row for row in data if row["compliant"] == 0]
	return get_columns(filters), data, get_message(filters), get_chart_data(filters, data), summary


def get_filters(filters: dict | None) -> frappe._dict:
	"""The filters with their defaults; for the compliance views also whether the year has any training on
	record (when not, nothing is known about it: not "nobody complied")."""
	filters = frappe._dict(filters or {})
	filters.year = report_year(filters, "year", _("Year"), None) or latest_training_year()
	filters.view = filters.view if filters.view in VIEWS else STATISTICS
	if filters.view in COMPLIANCE_VIEWS:
		filters.training_known = filters.year in training_years(filters.year, filters.year)
	return filters


def get_data(filters) -> list[dict]:
	if filters.view == STATISTICS:
		return get_statistics(filters)
	if filters.view == PLAN_VS_HELD:
		return get_plan(filters)
	return get_compliance(filters)


def get_message(filters) -> str | None:
	if filters.view not in COMPLIANCE_VIEWS or filters.training_known:
		return None
	return _("No training is on record for {0}").format(filters.year)


def attendee_sub_districts(sub_district: str | None) -> tuple[str, ...] | None:
	"""Whose attendance the statistics count: everyone's (None) for unrestricted users, else the user's
	sub-districts; a chosen sub-district narrows either."""
	scope = get_access_scope()
	visible = None if scope.unrestricted else scope.sub_districts
	if not sub_district:
		return visible
	return (sub_district,) if visible is None or sub_district in visible else ()


def get_statistics(filters) -> list[dict]:
	rows = statistics(
		{"year": filters.year, "level": filters.level, "position": filters.position},
		by=("level", "category", "month"),
		sub_districts=attendee_sub_districts(filters.sub_district),
	)
	return translated_levels(rows)


def get_plan(filters) -> list[dict]:
	"""The year's plan against what was held, per level and category (of a sub-district: its own training)."""
	rows = training_plan(filters.year, filters.level, attendee_sub_districts(filters.sub_district))
	return translated_levels(rows)


def translated_levels(rows: list[dict]) -> list[dict]:
	for row in rows:
		level, category = row["level"], row["category"]
		row.update(level=_(level), category=_(category))
	return rows


def get_compliance(filters) -> list[dict]:
	"""Each active cadre's R6 compliance in the year; blank figures when nothing is known of the year."""
	known = filters.training_known
	table = frappe.qb.DocType("Cadre")
	cadres = cadre_compliance(
		table,
		cadre_criterion(table, filters, "Active"),
		filters.year,
		fields=("name", "full_name", "position", "community", "sub_district"),
		order_by=("sub_district", "community", "name"),
	)
	positions = Translations()
	shortfalls = {code: _(label) for code, label in SHORTFALL_LABELS.items()}
	rows = []
	for cadre, result in cadres:
		rows.append(
			{
				"cadre": cadre.name,
				"full_name": cadre.full_name,
				"position": positions[cadre.position],
				"community": cadre.community,
				"sub_district": cadre.sub_district,
				"central": f"{result.central_attended}/{result.central_required}"
				if result.is_secretary and known
				else "-",
				"last_rotation_year": result.last_rotation_year,
				"hours": result.hours if known else None,
				"compliant": int(result.compliant) if known else None,
				"shortfalls": "、".join(shortfalls[code] for code in result.shortfalls) if known else "",
			}
		)
	return rows


def get_columns(filters) -> list[dict]:
	if filters.view == PLAN_VS_HELD:
		return [
			{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 100},
			{"fieldname": "category", "label": _("Category"), "fieldtype": "Data", "width": 100},
			{"fieldname": "planned_classes", "label": _("Planned Classes"), "fieldtype": "Int", "width": 100},
			{"fieldname": "held_classes", "label": _("Classes Held"), "fieldtype": "Int", "width": 100},
			{"fieldname": "classes_percent", "label": _("Classes Held %"), "fieldtype": "Percent", "width": 110},
			{"fieldname": "scheduled_classes", "label": _("Classes Scheduled"), "fieldtype": "Int", "width": 100},
			{"fieldname": "planned_person_times", "label": _("Planned Person-Times"), "fieldtype": "Int", "width": 120},
			{"fieldname": "person_times", "label": _("Person-Times"), "fieldtype": "Int", "width": 110},
			{"fieldname": "person_times_percent", "label": _("Person-Times %"), "fieldtype": "Percent", "width": 110},
		]  # fmt: skip
	if filters.view == STATISTICS:
		return [
			{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 100},
			{"fieldname": "category", "label": _("Category"), "fieldtype": "Data", "width": 100},
			{"fieldname": "month", "label": _("Month"), "fieldtype": "Int", "width": 80},
			{"fieldname": "classes", "label": _("Classes"), "fieldtype": "Int", "width": 90},
			{"fieldname": "person_times", "label": _("Person-Times"), "fieldtype": "Int", "width": 110},
		]
	return [
		# The row's `cadre` (the ID) links the name to the record (training_coverage.js).
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 100},
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 90},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 120},
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 110},
		{"fieldname": "central", "label": _("Centralized Trainings"), "fieldtype": "Data", "width": 110},
		{"fieldname": "last_rotation_year", "label": _("Last Rotation Year"), "fieldtype": "Int", "width": 110},
		{"fieldname": "hours", "label": _("Credit Hours"), "fieldtype": "Float", "precision": 1, "width": 90},
		{"fieldname": "compliant", "label": _("Compliant"), "fieldtype": "Check", "width": 80},
		{"fieldname": "shortfalls", "label": _("Shortfalls"), "fieldtype": "Data", "width": 200},
	]  # fmt: skip


def get_chart_data(filters, data: list[dict]) -> dict | None:
	"""Person-times per month of the year (the statistics view); planned against held per level and category
	(the plan view)."""
	if filters.view == PLAN_VS_HELD:
		return {
			"data": {
				"labels": [f"{row['level']} {row['category']}" for row in data],
				"datasets": [
					{
						"name": _("Planned Person-Times"),
						"values": [row["planned_person_times"] or 0 for row in data],
					},
					{"name": _("Person-Times"), "values": [row["person_times"] for row in data]},
				],
			},
			"type": "bar",
			"colors": ["#cccccc", "#5e64ff"],
		}
	if filters.view != STATISTICS:
		return None
	by_month = [0] * 12
	for row in data:
		by_month[row["month"] - 1] += row["person_times"]
	return {
		"data": {
			"labels": [str(m) for m in range(1, 13)],
			"datasets": [{"name": _("Person-Times"), "values": by_month}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(filters, data: list[dict]) -> list[dict]:
	if filters.view == PLAN_VS_HELD:
		return [
			{"label": _(label), "value": total_of(data, field), "datatype": "Int", "indicator": indicator}
			for label, field, indicator in (
				("Planned Classes", "planned_classes", "Blue"),
				("Classes Held", "held_classes", "Green"),
				("Planned Person-Times", "planned_person_times", "Blue"),
				("Person-Times", "person_times", "Green"),
			)
		]
	if filters.view == STATISTICS:
		return [
			{"label": _("Classes"), "value": sum(r["classes"] for r in data), "indicator": "Blue"},
			{"label": _("Person-Times"), "value": sum(r["person_times"] for r in data), "indicator": "Green"},
		]
	known = filters.training_known
	compliant = sum(1 for row in data if row["compliant"])
	return [
		{"label": _("Cadres"), "value": len(data), "indicator": "Blue"},
		{"label": _("Compliant"), "value": compliant if known else None, "indicator": "Green"},
		{
			"label": _("Compliance Rate"),
			"value": round(compliant * 100 / len(data), 1) if data and known else None,
			"datatype": "Percent",
			"indicator": "Green" if compliant == len(data) else "Orange",
		},
	]


def total_of(rows: list[dict], field: str) -> int | None:
	"""The rows' sum of a field; None when no row has a figure (nothing planned is not a plan of 0)."""
	values = [row[field] for row in rows if row[field] is not None]
	return sum(values) if values else None
