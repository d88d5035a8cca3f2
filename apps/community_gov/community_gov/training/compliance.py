"""R6 compliance and the training statistics, set-based: one query over attendance for many cadres."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe.query_builder.functions import Count, Extract

from community_gov.constants import SECRETARY
from community_gov.query_utils import NAME_FILTER_LIMIT, in_names
from community_gov.rules.training import (
	LEVEL_RANK,
	LEVELS,
	AttendanceRecord,
	Compliance,
	SessionStat,
	compliance_from_totals,
	training_statistics,
)
from community_gov.training.common import get_training_settings


def load_records(
	cadres: list[str] | None, first_year: int, last_year: int
) -> dict[str, list[AttendanceRecord]]:
	"""Attendance of the given cadres (None: everyone) in live sessions of the years: one query."""
	session = frappe.qb.DocType("Training Session")
	attendance = frappe.qb.DocType("Training Attendance")
	query = (
		frappe.qb.from_(attendance)
		.join(session)
		.on(session.name == attendance.parent)
		.select(
			attendance.cadre,
			session.year,
			session.level,
			attendance.status,
			attendance.hours,
			session.is_rotation,
			session.name,
		)  # fmt: skip
		.where(
			(attendance.parenttype == "Training Session")
			& (session.docstatus < 2)
			& (session.status != "Cancelled")
			& (session.year >= first_year)
			& (session.year <= last_year)
		)
	)
	if cadres is not None:
		query = query.where(in_names(attendance.cadre, cadres))
	records: dict[str, list[AttendanceRecord]] = defaultdict(list)
	for cadre, year, level, status, hours, is_rotation, name in query.run():
		records[cadre].append(AttendanceRecord(year, level, status, hours or 0, bool(is_rotation), name))
	return records


def compliance_of(cadres: list[frappe._dict], year: int) -> dict[str, Compliance]:
	"""R6 for each cadre (dicts with name and position) in `year`, from totals the database computes:
	one query returning one row per cadre, whatever the number of attendance rows."""
	settings = get_training_settings()
	first_year = year - settings.rotation_period_years + 1
	min_rank = LEVEL_RANK[settings.central_training_min_level]
	values = {
		"year": year,
		"first_year": first_year,
		"central_levels": [level for level in LEVELS if LEVEL_RANK[level] >= min_rank],
		"filter_names": int(len(cadres) <= NAME_FILTER_LIMIT),
		"names": [cadre.name for cadre in cadres] or [""],
	}
	totals = {
		row[0]: row[1:]
		for row in frappe.db.sql(
			"""
			select attendance.cadre,
				count(distinct case when session.year = %(year)s and session.level in %(central_levels)s
					then session.name end),
				max(case when session.is_rotation = 1 then session.year end),
				sum(case when session.year = %(year)s then attendance.hours else 0 end)
			from `tabTraining Attendance` attendance
			join `tabTraining Session` session on session.name = attendance.parent
			where attendance.parenttype = 'Training Session'
				and attendance.status = 'Attended'
				and session.docstatus < 2 and session.status != 'Cancelled'
				and session.year between %(first_year)s and %(year)s
				and (%(filter_names)s = 0 or attendance.cadre in %(names)s)
			group by attendance.cadre
			""",
			values,
		)
	}
	result = {}
	for cadre in cadres:
		central, last_rotation, hours = totals.get(cadre.name, (0, None, 0))
		result[cadre.name] = compliance_from_totals(
			year, cadre.position == SECRETARY, int(central or 0), last_rotation, float(hours or 0), settings
		)
	return result


def session_statistics(
	filters: dict | None = None, sub_districts: tuple[str, ...] | None = None
) -> list[SessionStat]:
	"""Completed sessions as the seeds count them (classes and person-times): one query.

	`sub_districts` counts only those sub-districts' attendees (a reviewer's view): the person-times are
	theirs, and a class counts when one of them attended it. None: everyone."""
	if sub_districts is not None:
		return _attendee_statistics(filters, sub_districts)
	session = frappe.qb.DocType("Training Session")
	program = frappe.qb.DocType("Training Program")
	query = (
		frappe.qb.from_(session)
		.join(program)
		.on(program.name == session.program)
		.select(
			session.name,
			session.year,
			session.level,
			program.category,
			Extract("month", session.start),
			session.attended_count,
		)  # fmt: skip
		.where(session.docstatus == 1)
	)
	for field in ("year", "level"):
		if (filters or {}).get(field):
			query = query.where(session[field] == filters[field])
	return [SessionStat(*row) for row in query.run()]


def _attendee_statistics(filters: dict | None, sub_districts: tuple[str, ...]) -> list[SessionStat]:
	"""session_statistics for the attendees of some sub-districts: one query."""
	if not sub_districts:
		return []
	session = frappe.qb.DocType("Training Session")
	program = frappe.qb.DocType("Training Program")
	attendance = frappe.qb.DocType("Training Attendance")
	query = (
		frappe.qb.from_(attendance)
		.join(session)
		.on(session.name == attendance.parent)
		.join(program)
		.on(program.name == session.program)
		.select(
			session.name,
			session.year,
			session.level,
			program.category,
			Extract("month", session.start),
			Count("*"),
		)  # fmt: skip
		.where(
			(attendance.parenttype == "Training Session")
			& (attendance.status == "Attended")
			& attendance.sub_district.isin(sub_districts)
			& (session.docstatus == 1)
		)
		.groupby(session.name, session.year, session.level, program.category, Extract("month", session.start))
	)
	for field in ("year", "level"):
		if (filters or {}).get(field):
			query = query.where(session[field] == filters[field])
	return [SessionStat(*row) for row in query.run()]


def statistics(
	filters: dict | None = None,
	by: tuple[str, ...] = ("year", "level", "category"),
	sub_districts: tuple[str, ...] | None = None,
) -> list[dict]:
	return training_statistics(session_statistics(filters, sub_districts), by)
