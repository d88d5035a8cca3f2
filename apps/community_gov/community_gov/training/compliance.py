"""R6 compliance and the training statistics, set-based: one query over attendance for many cadres."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe.query_builder.functions import Extract

from community_gov.rules.training import (
	AttendanceRecord,
	Compliance,
	SessionStat,
	compliance,
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
		query = query.where(attendance.cadre.isin(cadres or [""]))
	records: dict[str, list[AttendanceRecord]] = defaultdict(list)
	for cadre, year, level, status, hours, is_rotation, name in query.run():
		records[cadre].append(AttendanceRecord(year, level, status, hours or 0, bool(is_rotation), name))
	return records


def compliance_of(cadres: list[frappe._dict], year: int) -> dict[str, Compliance]:
	"""R6 for each cadre (dicts with name and position) in `year`."""
	settings = get_training_settings()
	records = load_records([c.name for c in cadres], year - settings.rotation_period_years + 1, year)
	return {
		cadre.name: compliance(records.get(cadre.name, ()), year, cadre.position == "Secretary", settings)
		for cadre in cadres
	}


def session_statistics(filters: dict | None = None) -> list[SessionStat]:
	"""Completed sessions as the seeds count them (classes and person-times): one query."""
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


def statistics(
	filters: dict | None = None, by: tuple[str, ...] = ("year", "level", "category")
) -> list[dict]:
	return training_statistics(session_statistics(filters), by)
