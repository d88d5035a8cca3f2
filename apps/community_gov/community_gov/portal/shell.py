"""The pages of the personal space as a light shell (the pattern of Frappe HR's mobile app): a small HTML page
that carries no personal data, one CSS and one JS file of the app's public assets, and the data fetched by the
script from the whitelisted methods as JSON.

Frappe's website pages (templates/web.html) bring the desk's icon sprite, its web bundle and boot data, about
330 KB a page, rendered for every request; a trainee's phone needs none of it. The shell is rendered once per
site, page, language and asset version and kept in Redis (frappe.cache; `bench clear-cache` and a change of
Website Settings drop it); a request then costs its session lookup, like /api/method/ping. The session's CSRF
token is put in per request (the shell's POST calls send it back, as Frappe's own pages do).

A GET is answered from a `before_request` hook (serve_shell), once the session is known and before Frappe's
website router, whose redirect query and route rules cost more than the shell; whatever else reaches the router
(HEAD, a direct get_response) gets the same page from a `page_renderer` hook (PortalShellPage). A guest is
sent to the login and comes back after it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.sessions import get_csrf_token
from frappe.website.page_renderers.base_renderer import BaseRenderer
from werkzeug.exceptions import HTTPException
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from community_gov.constants import doctype_options
from community_gov.portal.common import HOME, PAGES

# route (without the leading slash) → the key of the page's renderer in public/js/portal.js
SHELLS = {
	"my": "home",
	"my/targets": "targets",
	"my/assessment": "assessment",
	"my/profile": "profile",
	"training": "training",
}
TEMPLATE = "community_gov/portal/shell.html"
ASSETS = ("css/portal.css", "js/portal.js")  # under public/, served as /assets/community_gov/…
EMBLEM = "/assets/community_gov/images/emblem.svg"
# The stored option values each page shows (positions, states, grades, areas, levels): the data calls send them
# as stored and the shell carries their translations, as the desk's boot carries its own.
PAGE_OPTIONS = {
	"home": (
		("Cadre", "position"),
		("Target Agreement", "workflow_state"),
		("Annual Assessment", "workflow_state"),
		("Annual Assessment", "grade"),
	),
	"targets": (("Target Agreement", "workflow_state"), ("Agreement Target", "area")),
	"assessment": (
		("Annual Assessment", "workflow_state"),
		("Annual Assessment", "grade"),
		("Assessment Score", "area"),
	),
	"profile": (("Training Session", "level"), ("Appointment", "post"), ("Appointment", "post_to_remove")),
	"training": (
		("Cadre", "position"),
		("Training Attendance", "status"),
		("Training Session", "status"),
		("Training Session", "level"),
	),
}
CACHE_KEY = "community_gov:portal_shell"
CSRF_PLACEHOLDER = "__cg_csrf_token__"
# A section heading of public/js/portal.js: "(page: training)" starts a page's own part, "(shared)" a shared one.
SECTION = re.compile(r"^\s*// -+ .*\((?:page: (\w+)|shared)\)\s*$")


def public_path(relative: str) -> str:
	return frappe.get_app_path("community_gov", "public", *relative.split("/"))


def asset_version() -> str:
	"""Changes when the shell's template or assets change (a few stat calls): the browser fetches the new
	files and the cached shells of the old version are not used."""
	paths = [public_path(asset) for asset in ASSETS] + [
		frappe.get_app_path("community_gov", "portal", "shell.html")
	]
	stamp = "|".join(str(os.stat(path).st_mtime_ns) for path in paths)
	return hashlib.sha1(stamp.encode()).hexdigest()[:10]


def script_messages(page: str) -> dict[str, str]:
	"""The translations of the strings the page's script translates with __(): the catalog finds them in the
	script itself, and so does this. Only the page's own section of the script (its "(page: …)" heading) and
	the shared parts count, so the shell carries a page's strings, not the whole catalog."""
	from frappe.translate import extract_messages_from_javascript_code

	with open(public_path("js/portal.js"), encoding="utf-8") as f:
		code = f.read()
	section_of_line, section = [], None  # None: shared
	for line in code.splitlines():
		if found := SECTION.search(line):
			section = found.group(1)
		section_of_line.append(section)
	messages = {}
	for line, message, context in extract_messages_from_javascript_code(code):
		if section_of_line[line - 1] not in (None, page):
			continue
		translated = _(message, context=context)
		if translated != message:
			messages[message] = translated
	return messages


