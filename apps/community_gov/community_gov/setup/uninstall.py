"""`bench --site S uninstall-app community_gov`: leave the site as Frappe would have it without the app.

Frappe itself drops the app's DocTypes and everything linked to its module (workspace, reports, print
formats, charts, number cards). What the app set up elsewhere on the site is undone here:

- before_uninstall (the app's DocTypes still exist): workflows, permissions, property setters, custom
  fields, user permissions and shares of the app's DocTypes; the app's Data Import permission; the Module
  Profile and the modules it blocked for its users (else they would see no module at all); the department's
  brand, logo, name and menu entry in Website Settings (only values the app set and nobody changed since);
  System Settings the app changed and recorded (a `community_gov_system_<field>` default holding the value
  before); the app's scheduled jobs (else the scheduler would keep running them on a site without their
  tables).
- after_uninstall (the module is gone): the app's roles, unless something left on the site uses them.

Kept on purpose: setup complete and the desk's home page on the workspaces (what Frappe's setup wizard sets),
sign-up disabled (Frappe's default) and login by e-mailed link off (opening a login method is the
administrator's choice).
"""

import click
import frappe
from frappe.permissions import rights

from community_gov.setup.desk import APP_MODULE, MODULE_PROFILE
from community_gov.setup.install import ROLES
from community_gov.setup.website import APP_NAME
from community_gov.setup.workflows import WORKFLOWS

APP = "community_gov"
WEBSITE_FIELDS = ("app_name", "app_logo", "brand_html", "favicon", "footer_powered")
DEFAULTS_PREFIX = "community_gov_"
TRAINING_ROUTE = "/training"
PERM_COLUMNS = ("role", "permlevel", "if_owner", *rights)


def before_uninstall() -> None:
	click.secho(f"Removing what {APP_NAME} set up on this site...", fg="yellow")
	doctypes = frappe.get_all("DocType", filters={"module": APP_MODULE}, pluck="name")
	remove_workflows(doctypes)
	remove_doctype_customizations(doctypes)
	remove_role_permissions(list(ROLES))
	remove_module_profile()
	restore_system_settings()
	restore_website_settings()
	remove_scheduled_jobs()
	frappe.clear_cache()


def after_uninstall() -> None:
	removed = remove_unused_roles(list(ROLES))
	# Frappe commits before the after_uninstall hooks and not after them.
	frappe.db.commit()
	frappe.clear_cache()
	kept = sorted(set(ROLES) - set(removed))
	if kept:
		click.secho(f"Roles kept because the site still uses them: {', '.join(kept)}", fg="yellow")
	click.secho(f"{APP_NAME} removed; the site is back to Frappe's settings.", fg="green")


def remove_workflows(doctypes: list[str]) -> None:
	"""The app's workflows, then the states and actions they brought (created since the app was installed; not
	Frappe's own) that no other workflow uses."""
	if doctypes:
		for name in frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name"):
			frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True, delete_permanently=True)
	installed_at = frappe.db.get_value("Module Def", APP_MODULE, "creation")
	if not installed_at:
		return
	states = {state for spec in WORKFLOWS.values() for state in spec["states"]}
	actions = {action for spec in WORKFLOWS.values() for _from, action, _to, _roles in spec["transitions"]}
	transitions = frappe.get_all("Workflow Transition", fields=["state", "next_state", "action"])
	used_states = set(frappe.get_all("Workflow Document State", pluck="state", distinct=True))
	used_states |= {row.state for row in transitions} | {row.next_state for row in transitions}
	used_actions = {row.action for row in transitions}
	for doctype, names in (
		("Workflow State", states - used_states),
		("Workflow Action Master", actions - used_actions),
	):
		if names:
			frappe.db.delete(doctype, {"name": ("in", sorted(names)), "creation": (">=", installed_at)})


def remove_doctype_customizations(doctypes: list[str]) -> None:
	"""Rows about the app's DocTypes that Frappe keeps when it drops a DocType."""
	if not doctypes:
		return
	in_app = ("in", doctypes)
	frappe.db.delete("Custom DocPerm", {"parent": in_app})
	frappe.db.delete("Property Setter", {"doc_type": in_app})
	frappe.db.delete("Custom Field", {"dt": in_app})
	frappe.db.delete("User Permission", {"allow": in_app})
	frappe.db.delete("DocShare", {"share_doctype": in_app})


def remove_role_permissions(roles: list[str]) -> None:
	"""Permissions the app gave its roles on Frappe's DocTypes (Data Import). A DocType whose remaining
	custom permissions are the standard ones goes back to the standard ones."""
	doctypes = frappe.get_all(
		"Custom DocPerm", filters={"role": ("in", roles)}, pluck="parent", distinct=True
	)
	if not doctypes:
		return
	frappe.db.delete("Custom DocPerm", {"role": ("in", roles)})
	custom = rows_by_parent("Custom DocPerm", doctypes)
	standard = rows_by_parent("DocPerm", doctypes)
	same = [doctype for doctype in doctypes if custom.get(doctype, set()) == standard.get(doctype, set())]
	if same:
		frappe.db.delete("Custom DocPerm", {"parent": ("in", same)})


