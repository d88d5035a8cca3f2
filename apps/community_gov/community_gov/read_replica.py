"""The workspace's Document Type number cards read from the replica, as its reports and charts do.

With `read_from_replica` in the site config Frappe sends its `@frappe.read_only()` methods to the replica:
query reports (the reports, and the charts and cards built on one), report view and lists. Its number card
getter is not one of them, so the Secretaries and Open Adjustment Cases cards would read the primary;
hooks.override_whitelisted_methods sends the desk's call here instead (./manage.sh replica; README,
Production)."""

from __future__ import annotations

import frappe
from frappe import _


@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc: str | dict, filters: str | list | dict | None = None, to_date: str | None = None):
	"""Frappe's number_card.get_result on the replica; the card's DocType as the caller may read it."""
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe.parse_json(doc)
	doctype = card.get("parent_document_type") or card.get("document_type")
	if not doctype or not frappe.has_permission(doctype, "read"):
		label = _(doctype) if doctype else ""
		frappe.throw(_("Not permitted to read {0}").format(label), frappe.PermissionError)
	return get_result(doc, filters, to_date)
