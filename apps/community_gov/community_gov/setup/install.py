"""Idempotent set-up run after install and after every migrate."""

import frappe
from frappe import _lt

from community_gov.constants import SECRETARY
from community_gov.rules.terms import DEFAULT_POST_TERM_YEARS

ROLES = {
	"Organization Department": {"desk_access": 1},
	"Sub District Reviewer": {"desk_access": 1},
	"Leadership": {"desk_access": 1},
	# Trainees use the website portal, not the desk.
	"Cadre": {"desk_access": 0},
}
DEFAULT_COVERED_POSITIONS = (SECRETARY,)
# Role names appear in the desk's role lists; listing them here puts them in the translation catalog.
ROLE_TITLES = (_lt("Organization Department"), _lt("Sub District Reviewer"), _lt("Leadership"), _lt("Cadre"))


def after_install():
	after_migrate()
	set_default_post_term_lengths()


def after_migrate():
	from community_gov.reserves.pool import update_pool_counts
	from community_gov.setup.desk import complete_desk_setup, sync_module_profile
	from community_gov.setup.report_modes import restore_report_modes
	from community_gov.setup.workflows import sync_workflows

	create_roles()
	grant_data_import()
	set_default_settings()
	sync_workflows()
	update_pool_counts(None)
	frappe.call("community_gov.setup.website.set_up_website")
	complete_desk_setup()
	sync_module_profile()
	restore_report_modes()


def create_roles():
	for role_name, values in ROLES.items():
		if frappe.db.exists("Role", role_name):
			frappe.db.set_value("Role", role_name, values)
			continue
		frappe.get_doc({"doctype": "Role", "role_name": role_name, **values}).insert(ignore_permissions=True)


def grant_data_import():
	"""Organization Department imports cadres from Excel through Frappe's Data Import (System Manager only
	by default)."""
	from frappe.permissions import add_permission, update_permission_property

	role = "Organization Department"
	if not frappe.db.exists("Custom DocPerm", {"parent": "Data Import", "role": role, "permlevel": 0}):
		add_permission("Data Import", role, 0)
	for ptype in ("read", "write", "create", "delete"):
		update_permission_property("Data Import", role, 0, ptype, 1, validate=False)


def set_default_post_term_lengths() -> None:
	"""Term Length by Post, once (on install, and by the patch on a site installed before it): a row for each
	post of DEFAULT_POST_TERM_YEARS not listed yet (a first secretary's two years, a community worker's no
	term). Not on every migrate: a row the department removed or changed stays as it left it."""
	settings = frappe.get_single("Governance Settings")
	listed = {row.post for row in settings.post_term_lengths}
	missing = [post for post in DEFAULT_POST_TERM_YEARS if post not in listed]
	if not missing:
		return
	for post in missing:
		settings.append("post_term_lengths", {"post": post, "term_years": DEFAULT_POST_TERM_YEARS[post]})
	settings.flags.ignore_permissions = True
	settings.save()


def set_default_settings():
	"""Fill every empty setting with its default, so the rules never read a blank value."""
	stored = frappe.db.get_singles_dict("Governance Settings")
	settings = frappe.get_single("Governance Settings")
	changed = False
	for df in settings.meta.fields:
		if df.default is not None and stored.get(df.fieldname) in (None, ""):
			settings.set(df.fieldname, df.default)
			changed = True
	if not settings.covered_positions:
		for position in DEFAULT_COVERED_POSITIONS:
			settings.append("covered_positions", {"position": position})
		changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()
