"""The year's training plan against what was held, per level and category (Training Coverage, view "Plan
vs Held"). The plan is the year's Training Programs with their planned classes and person-times (人次); held
are the completed (submitted) sessions of the year with their attendances Attended; scheduled, the sessions
neither completed nor cancelled yet. `community_gov.rules.training.plan_against_held` puts them side by side.

A sub-district's plan is its own: the Sub District level training of the sub-district (the district's and
the city's classes its cadres attended are counted in the statistics view). Set-based: one grouped query
over the programs, one over the sessions.
"""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Sum
from pypika.terms import Case

from community_gov.rules.training import plan_against_held

SUB_DISTRICT_LEVEL = "Sub District"


def training_plan(
	year: int, level: str | None = None, sub_districts: tuple[str, ...] | None = None
) -> list[dict]:
	"""Plan against held for `year` (and `level`), of the whole district (`sub_districts` None) or of those
	sub-districts' own training."""
	if sub_districts is not None and not sub_districts:
		return []
	return plan_against_held(planned(year, level, sub_districts), held(year, level, sub_districts))


def narrowed(query, table, year: int, level: str | None, sub_districts: tuple[str, ...] | None):
	query = query.where(table.year == year)
	if level:
		query = query.where(table.level == level)
	if sub_districts is not None:
		query = query.where((table.level == SUB_DISTRICT_LEVEL) & table.sub_district.isin(sub_districts))
	return query


def planned(year: int, level: str | None, sub_districts: tuple[str, ...] | None) -> list[dict]:
	program = frappe.qb.DocType("Training Program")
	query = (
		frappe.qb.from_(program)
		.select(
			program.level,
			program.category,
			Sum(program.planned_sessions).as_("planned_classes"),
			Sum(program.planned_person_times).as_("planned_person_times"),
		)
		.groupby(program.level, program.category)
	)
	return narrowed(query, program, year, level, sub_districts).run(as_dict=True)


def held(year: int, level: str | None, sub_districts: tuple[str, ...] | None) -> list[dict]:
	session = frappe.qb.DocType("Training Session")
	completed = session.docstatus == 1
	scheduled = (session.docstatus == 0) & (session.status != "Cancelled")
	query = (
		frappe.qb.from_(session)
		.select(
			session.level,
			session.category,
			Sum(Case().when(completed, 1).else_(0)).as_("held_classes"),
			Sum(Case().when(completed, session.attended_count).else_(0)).as_("person_times"),
			Sum(Case().when(scheduled, 1).else_(0)).as_("scheduled_classes"),
		)
		.where(session.docstatus < 2)
		.groupby(session.level, session.category)
	)
	return narrowed(query, session, year, level, sub_districts).run(as_dict=True)
