"""Site checks for tests/bench_install.sh, run with a bench's Python from its sites/ directory:

	../env/bin/python bench_install_check.py SITE snapshot          site state an app may change, as JSON
	../env/bin/python bench_install_check.py SITE installed         the app is there: DocTypes, roles, set-up
	../env/bin/python bench_install_check.py SITE seed              users of the app and customizations of its DocTypes
	../env/bin/python bench_install_check.py SITE removed           the app's DocTypes and tables are gone
	../env/bin/python bench_install_check.py SITE compare A.json B.json   what differs between two snapshots

The snapshot covers what lives outside the app's own DocTypes: roles and who has them, permissions,
workflows, module profiles, scheduled jobs, custom fields, property setters, the website, system, portal
and navbar settings and the site's defaults. Each check prints PASS/FAIL lines; a FAIL exits 1.
"""

from __future__ import annotations

import json
import sys

import frappe

APP = "community_gov"
APP_MODULE = "Community Governance"
APP_ROLES = ("Organization Department", "Sub District Reviewer", "Leadership", "Cadre")
DESK_USER = "cg.check.od@example.com"
PORTAL_USER = "cg.check.cadre@example.com"
PASSWORD = "Check@2026-bench"

RIGHTS = ("read", "write", "create", "delete", "submit", "cancel", "amend", "report", "import", "export")
TABLES = {
	"Role": ["name", "desk_access"],
	"Has Role": ["parent", "parenttype", "role"],
	"DocPerm": ["parent", "role", "permlevel", *RIGHTS],
	"Custom DocPerm": ["parent", "role", "permlevel", *RIGHTS],
	"Workflow": ["name", "document_type"],
	"Workflow State": ["name"],
	"Workflow Action Master": ["name"],
	"Module Profile": ["name"],
	"Block Module": ["parent", "parenttype", "module"],
	"Scheduled Job Type": ["method", "stopped"],
	"Custom Field": ["name"],
	"Property Setter": ["name"],
	"User Permission": ["user", "allow", "for_value"],
	"Module Def": ["name"],
	"DocType": ["name"],
	"Workspace": ["name"],
	"Report": ["name"],
	"Page": ["name"],
	"Print Format": ["name"],
	"Dashboard Chart": ["name"],
	"Dashboard Chart Source": ["name"],
	"Number Card": ["name"],
	"Web Form": ["name"],
	"Top Bar Item": ["parent", "parentfield", "label", "url"],
	"Portal Menu Item": ["parent", "title", "route", "role", "enabled"],
	"User": ["name", "user_type", "module_profile", "enabled"],
}
SINGLES = ("Website Settings", "System Settings", "Portal Settings", "Navbar Settings")
# Defaults and settings that change by themselves (timestamps, counters), not by an app's set-up.
VOLATILE_DEFAULTS = ("__last_", "_last_", "last_")
VOLATILE_FIELDS = ("modified", "modified_by", "creation", "owner")
# Differences an uninstall keeps on purpose (community_gov.setup.uninstall), and the users the check made.
KEPT = (
	"Singles: System Settings.setup_complete=",
	"DefaultValue: __default.desktop:home_page=",
	"Singles: System Settings.login_with_email_link=",
)
CHECK_USERS = ("cg.check.",)


def snapshot() -> dict:
	state: dict = {}
	for doctype, fields in TABLES.items():
		rows = frappe.get_all(doctype, fields=fields, order_by=None)
		state[doctype] = sorted("|".join(str(row[field]) for field in fields) for row in rows)
	singles = frappe.qb.DocType("Singles")
	rows = (
		frappe.qb.from_(singles)
		.select(singles.doctype, singles.field, singles.value)
		.where(singles.doctype.isin(SINGLES))
		.run()
	)
	state["Singles"] = sorted(
		f"{doctype}.{field}={value}" for doctype, field, value in rows if field not in VOLATILE_FIELDS
	)
	defaults = frappe.qb.DocType("DefaultValue")
	rows = (
		frappe.qb.from_(defaults)
		.select(defaults.parent, defaults.defkey, defaults.defvalue)
		.where(defaults.parent.isin(["__default", "__global"]))
		.run()
	)
	state["DefaultValue"] = sorted(
		f"{parent}.{key}={value}" for parent, key, value in rows if not key.startswith(VOLATILE_DEFAULTS)
	)
	return state


def compare(before_path: str, after_path: str) -> int:
	"""Print what the second snapshot adds to or lacks from the first; the number of differences."""
	with open(before_path) as f:
		before = json.load(f)
	with open(after_path) as f:
		after = json.load(f)
	differences = 0
	for key in sorted(set(before) | set(after)):
		old, new = set(before.get(key, [])), set(after.get(key, []))
		for sign, rows in (("-", old - new), ("+", new - old)):
			for row in sorted(rows):
				line = f"{key}: {row}"
				if line.startswith(KEPT):
					print(f"  kept on purpose: {sign} {line}")
				elif not any(user in row for user in CHECK_USERS):
					print(f"  {sign} {line}")
					differences += 1
	return differences


