"""A cadre logs in to its personal space with its e-mail or its mobile number.

Frappe finds a user by its mobile number (User.mobile_no) when System Settings allow it
(`allow_login_using_mobile_number`, set by `enable_mobile_login` on every migrate). The number is the one HR
keeps on the cadre (Cadre.phone): whenever a cadre's login is linked (Cadre.user) or its mobile phone
changes, the login's mobile number follows (`sync_login_mobile`, Cadre on_update). A number another user
already logs in with is not taken over (the user is told); a landline is no login.
"""

from __future__ import annotations

import frappe
from frappe import _

from community_gov.rules.phone import MOBILE, normalize
from community_gov.text import bold

CADRE_ROLE = "Cadre"


def enable_mobile_login() -> None:
	if not frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number"):
		# Uninstalling puts it back (community_gov.setup.uninstall.restore_system_settings).
		frappe.db.set_default("community_gov_system_allow_login_using_mobile_number", "0")
		frappe.db.set_single_value("System Settings", "allow_login_using_mobile_number", 1)


def login_mobile(phone: str | None) -> str | None:
	"""The number a cadre logs in with, or None for no number or a landline."""
	number = normalize(phone)
	return number if MOBILE.match(number) else None


def sync_login_mobile(doc, method=None) -> None:
	"""Cadre on_update: the linked portal login takes the cadre's mobile number."""
	if doc.get("user") and (doc.has_value_changed("user") or doc.has_value_changed("phone")):
		set_login_mobile(doc.user, doc.get("phone"), doc.get("full_name"))


def set_login_mobile(user: str, phone: str | None, full_name: str | None = None) -> bool:
	"""The cadre's portal login `user` logs in with the mobile number `phone` too; True when it was set.
	Also for a login linked without a save of the cadre (the demo loader, a batch)."""
	number = login_mobile(phone)
	if not number:
		return False
	login = frappe.db.get_value("User", user, ["name", "mobile_no"], as_dict=True)
	if not login or login.mobile_no == number:
		return False
	if not frappe.db.exists("Has Role", {"parent": user, "parenttype": "User", "role": CADRE_ROLE}):
		return False  # a desk login linked to a cadre keeps its own number
	holder = frappe.db.get_value("User", {"mobile_no": number, "name": ("!=", user)}, "name")
	if holder:
		frappe.msgprint(
			_(
				"The mobile number {0} is already the login of another user, so {1} logs in with the e-mail only"
			).format(bold(number), bold(full_name or user)),
			indicator="orange",
			alert=True,
		)
		return False
	# The login is the cadre's own, maintained from its record (a reviewer may not edit users).
	frappe.db.set_value("User", user, "mobile_no", number)
	return True
