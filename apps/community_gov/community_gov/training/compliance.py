"""R6 compliance and the training statistics, set-based.

Compliance reads each cadre's training per year (Cadre Training Year, community_gov.training.summary), joined
to the cadres a report lists through a condition on Cadre (`community_gov.cadres.cadre_criterion`), so the
database narrows by index (one sub-district reads that sub-district's rows) and the query count does not
grow with the cadres. The statistics read the completed sessions (a sub-district's: its attendees' rows)."""

from __future__ import annotations

import operator
from collections import defaultdict
from functools import cache, lru_cache, reduce

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Extract, Max, Sum
from pypika.terms import Field, ValueWrapper

from community_gov.constants import SECRETARY
from community_gov.query_utils import in_names
from community_gov.rules.training import (
	LEVEL_RANK,
	LEVELS,
	Compliance,
	SessionStat,
	TrainingSettings,
	compliance_from_totals,
	training_statistics,
)
from community_gov.training.common import get_training_settings
from community_gov.training.summary import LEVEL_FIELDS, SUMMARY


def central_sessions(summary, settings: TrainingSettings):
	"""A Cadre Training Year row's sessions at or above the minimum level of a centralized training."""
	min_rank = LEVEL_RANK[settings.central_training_min_level]
	fields = [summary[LEVEL_FIELDS[level]] for level in LEVELS if LEVEL_RANK[level] >= min_rank]
	return reduce(operator.add, fields)


def training_by_year(years: list[int], settings: TrainingSettings):
	"""Each cadre's training for the R6 of `years`, one row per cadre: a derived table of Cadre Training Year
	to join on its `cadre`. For each year Y of `years`: `central_Y`, its centralized sessions (at or above the
	minimum level); `hours_Y`, its attended hours; `rotation_Y`, the latest year with rotation training in the
	rotation period up to Y (NULL: none). Joined to the cadres of a report, MariaDB computes it cadre by cadre
	from the (cadre, year, figures) index (a lateral derived table): one sub-district reads only its rows."""
	summary = frappe.qb.DocType(SUMMARY)
	period = settings.rotation_period_years
	central = central_sessions(summary, settings)
	columns = []
	for year in years:
		in_year = summary.year == year
		in_period = (summary.year > year - period) & (summary.year <= year) & (summary.rotation_sessions > 0)
		columns += [
			Sum(Case().when(in_year, central)).as_(f"central_{year}"),
			Sum(Case().when(in_year, summary.attended_hours)).as_(f"hours_{year}"),
			Max(Case().when(in_period, summary.year)).as_(f"rotation_{year}"),
		]
	return (
		frappe.qb.from_(summary)
		.select(summary.cadre, *columns)
		.where((summary.year > min(years) - period) & (summary.year <= max(years)))
		.groupby(summary.cadre)
	)


def column(derived, name: str) -> Field:
	"""A column of a derived table (a query in FROM or JOIN)."""
	return Field(name, table=derived)


def year_fields(training, year: int) -> list[Field]:
	"""`training_by_year`'s fields of one year, in the order `judge` takes them: central, rotation, hours."""
	return [column(training, f"{name}_{year}") for name in ("central", "rotation", "hours")]


def compliance_judge(settings: TrainingSettings):
	"""`compliance_from_totals` for many cadres at once: (year, is_secretary, central, rotation, hours) as they
	come from `training_by_year` (NULL: none) → Compliance. Cadres sharing their totals, most of a province,
	are judged once."""

	@cache
	def judge(year: int, is_secretary: bool, central, rotation, hours) -> Compliance:
		return compliance_from_totals(
			year, is_secretary, int(central or 0), rotation, float(hours or 0), settings
		)

	return judge