class Checks:
	def __init__(self) -> None:
		self.failed = 0

	def check(self, ok: bool, label: str) -> None:
		print(f"{'PASS' if ok else 'FAIL'} {label}", flush=True)
		self.failed += not ok


def app_doctypes() -> list[str]:
	return frappe.get_all("DocType", filters={"module": APP_MODULE}, pluck="name")


def check_installed(checks: Checks) -> None:
	doctypes = app_doctypes()
	checks.check(APP in frappe.get_installed_apps(), f"{APP} is in the site's installed apps")
	checks.check(len(doctypes) >= 15, f"the app's DocTypes are there ({len(doctypes)})")
	tables = frappe.get_all("DocType", filters={"module": APP_MODULE, "issingle": 0}, pluck="name")
	listed = [doctype for doctype in tables if isinstance(frappe.get_all(doctype, limit=1), list)]
	checks.check(listed == tables, f"every DocType of the app with a table can be listed ({len(listed)})")
	checks.check(frappe.db.exists("Workspace", APP_MODULE) is not None, "the app's workspace is there")
	checks.check(set(APP_ROLES) <= set(frappe.get_all("Role", pluck="name")), "the app's roles were created")
	checks.check(
		frappe.db.exists("Module Profile", APP_MODULE) is not None, "the app's Module Profile exists"
	)
	checks.check(
		frappe.get_single("Governance Settings").get("covered_positions") != [],
		"Governance Settings have their defaults",
	)
	checks.check(
		frappe.db.get_single_value("Website Settings", "app_logo") == f"/assets/{APP}/images/emblem.svg",
		"the department's emblem is the website's logo",
	)
	checks.check(
		frappe.db.exists("Scheduled Job Type", {"method": ("like", f"{APP}.%")}) is not None,
		"the app's scheduled jobs are registered",
	)


def seed(checks: Checks) -> None:
	"""A desk user with one of the app's roles (it gets the app's Module Profile), a portal user, and what an
	administrator may add to the app's DocTypes: a custom field and a property setter."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_field
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	create_custom_field("Cadre", {"fieldname": "check_note", "label": "Check Note", "fieldtype": "Data"})
	make_property_setter("Cadre", "phone", "bold", 1, "Check", validate_fields_for_doctype=False)
	for email, role, user_type in (
		(DESK_USER, "Organization Department", "System User"),
		(PORTAL_USER, "Cadre", "Website User"),
	):
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": email.split("@")[0], "user_type": user_type}
			)
			user.append("roles", {"role": role})
			user.new_password = PASSWORD
			user.flags.no_welcome_mail = True
			user.insert(ignore_permissions=True)
	frappe.db.commit()
	checks.check(
		frappe.db.get_value("User", DESK_USER, "module_profile") == APP_MODULE,
		"a desk user with only the app's roles gets the app's Module Profile",
	)
	blocked = frappe.get_all("Block Module", filters={"parent": DESK_USER}, pluck="module")
	checks.check(bool(blocked), f"and Frappe's own modules are blocked for it ({len(blocked)})")


def check_removed(checks: Checks) -> None:
	checks.check(APP not in frappe.get_installed_apps(), f"{APP} is not in the site's installed apps")
	checks.check(app_doctypes() == [], "no DocType of the app is left")
	tables = [
		table for table in frappe.db.get_tables(cached=False) if table in ("tabCadre", "tabSub District")
	]
	checks.check(tables == [], "the app's tables were dropped")
	checks.check(len(frappe.get_all("User")) >= 2, "frappe.get_all('User') works")
	checks.check(
		not frappe.get_all("Block Module", filters={"parent": DESK_USER}),
		"the app's former desk user has no module blocked",
	)
	checks.check(
		frappe.db.get_value("User", DESK_USER, "module_profile") in (None, ""),
		"and no Module Profile",
	)
	checks.check(
		not frappe.get_all("Scheduled Job Type", filters={"method": ("like", f"{APP}.%")}),
		"no scheduled job of the app is left",
	)
	checks.check(
		not frappe.get_all("Role", filters={"name": ("in", APP_ROLES)}), "the app's roles were removed"
	)
	home = frappe.db.get_default("desktop:home_page")
	checks.check(home in ("workspace", "setup-wizard"), f"the desk's home page is Frappe's ({home})")


def main() -> int:
	site, mode, *args = sys.argv[1:]
	if mode == "compare":
		return 1 if compare(*args) else 0
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		if mode == "snapshot":
			print(json.dumps(snapshot(), ensure_ascii=False, indent=1))
			return 0
		checks = Checks()
		{"installed": check_installed, "seed": seed, "removed": check_removed}[mode](checks)
		return 1 if checks.failed else 0
	finally:
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())
