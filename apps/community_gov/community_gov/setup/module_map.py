"""`bench --site SITE install-app community_gov` right after `bench get-app` on a bench in use.

Every `bench --site SITE ...` command caches the bench's map of apps to modules in Redis (`app_modules`,
per site). One run before `bench get-app` caches a map without this app; `install-app` reads that map when it
starts, and Frappe 15's `clear_cache` drops the Redis copy but not the one the command already holds, so the
app's module would sync no DocType and the install would fail. Rebuilt here, before Frappe syncs the app.
"""

import frappe


def refresh_module_map() -> None:
	"""before_install: the map of apps to modules read again from apps.txt and each app's modules.txt."""
	frappe.cache.delete_value(["app_modules", "installed_app_modules", "module_app"])
	frappe.local.app_modules = None
	frappe.local.module_app = None
	frappe.setup_module_map(include_all_apps=True)
