"""Helpers the print formats call (registered as Jinja methods in hooks.py)."""

from __future__ import annotations

import frappe


def cadre_for_print(cadre: str):
	"""The cadre as the printing user may see it: a record it cannot read is refused, fields above its
	permission level (ID number, date of birth, pay) are left out."""
	doc = frappe.get_doc("Cadre", cadre)
	doc.check_permission("read")
	doc.apply_fieldlevel_read_permissions()
	# A plain mapping: a field left out reads as empty in the template instead of failing.
	return frappe._dict({df.fieldname: doc.get(df.fieldname) for df in doc.meta.fields}, name=doc.name)
