"""Who did it: the desk names the user in a who-did-it field (审核人, 审定人, 决定人 …) correctly.

Frappe's desk shows a link to a User as `doc.full_name` when the document has a `full_name` field
(`frappe.form.link_formatters["User"]`, meant for documents whose `full_name` is that user's). On the app's
documents `full_name` is the cadre's name, so every who-did-it field showed the cadre. The app's desk
bundle replaces that formatter for the app's documents, and each form of the app is sent the full names of
the users its User links point to, as Frappe's link titles (one query per form).
"""

import frappe
from frappe.desk.form.load import send_link_titles

APP_MODULE = "Community Governance"


def user_link_titles(doc) -> dict[str, str]:
	"""`User::<name>` → full name for every User link of the document and its child rows."""
	users = {
		value
		for row in (doc, *doc.get_all_children())
		for df in row.meta.get_link_fields()
		if df.options == "User" and (value := row.get(df.fieldname))
	}
	if not users:
		return {}
	full_names = dict(
		frappe.get_all(
			"User", filters={"name": ("in", sorted(users))}, fields=["name", "full_name"], as_list=True
		)
	)
	return {f"User::{user}": full_names.get(user) or user for user in users}


def send_user_link_titles(doc, method=None) -> None:
	"""`onload` of every document: the app's documents send their users' names with the form."""
	if doc.meta.module != APP_MODULE:
		return
	if titles := user_link_titles(doc):
		send_link_titles(titles)
