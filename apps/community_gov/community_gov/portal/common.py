"""What every page and method of the personal space shares: the caller's cadre, the pages and their menu,
the way into the space (/app sends a cadre here)."""

from __future__ import annotations

import frappe
from frappe import _, _lt
from werkzeug.exceptions import HTTPException
from werkzeug.utils import redirect

HOME = "/my"
# route, title: the menu at the top of every page of the space (also in hooks.portal_menu_items).
PAGES = (
	(HOME, _lt("My Space")),
	("/my/targets", _lt("My Targets")),
	("/my/assessment", _lt("My Assessment")),
	("/my/profile", _lt("My File")),
	("/training", _lt("My Training")),
)
CADRE_FIELDS = ("name", "full_name", "position", "community", "sub_district", "status", "user")


def my_cadre(user: str | None = None) -> frappe._dict:
	"""The cadre whose login this is (Cadre.user): the only cadre the space ever shows or changes."""
	user = user or frappe.session.user
	if user == "Guest":
		frappe.throw(_("Please log in to see your personal space"), frappe.PermissionError)
	cadre = frappe.db.get_value("Cadre", {"user": user}, list(CADRE_FIELDS), as_dict=True)
	if not cadre:
		frappe.throw(_("Your login is not linked to a cadre record"), frappe.PermissionError)
	return cadre


def own_record(doctype: str, name: str | None, cadre: frappe._dict):
	"""A record the caller names, which must be its own cadre's. Another cadre's record and a name that does
	not exist get the same answer, so the answer does not tell which names exist."""
	if not name or not frappe.db.exists(doctype, {"name": name, "cadre": cadre.name}):
		frappe.throw(_("This record is not yours"), frappe.PermissionError)
	return frappe.get_doc(doctype, name)


class _SeeOther(HTTPException):
	"""A redirect raised before Frappe handles the request (Frappe returns HTTP exceptions as they are)."""

	code = 303

	def __init__(self, location: str):
		super().__init__()
		self.location = location

	def get_response(self, environ=None, scope=None):
		return redirect(self.location, self.code)


def send_website_users_to_the_portal() -> None:
	"""before_request: a logged-in cadre (a website user) who opens the desk (/app) is sent to its personal
	space instead of Frappe's "not permitted" page that offers a login to somebody already logged in."""
	request = frappe.request
	in_desk = request.path == "/app" or request.path.startswith("/app/")
	if request.method not in ("GET", "HEAD") or not in_desk:
		return
	session = getattr(frappe.local, "session", None)
	if not session or session.user == "Guest" or session.data.user_type != "Website User":
		return
	if "Cadre" in frappe.get_roles(session.user):
		raise _SeeOther(HOME)
