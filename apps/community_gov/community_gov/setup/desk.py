"""The desk the app's roles land in, on every site with the app: set up after install and every migrate.

- Setup complete and the desk's home page on the workspaces. Frappe's install points the home page
  (`desktop:home_page`) at its setup wizard; only finishing the wizard moves it to "workspace"
  (`frappe.desk.page.setup_wizard.setup_wizard.disable_future_access`). While it points at the wizard,
  the desk builds no navbar for anybody (no search, notifications, logout; `frappe/desk.js`
  `make_nav_bar`), and the wizard is for a System Manager only, so the app's users could not finish it.
- The app's desk users see the app's workspace only: a Module Profile blocks every other module, which
  hides Frappe's own workspaces (Tools, Build, Users, Website, Integrations) from their sidebar. It is
  given to every user whose roles are the app's desk roles only; users with other roles keep theirs.
"""

import frappe

APP_MODULE = "Community Governance"
MODULE_PROFILE = "Community Governance"
DESK_ROLES = ("Organization Department", "Sub District Reviewer", "Leadership")
# Roles Frappe gives every user, and the app's portal role: they do not make a user "more" than the app's.
BASE_ROLES = ("All", "Guest", "Desk User", "Cadre")


def complete_desk_setup() -> None:
	"""Setup complete (unless another installed app asks for its own setup wizard) and the home page on the
	workspaces whenever setup is complete."""
	if not frappe.db.get_single_value("System Settings", "setup_complete") and not other_setup_wizards():
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
	if frappe.db.get_single_value("System Settings", "setup_complete") and frappe.db.get_default(
		"desktop:home_page"
	) in (None, "", "setup-wizard"):
		# What finishing Frappe's setup wizard sets (`disable_future_access`).
		frappe.db.set_default("desktop:home_page", "workspace")
		frappe.cache.delete_key("bootinfo")


def other_setup_wizards() -> list[str]:
	"""Installed apps with setup wizard stages of their own (ERPNext's company, for one): their wizard runs
	as usual and sets the home page when it is done."""
	return [
		app
		for app in frappe.get_installed_apps()
		if app not in ("frappe", "community_gov")
		and (
			frappe.get_hooks("setup_wizard_stages", app_name=app)
			or frappe.get_hooks("setup_wizard_complete", app_name=app)
		)
	]


def sync_module_profile() -> None:
	"""The profile blocks every module but the app's (recomputed, so modules installed later are blocked
	too) and is given to, or taken from, the users it fits, set-based."""
	blocked = sorted(set(frappe.get_all("Module Def", pluck="name")) - {APP_MODULE})
	if not frappe.db.exists("Module Profile", MODULE_PROFILE):
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = MODULE_PROFILE
	else:
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
	profile_changed = profile.is_new() or sorted(row.module for row in profile.block_modules) != blocked
	if profile_changed:
		profile.set("block_modules", [{"module": module} for module in blocked])
		profile.flags.ignore_permissions = True
		profile.save()

	fitting = sorted(user for user, roles in user_roles().items() if fits_profile(roles))
	holding = set(frappe.get_all("User", filters={"module_profile": MODULE_PROFILE}, pluck="name"))
	leaving = sorted(holding - set(fitting))
	if fitting:
		set_blocked_modules(fitting, blocked)
	if leaving:
		set_blocked_modules(leaving, [])
		frappe.db.set_value("User", {"name": ("in", leaving)}, "module_profile", None, update_modified=False)
	if profile_changed or leaving or set(fitting) - holding:
		# Cached user documents, allowed modules and boot info of every user (once, not per user).
		frappe.clear_cache()


def user_roles() -> dict[str, set[str]]:
	"""Enabled system users (Administrator aside) and their roles: one query."""
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	rows = (
		frappe.qb.from_(user)
		.left_join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name, has_role.role)
		.where((user.enabled == 1) & (user.user_type == "System User") & (user.name.notin(["Administrator"])))
		.run()
	)
	roles_of: dict[str, set[str]] = {}
	for name, role in rows:
		roles_of.setdefault(name, set()).add(role)
	return roles_of


def fits_profile(roles) -> bool:
	"""A user with one of the app's desk roles and no role beyond the app's."""
	roles = {role for role in roles if role}
	return bool(roles & set(DESK_ROLES)) and roles <= set(DESK_ROLES) | set(BASE_ROLES)


def set_blocked_modules(users: list[str], modules: list[str]) -> None:
	"""Each user's Block Module rows replaced in one delete and one insert; the profile's name set."""
	block = frappe.qb.DocType("Block Module")
	frappe.qb.from_(block).delete().where(
		(block.parenttype == "User") & (block.parentfield == "block_modules") & block.parent.isin(users)
	).run()
	if modules:
		now, owner = frappe.utils.now(), frappe.session.user
		frappe.db.bulk_insert(
			"Block Module",
			["name", "creation", "modified", "owner", "modified_by", "parent", "parenttype", "parentfield",
				"idx", "module"],
			[(frappe.generate_hash(length=10), now, now, owner, owner, user, "User", "block_modules", idx, module)
				for user in users for idx, module in enumerate(modules, start=1)],
		)  # fmt: skip
		frappe.db.set_value(
			"User", {"name": ("in", users)}, "module_profile", MODULE_PROFILE, update_modified=False
		)


def apply_module_profile(doc, method=None) -> None:
	"""User `before_validate`: a user saved with the app's desk roles only gets the profile (Frappe's
	`User.validate` then copies its blocked modules); one given another role loses it."""
	if doc.name == "Administrator" or doc.user_type != "System User":
		return
	roles = {row.role for row in doc.get("roles")}
	if fits_profile(roles):
		if not doc.module_profile and frappe.db.exists("Module Profile", MODULE_PROFILE):
			doc.module_profile = MODULE_PROFILE
	elif doc.module_profile == MODULE_PROFILE:
		doc.module_profile = None
		doc.set("block_modules", [])