def rows_by_parent(doctype: str, parents: list[str]) -> dict[str, set[tuple]]:
	rows = frappe.get_all(doctype, filters={"parent": ("in", parents)}, fields=["parent", *PERM_COLUMNS])
	by_parent: dict[str, set[tuple]] = {}
	for row in rows:
		by_parent.setdefault(row.parent, set()).add(tuple(row[column] or 0 for column in PERM_COLUMNS))
	return by_parent


def remove_module_profile() -> None:
	"""The users given the app's Module Profile get their modules back; the profile goes."""
	users = frappe.get_all("User", filters={"module_profile": MODULE_PROFILE}, pluck="name")
	if users:
		frappe.db.delete(
			"Block Module", {"parenttype": "User", "parentfield": "block_modules", "parent": ("in", users)}
		)
		frappe.db.set_value("User", {"name": ("in", users)}, "module_profile", None, update_modified=False)
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		frappe.delete_doc(
			"Module Profile", MODULE_PROFILE, force=True, ignore_permissions=True, delete_permanently=True
		)


def restore_system_settings() -> None:
	"""System Settings the app changed, where it recorded the value before as `community_gov_system_<field>`,
	go back to that value."""
	prefix = f"{DEFAULTS_PREFIX}system_"
	defaults = frappe.qb.DocType("DefaultValue")
	recorded = (
		frappe.qb.from_(defaults)
		.select(defaults.defkey, defaults.defvalue)
		.where((defaults.parent == "__default") & defaults.defkey.like(f"{prefix}%"))
		.run()
	)
	meta = frappe.get_meta("System Settings")
	for key, before in recorded:
		fieldname = key.removeprefix(prefix)
		if meta.has_field(fieldname):
			frappe.db.set_single_value("System Settings", fieldname, before)


def restore_website_settings() -> None:
	"""Website Settings back to Frappe's defaults where the value is still the one the app set
	(`community_gov_website_<field>` remembers it); the portal's menu entry goes."""
	settings = frappe.get_single("Website Settings")
	changed = False
	for fieldname in WEBSITE_FIELDS:
		ours = frappe.db.get_default(f"community_gov_website_{fieldname}")
		if ours and str(settings.get(fieldname) or "") == ours:
			settings.set(fieldname, settings.meta.get_field(fieldname).default)
			changed = True
	if frappe.db.get_default("community_gov_website_training_menu"):
		entries = [item for item in settings.top_bar_items if (item.url or "").rstrip("/") == TRAINING_ROUTE]
		for item in entries:
			settings.remove(item)
		changed = changed or bool(entries)
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()
	frappe.defaults.clear_default(key=("like", f"{DEFAULTS_PREFIX}%"), parent="__default")
	frappe.cache.delete_value("portal_menu_items")


def remove_scheduled_jobs() -> None:
	jobs = frappe.get_all("Scheduled Job Type", filters={"method": ("like", f"{APP}.%")}, pluck="name")
	if jobs:
		frappe.db.delete("Scheduled Job Log", {"scheduled_job_type": ("in", jobs)})
		frappe.db.delete("Scheduled Job Type", {"name": ("in", jobs)})


def remove_unused_roles(roles: list[str]) -> list[str]:
	"""Delete the app's roles (and their users' assignments) that nothing else on the site refers to: a
	role that existed before the app, or that an administrator used elsewhere since, stays."""
	existing = frappe.get_all("Role", filters={"name": ("in", roles)}, pluck="name")
	unused = sorted(set(existing) - roles_in_use(existing))
	if unused:
		frappe.db.delete("Has Role", {"parenttype": "User", "role": ("in", unused)})
		frappe.db.delete("Role", {"name": ("in", unused)})
	return unused


def roles_in_use(roles: list[str]) -> set[str]:
	"""The given roles that a link field of any remaining DocType refers to, users' role lists aside: one
	query per DocType that links to Role (about twenty)."""
	if not roles:
		return set()
	links = frappe.get_all(
		"DocField", filters={"fieldtype": "Link", "options": "Role"}, fields=["parent", "fieldname"]
	) + frappe.get_all(
		"Custom Field", filters={"fieldtype": "Link", "options": "Role"}, fields=["dt as parent", "fieldname"]
	)
	singles = set(frappe.get_all("DocType", filters={"issingle": 1}, pluck="name"))
	tables = set(frappe.db.get_tables(cached=False))
	in_use: set[str] = set()
	for link in links:
		if link.parent == "Role":
			continue
		if link.parent in singles:
			in_use |= {frappe.db.get_single_value(link.parent, link.fieldname)} & set(roles)
			continue
		if f"tab{link.parent}" not in tables:
			continue
		filters = {link.fieldname: ("in", roles)}
		if link.parent == "Has Role":
			filters["parenttype"] = ("!=", "User")
		in_use |= set(frappe.get_all(link.parent, filters=filters, pluck=link.fieldname, distinct=True))
	return in_use