def option_values(doctype: str, fieldname: str) -> tuple[str, ...]:
	"""A Select field's options, or the states of the DocType's workflow."""
	if fieldname != "workflow_state":
		return doctype_options(doctype, fieldname)
	workflow = get_workflow_name(doctype)
	if not workflow:
		return ()
	return tuple(frappe.get_all("Workflow Document State", filters={"parent": workflow}, pluck="state"))


def option_labels(page: str) -> dict[str, str]:
	values = {
		value for doctype, fieldname in PAGE_OPTIONS[page] for value in option_values(doctype, fieldname)
	}
	return {value: _(value) for value in sorted(values) if _(value) != value}


def script_json(value) -> str:
	"""JSON to put inside a <script> element: the Chinese as it is (half the bytes of \\u escapes), the
	characters that could end the element escaped."""
	text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
	return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_shell(route: str, version: str) -> str:
	"""The page as every cadre gets it, in the current language; nothing in it is the user's."""
	title = next(str(label) for path, label in PAGES if path == f"/{route}")
	brand = frappe.db.get_single_value("Website Settings", "app_name") or _("Community Governance")
	date_format = frappe.db.get_single_value("System Settings", "date_format") or "yyyy-mm-dd"
	boot = {
		"page": SHELLS[route],
		"csrf_token": CSRF_PLACEHOLDER,
		"date_format": date_format,
		"messages": script_messages(SHELLS[route]),
		"labels": option_labels(SHELLS[route]),
	}
	return frappe.render_template(
		TEMPLATE,
		{
			"lang": frappe.local.lang or "en",
			"title": title,
			"brand": brand,
			"emblem": EMBLEM,
			"home": HOME,
			"version": version,
			"page": SHELLS[route],
			"pages": [
				frappe._dict(route=path, label=str(label), active=path == f"/{route}")
				for path, label in PAGES
			],
			"boot": script_json(boot),
		},
	)


def shell_html(route: str) -> str:
	version = asset_version()
	field = f"{route}:{frappe.local.lang}:{version}"
	html = frappe.cache.hget(CACHE_KEY, field)
	if html is None:
		html = render_shell(route, version)
		frappe.cache.hset(CACHE_KEY, field, html)
	return html


def clear_shell_cache(path: str | None = None) -> None:
	"""website_clear_cache hook: the brand or a setting the shell shows may have changed."""
	frappe.cache.delete_value(CACHE_KEY)


def shell_response(route: str) -> Response:
	"""The page for the logged-in user; a guest is sent to the login, to come back after it."""
	if frappe.session.user == "Guest":
		response = redirect(f"/login?redirect-to=/{route}", 302)
	else:
		html = shell_html(route).replace(CSRF_PLACEHOLDER, get_csrf_token(), 1)
		response = Response(html, status=200, mimetype="text/html")
	# The CSRF token makes a page the session's own: no shared cache may keep it.
	response.headers["Cache-Control"] = "private, no-store"
	return response


class _Answered(HTTPException):
	"""A response given before Frappe resolves the path (Frappe returns HTTP exceptions as they are)."""

	def __init__(self, response: Response):
		super().__init__(response=response)


def serve_shell() -> None:
	"""before_request: a page of the space is answered before Frappe's website router, whose redirects (a
	query) and route rules (compiled per request) cost more than the shell itself; the session is known by
	then. Other methods than GET (HEAD) go the router's way, to PortalShellPage."""
	request = frappe.request
	if request.method == "GET" and (route := request.path.strip("/")) in SHELLS:
		raise _Answered(shell_response(route))


class PortalShellPage(BaseRenderer):
	"""page_renderer hook: the pages of the space reached through Frappe's website router."""

	def can_render(self) -> bool:
		return self.path in SHELLS

	def render(self) -> Response:
		return shell_response(self.path)
