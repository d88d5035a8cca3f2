"""The cadres a user may see, for reports and figures."""

from __future__ import annotations

import frappe

from community_gov.query_utils import in_names


def visible_cadres(
	filters: dict, fields: list[str], order_by: str = "name asc", figure_fields: tuple[str, ...] = ()
) -> list[frappe._dict]:
	"""Cadres within the user's record-level access (`frappe.get_list`: the same rows as the Cadre list).

	`figure_fields` (e.g. the date of birth for an age) are read for those cadres even where the user may
	not see the field itself (permlevel): reports compute figures from them; callers must not show them.
	"""
	listed = [field for field in fields if field not in figure_fields]
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
