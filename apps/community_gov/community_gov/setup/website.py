"""The department's face on the website: its name and emblem on the login page and the portal's brand, the
portal's menu entry to the trainees' page, no sign-up and no e-mailed login links (cadres get their logins
from the department), login with the mobile number as well as the e-mail.

Run after every migrate and whenever System Settings change (the names follow the system language). A value
an administrator changed in Website Settings is kept: only empty values and the ones set here before are
written (`community_gov_website_<field>` defaults remember them).
"""

import frappe
from frappe import _

from community_gov.portal.accounts import enable_mobile_login

EMBLEM = "/assets/community_gov/images/emblem.svg"
# Values Frappe itself fills in, which nobody chose for the department.
FRAPPE_DEFAULTS = {"app_name": "Frappe"}
APP_NAME = "Community Governance"
DEPARTMENT = "District Organization Department"
TRAINING_LABEL = "My Training"  # in the catalog: portal/common.py


def set_up_website(doc=None, method=None, lang: str | None = None) -> None:
	"""Website Settings and System Settings for the department (doc/method: a System Settings doc event), the
	names in `lang` (default: the system language)."""
	lang = lang or frappe.db.get_single_value("System Settings", "language") or "en"
	app_name = _(APP_NAME, lang=lang)
	department = _(DEPARTMENT, lang=lang)
	brand = (
		f'<img src="{EMBLEM}" alt="" style="height: 28px; margin-right: 8px; vertical-align: middle;">'
		f"<span>{frappe.utils.escape_html(app_name)}</span>"
	)
	settings = frappe.get_single("Website Settings")
	changed = False
	has_entry = any((item.url or "").rstrip("/") == "/training" for item in settings.top_bar_items)
	if not has_entry and not frappe.db.get_default("community_gov_website_training_menu"):
		# The portal's menu (once: an administrator may remove it); the label is translated when shown.
		settings.append("top_bar_items", {"label": TRAINING_LABEL, "url": "/training"})
		frappe.db.set_default("community_gov_website_training_menu", "1")
		changed = True
	for fieldname, value in (
		("app_name", app_name),
		("app_logo", EMBLEM),
		("brand_html", brand),
		("favicon", EMBLEM),
		("footer_powered", department),
		("disable_signup", 1),
	):
		changed = keep_or_set(settings, fieldname, value) or changed
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()
	# A login link by e-mail needs an outgoing mail server the department may not have; passwords only.
	if frappe.db.get_single_value("System Settings", "login_with_email_link"):
		frappe.db.set_single_value("System Settings", "login_with_email_link", 0)
	# Cadres log in with their mobile number as well as their e-mail (community_gov.portal.accounts).
	enable_mobile_login()
	frappe.cache.delete_value("portal_menu_items")


def keep_or_set(doc, fieldname: str, value) -> bool:
	"""Set a field unless somebody chose its value (empty, Frappe's default and the value set here before
	are not choices); True when it changed."""
	key = f"community_gov_website_{fieldname}"
	current = doc.get(fieldname)
	ours = (frappe.db.get_default(key) or "", FRAPPE_DEFAULTS.get(fieldname))
	if current == value or (current and str(current) not in ours):
		return False
	doc.set(fieldname, value)
	frappe.db.set_default(key, str(value))
	return True
