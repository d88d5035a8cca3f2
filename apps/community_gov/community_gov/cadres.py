"""The cadres a user may see, for reports and figures: the one place the reports' cadre query is built."""

from __future__ import annotations

import frappe
from pypika.terms import Criterion

from community_gov.permissions import cadre_scope_criterion
from community_gov.query_utils import in_names

# Report filter → Cadre field. A list value means "any of these"; an empty or missing one: no filter.
REPORT_FILTER_FIELDS = {
	"sub_district": "sub_district",
	"community": "community",
	"cadre": "name",
	"position": "position",
	"positions": "position",
}


def report_cadres(
	filters: dict,
	fields: list[str],
	status: str | tuple[str, ...],
	order_by: str = "name asc",
	figure_fields: tuple[str, ...] = (),
) -> list[frappe._dict]:
	"""The cadres a report lists: those the user may see (`visible_cadres`), in `status` (one or several),
	narrowed by the report's filters (sub_district, community, cadre, position or positions).

	Other keys of `filters` (years, views, ...) are not the cadre query's business and are left alone."""
	return visible_cadres(cadre_conditions(filters, status), fields, order_by, figure_fields)


def cadre_conditions(filters: dict, status: str | tuple[str, ...]) -> dict:
	conditions = {"status": ("in", list(status)) if isinstance(status, tuple | list) else status}
	for key, field in REPORT_FILTER_FIELDS.items():
		value = filters.get(key)
		if isinstance(value, tuple | list | set):
			# An empty list chooses nothing (not: everything).
			conditions[field] = ("in", sorted(value) or [""])
		elif value not in (None, ""):
			conditions[field] = value
	return conditions


def cadre_criterion(
	cadre, filters: dict, status: str | tuple[str, ...] | None, user: str | None = None
) -> Criterion:
	"""`report_cadres` as a query-builder condition on `cadre` (a Cadre table): the same cadres (access,
	status, the report's filters), for queries that join Cadre and let the database narrow by index
	instead of reading the province and passing lists of names around."""
	conditions = []
	scope = cadre_scope_criterion(cadre, user)
	if scope is not None:
		conditions.append(scope)
	for field, value in cadre_conditions(filters, status or ()).items():
		if field == "status" and not status:
			continue
		if isinstance(value, tuple):
			conditions.append(cadre[field].isin(value[1]))
		else:
			conditions.append(cadre[field] == value)
	return Criterion.all(conditions) if conditions else cadre.name.isnotnull()


def visible_cadres(
	filters: dict, fields: list[str], order_by: str = "name asc", figure_fields: tuple[str, ...] = ()
) -> list[frappe._dict]:
	"""Cadres within the user's record-level access (`frappe.get_list`: the same rows as the Cadre list).

	`figure_fields` (e.g. the date of birth for an age) are read for those cadres even where the user may
	not see the field itself (permlevel): reports compute figures from them; callers must not show them.
	"""
	listed = [field for field in fields if field not in figure_fields and field != "name"]
	rows = frappe.get_list(
		"Cadre", filters=filters, fields=["name", *listed], order_by=order_by, limit_page_length=0
	)
	if not figure_fields or not rows:
		return rows
	cadre = frappe.qb.DocType("Cadre")
	names = [row.name for row in rows]
	values = {
		row.name: row
		for row in frappe.qb.from_(cadre)
		.select(cadre.name, *(cadre[field] for field in figure_fields))
		.where(in_names(cadre.name, names))
		.run(as_dict=True)
	}
	for row in rows:
		row.update({field: values.get(row.name, {}).get(field) for field in figure_fields})
	return rows
