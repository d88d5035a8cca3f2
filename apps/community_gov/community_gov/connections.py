"""The counts under a form's Connections, as the user may see them.

Frappe counts a form's connections with `frappe.get_all`, past record-level permissions: a reviewer would
see how many assessments a cadre had in another sub-district, a cadre user how many adjustment cases it
has. For the app's DocTypes the counts are made with `frappe.get_list` (the list each count opens), and
a DocType the user may not read counts 0; other DocTypes keep Frappe's counts (hooks.py:
override_whitelisted_methods).
"""

from __future__ import annotations

import json

import frappe
from frappe.desk import notifications

APP_MODULE = "Community Governance"
# Frappe stops counting here as well.
COUNT_LIMIT = 100


@frappe.whitelist()
@frappe.read_only()
def get_open_count(doctype: str, name: str, items: str | list | None = None) -> dict:
	if frappe.flags.in_migrate or frappe.flags.in_install or frappe.get_meta(doctype).module != APP_MODULE:
		return notifications.get_open_count(doctype, name, items)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission()
	links = doc.meta.get_dashboard_data()
	if items is None:
		items = [item for group in links.transactions for item in group.get("items")]
	elif not isinstance(items, list):
		items = json.loads(items)
	internal, external = [], []
	for linked in items:
		internal_link = links.get("internal_links", {}).get(linked) or links.get(
			"internal_and_external_links", {}
		).get(linked)
		if internal_link:
			found = notifications.get_internal_links(doc, internal_link, linked)
			if found["count"]:
				internal.append(found)
				continue
		external.append(visible_links(linked, name, links))
	return {"count": {"external_links_found": external, "internal_links_found": internal}}


def visible_links(doctype: str, name: str, links: frappe._dict) -> dict:
	"""How many `doctype` records link to `name` (and how many are open) among those the user may read."""
	if not frappe.has_permission(doctype, "read"):
		return {"doctype": doctype, "count": 0, "open_count": 0}
	fieldname = links.get("non_standard_fieldnames", {}).get(doctype, links.get("fieldname"))
	filters = {fieldname: name}
	if dynamic_link_filters := notifications.get_dynamic_link_filters(doctype, links, fieldname):
		filters.update(dynamic_link_filters)
	open_count = 0
	if open_filters := notifications.get_filters_for(doctype):
		open_count = visible_count(doctype, {**filters, **open_filters})
	return {"doctype": doctype, "count": visible_count(doctype, filters), "open_count": open_count}


def visible_count(doctype: str, filters: dict) -> int:
	return len(
		frappe.get_list(
			doctype, fields="name", filters=filters, limit=COUNT_LIMIT, distinct=True, ignore_ifnull=True
		)
	)