def cadre_compliance(cadre, criterion, year: int, fields: tuple, order_by: tuple = ()) -> list[tuple]:
	"""R6 in `year` for each cadre of `criterion` (a condition on `cadre`, a Cadre table), in one query:
	(the cadre's `fields` as a dict, its Compliance), in the order of the `order_by` fields."""
	settings = get_training_settings()
	training = training_by_year([year], settings)
	query = (
		frappe.qb.from_(cadre)
		.left_join(training)
		.on(training.cadre == cadre.name)
		.select(*(cadre[field] for field in fields), *year_fields(training, year))
		.where(criterion)
	)
	for field in order_by:
		query = query.orderby(cadre[field])
	judge = compliance_judge(settings)
	result = []
	for *values, central, rotation, hours in query.run():
		row = frappe._dict(zip(fields, values, strict=True))
		result.append((row, judge(year, row.position == SECRETARY, central, rotation, hours)))
	return result


def compliance_counts(cadre, criterion, year: int, unit_field: str | None = None) -> dict:
	"""How many cadres of `criterion` there are and how many meet R6 in `year`, per value of the cadre's
	`unit_field` (None: all together, under the key None). One query whose rows do not grow with the cadres:
	the database counts the cadres with the same totals, the rule judges each distinct set of totals once."""
	settings = get_training_settings()
	training = training_by_year([year], settings)
	central, rotation, hours = year_fields(training, year)
	unit = cadre[unit_field] if unit_field else ValueWrapper(None)
	per_cadre = (
		frappe.qb.from_(cadre)
		.left_join(training)
		.on(training.cadre == cadre.name)
		.select(
			unit.as_("unit"),
			(cadre.position == SECRETARY).as_("is_secretary"),
			central.as_("central"),
			rotation.as_("rotation"),
			hours.as_("hours"),
		)
		.where(criterion)
	)
	keys = [column(per_cadre, name) for name in ("unit", "is_secretary", "central", "rotation", "hours")]
	totals = frappe.qb.from_(per_cadre).select(*keys, Count("*")).groupby(*keys).run()
	judge = compliance_judge(settings)
	counts: dict = defaultdict(lambda: [0, 0])
	for unit_value, is_secretary, central_value, rotation_value, hours_value, cadres in totals:
		result = judge(year, bool(is_secretary), central_value, rotation_value, hours_value)
		counts[unit_value][0] += cadres
		counts[unit_value][1] += cadres if result.compliant else 0
	return {unit_value: tuple(pair) for unit_value, pair in counts.items()}


def compliance_of(cadres: list[frappe._dict], year: int) -> dict[str, Compliance]:
	"""R6 for each cadre (dicts with name and position) in `year`, from Cadre Training Year: one query
	returning one row per cadre, whatever the number of attendance rows."""
	cadre = frappe.qb.DocType("Cadre")
	names = [row.name for row in cadres]
	criterion = in_names(cadre.name, names)
	settings = get_training_settings()
	training = training_by_year([year], settings)
	totals = {
		name: values
		for name, *values in frappe.qb.from_(cadre)
		.left_join(training)
		.on(training.cadre == cadre.name)
		.select(cadre.name, *year_fields(training, year))
		.where(criterion)
		.run()
	}
	judge = compliance_judge(settings)
	return {
		row.name: judge(year, row.position == SECRETARY, *totals.get(row.name, (0, None, 0)))
		for row in cadres
	}


def session_statistics(
	filters: dict | None = None, sub_districts: tuple[str, ...] | None = None
) -> list[SessionStat]:
	"""Completed sessions as the seeds count them (classes and person-times): one query.

	`sub_districts` counts only those sub-districts' attendees (a reviewer's view), and a `position` among the
	filters only the attendees now in that position: the person-times are theirs, and a class counts when one
	of them attended it. None: everyone."""
	if sub_districts is not None or (filters or {}).get("position"):
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


def _attendee_statistics(filters: dict | None, sub_districts: tuple[str, ...] | None) -> list[SessionStat]:
	"""session_statistics for the attendees of some sub-districts (None: of all) or of a position: one query."""
	if sub_districts is not None and not sub_districts:
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
			& (session.docstatus == 1)
		)
		.groupby(session.name, session.year, session.level, program.category, Extract("month", session.start))
	)
	if sub_districts is not None:
		query = query.where(attendance.sub_district.isin(sub_districts))
	if (filters or {}).get("position"):
		cadre = frappe.qb.DocType("Cadre")
		query = (
			query.join(cadre).on(cadre.name == attendance.cadre).where(cadre.position == filters["position"])
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
