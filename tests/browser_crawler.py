"""Browser crawler: every page of the app, as each role sees it, in Chinese, without errors, in time.

Seeds a small district on the test site (community_gov.tests.browser_seed.seed_crawler: one login per
role, in Chinese; the department's website; a record outside the reviewer's sub-district) and enumerates
the app's pages from its metadata (those the role may open): every workspace of the module, the list of
every DocType that is not a child table (with its first link filter's pick list open; singles as forms), a
calendar where the DocType has one, one form of each, every report (with its default filters, then with its link filters filled with
the seeded sub-district, community, cadre and program), every print format of the module; then, on a
phone, the login page as a guest and, as a cadre, /my and its pages, /training, /me, /app and enrolling in and withdrawing
from a course. A new DocType, report, print format or workspace is crawled without a change here.

Each desk role (Organization Department, Sub District Reviewer, Leadership) logs in on a 1440×900 window
and moves through the desk as a user does (the desk's router, no page reloads); print views and portal
pages are loaded. Every page fails on
  - an error dialog (a message dialog with a red or orange indicator) or a red alert (a page that must
    refuse the role fails without one),
  - a console error (Chromium's SEVERE log entries; ALLOWED_CONSOLE_ERRORS lists the unavoidable ones),
  - taking over 3 s to be ready (a slow page is opened once more: the test shares the machine),
  - visible interface text that is not Chinese: the text a sighted user sees, without the data (record
    names, e-mails, the words of text fields and users' names: browser_seed.data_words; never the words of
    options or workflow states) and ALLOWED_WORDS, with a Latin word of 2+ letters left.
At the end it lists the words that were not Chinese and where. Screenshots go to
artifacts/browser/crawler-*.png (the seed's JSON to crawler-seed.json); four of them are copied to
docs/screenshots/ for the README. Needs built desk assets and Debian's chromium + chromium-driver. Run after
the integration harness (it uses its test site; CG_TEST_SITE chooses another, BROWSER_CRAWLER_PORT the
port, CRAWLER_ROLES a subset of orgdept,reviewer,leader,cadre):

	env/bin/python tests/browser_crawler.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
import urllib.parse
from dataclasses import dataclass, field

from browser_support import BENCH_DIR, SHOTS, SITE, assets_built, browser, frappe_cli, served_site

PORT = int(os.environ.get("BROWSER_CRAWLER_PORT", "8767"))
BASE = f"http://127.0.0.1:{PORT}"
DESK, PHONE = "1440,900", "390,844"
SLOW = 3.0  # seconds
README_SHOTS = BENCH_DIR / "docs" / "screenshots"

# Console errors nobody can act on in this test: the test serves the site without Frappe's socket.io
# server (`serve` is the web server alone), so the desk's realtime client fails to connect and retries.
ALLOWED_CONSOLE_ERRORS = (re.compile(r"/socket\.io/|socket\.io|WebSocket connection"),)
# Latin words that are not interface text: units, file formats, proper nouns the Chinese UI keeps.
ALLOWED_WORDS = {"PDF", "Excel", "CSV", "ics", "ID", "CNY", "UTC", "GMT", "am", "pm", "AM", "PM",
	"Ctrl", "Shift", "Alt", "Esc", "Enter"}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")  # ASCII letters only: Chinese text never matches
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
URL = re.compile(r"(https?://|/api/method/)\S+")
TIME_ZONE = re.compile(r"\b(Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]+")


@dataclass
class Problem:
	role: str
	page: str
	message: str


@dataclass
class Crawl:
	seed: dict
	passed: int = 0
	problems: list[Problem] = field(default_factory=list)
	shots: dict[str, str] = field(default_factory=dict)  # label -> file
	count: int = 0
	untranslated: dict[str, set] = field(default_factory=dict)  # word -> pages

	def check(self, ok: bool, role: str, page: str, message: str) -> None:
		if ok:
			self.passed += 1
			return
		self.problems.append(Problem(role, page, message))
		print(f"browser crawler: FAILED [{role}] {page}: {message}", flush=True)


def slug(text: str) -> str:
	return text.lower().replace(" ", "-")


def shot_name(crawl: Crawl, role: str, label: str) -> str:
	crawl.count += 1
	text = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
	return f"crawler-{role}-{crawl.count:03d}-{text}.png"


# ------------------------------------------------------------------ what the page shows


def wait_idle(driver, ready_js: str, timeout: float = 30) -> bool:
	"""Until `ready_js` is true, the document is loaded and the desk has no request running (twice in a
	row, 0.15 s apart). True when it got there within the timeout."""
	deadline = time.time() + timeout
	calm = 0
	while time.time() < deadline:
		try:
			ready = driver.execute_script(
				"return document.readyState === 'complete'"
				" && !(window.frappe && frappe.request && frappe.request.ajax_count)"
				f" && !!(function() {{ try {{ return {ready_js}; }} catch (e) {{ return false; }} }})()"
			)
		except Exception:
			ready = False
		calm = calm + 1 if ready else 0
		if calm >= 2:
			return True
		time.sleep(0.15)
	return False


ERRORS_JS = """
const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
const dialogs = Array.from(document.querySelectorAll('.modal.show')).filter(visible).map((m) => {
	const indicator = m.querySelector('.modal-header .indicator');
	return {
		title: (m.querySelector('.modal-title') || {}).innerText || '',
		text: ((m.querySelector('.msgprint') || m.querySelector('.modal-body') || {}).innerText || '').slice(0, 300),
		color: indicator ? indicator.className.replace('indicator', '').trim() : '',
		msgprint: !!m.querySelector('.msgprint'),
	};
});
const alerts = Array.from(document.querySelectorAll('#alert-container .alert, .desk-alert, .cg-error')).filter(visible)
	.filter((a) => /red|danger/.test(a.className) || !!a.querySelector('.indicator.red, .red'))
	.map((a) => a.innerText.slice(0, 300));
return {dialogs, alerts};
"""


# The text a sighted user sees: text nodes of rendered elements (not hidden, transparent or clipped to a
# pixel like screen-reader-only text or tooltips waiting for a hover), the chosen option of a select and
# the placeholder of an empty field.
VISIBLE_TEXT_JS = """
const shown = (el) => {
	if (!el || el.closest('script, style, noscript, template, option')) return false;
	if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
	const style = getComputedStyle(el);
	if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') return false;
	const box = el.getBoundingClientRect();
	return box.width > 1 && box.height > 1;
};
const lines = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
	const text = walker.currentNode.textContent.trim();
	if (text && shown(walker.currentNode.parentElement)) lines.push(text);
}
document.querySelectorAll('select').forEach((s) => shown(s) && s.selectedOptions[0] && lines.push(s.selectedOptions[0].text));
document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach((i) => shown(i) && !i.value && lines.push(i.placeholder));
return lines.join('\\n');
"""


def page_problems(crawl: Crawl, driver, role: str, label: str, elapsed: float | None, refused: bool = False):
	"""The four checks of a page that has loaded (`refused`: an error message is what the page must show)."""
	found = driver.execute_script(ERRORS_JS)
	is_error = [
		d["msgprint"] and any(color in d["color"] for color in ("red", "orange")) for d in found["dialogs"]
	]
	errors = [
		f"{d['title']}: {d['text']}".strip() for d, bad in zip(found["dialogs"], is_error, strict=True) if bad
	]
	errors += [f"alert: {text}" for text in found["alerts"]]
	if refused:
		crawl.check(bool(errors), role, label, "the role is not refused with an error message")
	else:
		crawl.check(not errors, role, label, f"error dialog: {' | '.join(errors)}")
	for dialog, bad in zip(found["dialogs"], is_error, strict=True):
		if not bad and dialog["msgprint"]:
			print(
				f"browser crawler: note [{role}] {label}: a message opened: {dialog['title']}: {dialog['text']}"
			)

	console = [
		entry["message"]
		for entry in driver.get_log("browser")
		if entry["level"] == "SEVERE"
		and not any(p.search(entry["message"]) for p in ALLOWED_CONSOLE_ERRORS)
		# a refusal is an HTTP 403 by design, the desk logs the server's PermissionError
		and not (refused and ("status of 403" in entry["message"] or "PermissionError" in entry["message"]))
	]
	crawl.check(not console, role, label, f"console error: {' | '.join(m[:300] for m in console)}")

	if elapsed is not None:
		crawl.check(elapsed <= SLOW, role, label, f"took {elapsed:.1f} s (over {SLOW:.0f} s)")

	words = foreign_words(crawl, driver.execute_script(VISIBLE_TEXT_JS))
	for word in words:
		crawl.untranslated.setdefault(word, set()).add(f"{role}: {label}")
	lines = [line for line in words.values()]
	crawl.check(not words, role, label, "not Chinese: " + " | ".join(dict.fromkeys(lines))[:600])


def foreign_words(crawl: Crawl, text: str) -> dict[str, str]:
	"""Latin words of 2+ letters that are interface text: {word: the line it is in}."""
	data = crawl.seed["data_words_set"]
	found = {}
	for line in text.splitlines():
		# Time zone names are IANA identifiers, the same in every language (a datetime field shows its zone).
		clean = TIME_ZONE.sub(" ", URL.sub(" ", EMAIL.sub(" ", line)))
		for match in LATIN_WORD.finditer(clean):
			word = match.group()
			if word in data or word in ALLOWED_WORDS:
				continue
			# A value cut short to fit its cell ("<img src=x oner...") ends in the start of a data word.
			rest = clean[match.end() :]
			cut = rest.startswith("...") or rest.startswith("…")
			if cut and any(known.startswith(word) for known in data):
				continue
			found.setdefault(word, line.strip()[:120])
	return found


# ------------------------------------------------------------------ visiting


def open_desk_page(driver, route_js: str, ready_js: str) -> float | None:
	"""Go to a desk page as a user does (the desk's router, no page reload); seconds until it is ready,
	None when it never got ready."""
	driver.get_log("browser")  # what the previous page logged is the previous page's
	driver.execute_script("frappe.route_options = null; cur_frm = null; " + route_js)
	start = time.time()
	return time.time() - start if wait_idle(driver, ready_js) else None


def open_url(driver, path: str, ready_js: str) -> float | None:
	driver.get_log("browser")
	start = time.time()
	driver.get(f"{BASE}{path}")
	return time.time() - start if wait_idle(driver, ready_js) else None


def visit(crawl: Crawl, driver, role: str, label: str, opener, after=None, shows: tuple[str, ...] = (),
		refused: bool = False) -> None:  # fmt: skip
	"""Open a page (`opener` returns the seconds it took, None when it never got ready), do `after` on it
	(open a link field's list), then check it. `shows`: texts the page must show; `refused`: the page must
	refuse the role with an error message (in Chinese) instead of showing no error."""
	name = shot_name(crawl, role, label)
	try:
		elapsed = opener()
		if elapsed is None:
			driver.save_screenshot(str(SHOTS / name))
			crawl.check(False, role, label, "the page did not get ready within 30 s")
			page_problems(crawl, driver, role, label, None)
			return
		if elapsed > SLOW:
			# Once more: a slow first time can be the machine (the test shares it), twice is the page.
			print(f"browser crawler: note [{role}] {label}: took {elapsed:.1f} s, opened again", flush=True)
			time.sleep(1)
			again = opener()
			elapsed = min(elapsed, again) if again is not None else elapsed
		if after:
			after(driver)
		# What a page does after it is shown (charts draw, counts load) belongs to it, not to the next page.
		time.sleep(0.8)
		wait_idle(driver, "true", timeout=10)
		driver.save_screenshot(str(SHOTS / name))
		crawl.shots[f"{role}: {label}"] = name
		page_problems(crawl, driver, role, label, elapsed, refused)
		text = driver.execute_script(VISIBLE_TEXT_JS)
		for expected in shows:
			crawl.check(expected in text, role, label, f"does not show {expected!r}")
	except Exception as error:  # a broken page fails, with a screenshot to look at
		try:
			driver.save_screenshot(str(SHOTS / name))
		except Exception:
			pass
		first = str(error).splitlines()[0] if str(error) else ""
		crawl.check(False, role, label, f"{type(error).__name__}: {first}")
	finally:
		close_dialogs(driver)


def close_dialogs(driver) -> None:
	try:
		driver.execute_script(
			"if (window.cur_dialog) cur_dialog.hide();"
			"if (window.frappe && frappe.msg_dialog) frappe.msg_dialog.hide();"
			"document.querySelectorAll('.modal.show').forEach((m) => window.$ && $(m).modal('hide'));"
		)
	except Exception:
		pass


def logged_in_as(driver) -> str | None:
	cookie = driver.get_cookie("user_id")
	user = urllib.parse.unquote(cookie["value"]) if cookie else None
	return None if user in (None, "", "Guest") else user


def login(driver, email: str, password: str) -> str:
	"""Log in through the login page as a person does; returns "" when logged in, else what went wrong.

	A server that has just started can answer the first login slowly, or before the page's script is bound
	to the button (a click then does nothing): wait for the page to settle, and try up to three times."""
	from selenium.webdriver.common.by import By

	problem = ""
	for _attempt in range(3):
		driver.delete_all_cookies()
		driver.get(f"{BASE}/login")
		wait_idle(driver, "!!document.getElementById('login_email') && !!(window.frappe && window.$)")
		time.sleep(1)  # the login script binds its handlers once the page's scripts have run
		driver.find_element(By.ID, "login_email").clear()
		driver.find_element(By.ID, "login_email").send_keys(email)
		driver.find_element(By.ID, "login_password").send_keys(password)
		driver.find_element(By.CSS_SELECTOR, ".btn-login").click()
		deadline = time.time() + 60
		while time.time() < deadline and not (logged_in_as(driver) and "/login" not in driver.current_url):
			time.sleep(0.3)
		if logged_in_as(driver) == email:
			return ""
		message = driver.execute_script(
			"return (document.querySelector('.page-card-body, body') || {}).innerText"
		)
		problem = f"still at {driver.current_url} as {logged_in_as(driver)!r}: {(message or '')[:200]!r}"
		print(f"browser crawler: note: logging in as {email} failed ({problem}), trying again", flush=True)
	return problem


def js(value) -> str:
	return json.dumps(value, ensure_ascii=False)


LIST_READY = (
	"cur_list && cur_list.doctype === {dt} && $('.frappe-list:visible .result, .frappe-list:visible .no-result')"
	".filter(':visible').length > 0"
)
FORM_READY = (
	"cur_frm && cur_frm.doctype === {dt} && cur_frm.docname === {name} && !cur_frm.is_new()"
	" && $('.form-layout:visible').length > 0"
)
REPORT_READY = (
	"frappe.query_report && frappe.query_report.report_name === {name} && frappe.query_report.$loading"
	" && !frappe.query_report.$loading.is(':visible')"
	# Rows, or Frappe's message that there are none for these filters.
	" && ($('.report-wrapper:visible').length > 0 || frappe.query_report.$message.is(':visible'))"
	" && frappe.query_report.data !== undefined"
)


def open_link_list(driver) -> None:
	"""Open the list of the first link filter of a list (Frappe lists its records with their search fields:
	"北关社区, 副书记"), so that the page's check reads it."""
	opened = driver.execute_script(
		"const input = $('.standard-filter-section [data-fieldtype=\"Link\"] input:visible').first();"
		"if (!input.length) return false; input.focus(); return true;"
	)
	if opened:
		time.sleep(0.6)  # the search starts after a short debounce
		wait_idle(
			driver, "$('.standard-filter-section ul[role=listbox]:not([hidden]) li').length > 0", timeout=10
		)


# Texts particular pages must show, by label: the app's option words as the DocType names them.
SHOWS = {"list Training Session": ("菜单式自选",)}


def desk_pages(crawl: Crawl, role: str) -> list[tuple[str, object, dict]]:
	"""(label, opener, checks) for every desk page of the app, as this role (checks: visit's after, shows,
	refused)."""
	seed, pages = crawl.seed, crawl.seed["pages"]
	records = seed["records"]
	items = []

	def add(label: str, opener, **checks) -> None:
		items.append((label, opener, {"shows": SHOWS.get(label, ()), **checks}))

	def route(route_js: str, ready: str):
		return lambda driver: open_desk_page(driver, route_js, ready)

	def then(opener, action_js: str, ready: str):
		"""Open a page, then do something on it (fill the filters): timed from the action."""

		def run(driver):
			if opener(driver) is None:
				return None
			# As a user would: a chart that is still drawing when the report refreshes leaves its animation
			# removing nodes of the chart that replaced it (a frappe-charts console error).
			time.sleep(1.5)
			start = time.time()
			driver.execute_script(action_js)
			time.sleep(0.5)  # the report refreshes after a short debounce
			return time.time() - start if wait_idle(driver, ready) else None

		return run

	def form(dt: str, name: str):
		return route(
			f"frappe.set_route('Form', {js(dt)}, {js(name)})", FORM_READY.format(dt=js(dt), name=js(name))
		)

	for workspace in pages["workspaces"]:
		add(f"workspace {workspace['name']}", route(
			f"frappe.set_route('Workspaces', {js(workspace['title'])})",
			"$('.layout-main-section .ce-block:visible').length > 0"
			f" && frappe.get_route_str() === {js('Workspaces/' + workspace['title'])}",
		))  # fmt: skip
	closed = set(pages["closed"].get(role, ()))
	for doctype in pages["doctypes"]:
		dt = doctype["name"]
		if dt in closed:
			continue
		if doctype["issingle"]:
			add(f"form {dt}", route(
				f"frappe.set_route('Form', {js(dt)})",
				f"cur_frm && cur_frm.doctype === {js(dt)} && $('.form-layout:visible').length > 0",
			))  # fmt: skip
			continue
		add(f"list {dt}", route(f"frappe.set_route('List', {js(dt)})", LIST_READY.format(dt=js(dt))),
			after=open_link_list)  # fmt: skip
		if doctype["calendar"]:
			add(f"calendar {dt}", route(
				f"frappe.set_route('List', {js(dt)}, 'Calendar')",
				"$('.fc-view:visible, .fc-view-container:visible').length > 0",
			))  # fmt: skip
		if name := records.get(dt):
			add(f"form {dt}", form(dt, name))
	# A record outside the reviewer's sub-district: refused, in Chinese.
	if role == "reviewer":
		for dt, name in seed["out_of_scope"].items():
			add(f"form {dt} of another sub-district", route(
				f"frappe.set_route('Form', {js(dt)}, {js(name)})", "$('.modal.show:visible').length > 0"
			), refused=True)  # fmt: skip
	filled = {
		"Sub District": seed["filters"]["sub_district"],
		"Community": seed["filters"]["community"],
		"Cadre": seed["filters"]["cadre"],
		"Training Program": seed["filters"]["program"],
	}
	fill = (
		f"const values = {js(filled)}; const set = {{}};"
		"(frappe.query_report.filters || []).forEach((f) => {"
		" if (f.df.fieldtype === 'Link' && values[f.df.options] && !f.df.read_only) set[f.df.fieldname] ="
		" values[f.df.options]; });"
		"frappe.query_report.set_filter_value(set);"
	)
	for report in pages["reports"]:
		name = report["name"]
		if name in closed:
			continue
		ready = REPORT_READY.format(name=js(name))
		add(f"report {name}", route(f"frappe.set_route('query-report', {js(name)})", ready))
		add(f"report {name} (filled)", then(route(f"frappe.set_route('query-report', {js(name)})", ready), fill,
			ready))  # fmt: skip
	return items


def print_pages(crawl: Crawl) -> list[tuple[str, str]]:
	q = urllib.parse.quote
	items = []
	for print_format in crawl.seed["pages"]["print_formats"]:
		name = crawl.seed["records"].get(print_format["doc_type"])
		if name:
			path = f"/printview?doctype={q(print_format['doc_type'])}&name={q(name)}"
			path += f"&format={q(print_format['name'])}&no_letterhead=1"
			items.append((f"print {print_format['name']}", path))
	return items


def crawl_desk(crawl: Crawl, role: str) -> None:
	seed = crawl.seed
	driver = browser(DESK, console_log=True)
	try:
		problem = login(driver, seed["users"][role], seed["password"])
		crawl.check(not problem, role, "login", f"could not log in: {problem}")
		if problem:
			return
		# The first load of the desk fetches its assets and boot: not a page of the app, not timed. (A list,
		# not the workspace: opening the page already shown would redraw its charts.)
		driver.get(f"{BASE}/app/{slug(crawl.seed['pages']['doctypes'][0]['name'])}")
		wait_idle(driver, "!!(window.frappe && frappe.boot && cur_page && $('.layout-main-section:visible').length)",
			timeout=60)  # fmt: skip
		time.sleep(2)
		for label, opener, extra in desk_pages(crawl, role):
			visit(crawl, driver, role, label, lambda o=opener: o(driver), **extra)
		for label, path in print_pages(crawl):
			visit(
				crawl,
				driver,
				role,
				label,
				lambda p=path: open_url(driver, p, "!!document.querySelector('.print-format')"),
			)
	finally:
		driver.quit()


# A message the portal shows after an action: on the screen (a phone shows the top of the page).
FLASH_SHOWN = (
	"(function() {{ const box = document.querySelector('.cg-flash'); if (!box || !box.innerText.includes('{}'))"
	" return false; const r = box.getBoundingClientRect(); return r.height > 0 && r.top >= 0"
	" && r.bottom <= window.innerHeight; }})()"
)


def link_shown(driver, path: str) -> bool:
	"""A link to the path is on the screen, or one tap away in the phone's collapsed menu."""
	from selenium.webdriver.common.by import By

	def shown() -> bool:
		return any(a.is_displayed() for a in driver.find_elements(By.CSS_SELECTOR, f'a[href$="{path}"]'))

	if shown():
		return True
	for toggler in driver.find_elements(By.CSS_SELECTOR, ".navbar-toggler"):
		if toggler.is_displayed():
			toggler.click()
			time.sleep(0.6)
	return shown()


# A page of the personal space is a shell its script fills from a whitelisted method: ready once filled.
PORTAL_READY = "!!document.querySelector('.cg-portal[aria-busy=\"false\"] .cg-menu')"


def crawl_portal(crawl: Crawl) -> None:
	from selenium.webdriver.common.by import By

	seed = crawl.seed
	role = "cadre"
	driver = browser(PHONE, console_log=True)
	try:
		# A guest: the login page is the department's, in Chinese.
		visit(
			crawl,
			driver,
			"guest",
			"login (phone)",
			lambda: open_url(driver, "/login", "!!document.getElementById('login_email')"),
		)
		brand = driver.execute_script("return document.body.innerText")
		crawl.check("Frappe" not in brand, "guest", "login (phone)", "the login page names Frappe")
		visit(
			crawl,
			driver,
			"guest",
			"training (guest)",
			lambda: open_url(driver, "/training", "!!document.getElementById('login_email')"),
		)
		crawl.check(
			"/login" in driver.current_url,
			"guest",
			"training (guest)",
			"a guest was not sent to the login page",
		)

		problem = login(driver, seed["users"][role], seed["password"])
		crawl.check(not problem, role, "login", f"could not log in: {problem}")
		crawl.check(
			urllib.parse.urlparse(driver.current_url).path.rstrip("/") == "/my",
			role,
			"login",
			f"a cadre lands on {driver.current_url}, not on its personal space /my",
		)
		# The personal space: every page of it, with the menu to the others.
		for path in ("/my", "/my/targets", "/my/assessment", "/my/profile"):
			visit(
				crawl,
				driver,
				role,
				f"portal {path}",
				lambda p=path: open_url(driver, p, PORTAL_READY),
			)
			crawl.check(
				link_shown(driver, "/training"), role, f"portal {path}", "no way to the training page"
			)
		visit(
			crawl,
			driver,
			role,
			"portal training",
			lambda: open_url(driver, "/training", f"{PORTAL_READY} && !!document.getElementById('past')"),
		)
		visit(
			crawl,
			driver,
			role,
			"portal me",
			lambda: open_url(driver, "/me", "!!document.querySelector('.page-content, main')"),
		)
		crawl.check(
			link_shown(driver, "/training"), role, "portal me", "/me shows no way to the training page"
		)
		visit(crawl, driver, role, "desk as a cadre", lambda: open_url(driver, "/app", "!!document.body"))
		crawl.check(
			urllib.parse.urlparse(driver.current_url).path.rstrip("/") == "/my", role, "desk as a cadre",
			f"/app sends a cadre to {driver.current_url}, not to its personal space /my",
		)  # fmt: skip

		# Enrol in the open Menu course: the page says so; withdraw: asked first, then said.
		session = seed["menu_session"]
		open_url(driver, "/training", "!!document.getElementById('menu')")
		driver.find_element(By.CSS_SELECTOR, f'#menu .cg-enrol[data-session="{session}"]').click()
		said = wait_idle(
			driver,
			f"!!document.querySelector('#upcoming [data-session=\"{session}\"]') && {FLASH_SHOWN.format('已报名')}",
			timeout=20,
		)
		driver.save_screenshot(str(SHOTS / shot_name(crawl, role, "portal enrolled")))
		crawl.check(said, role, "portal enrol", "enrolling shows no confirmation that it worked")
		driver.find_element(By.CSS_SELECTOR, f'#upcoming .cg-withdraw[data-session="{session}"]').click()
		asked = wait_idle(driver, "!!document.querySelector('dialog[open]')", timeout=5)
		driver.save_screenshot(str(SHOTS / shot_name(crawl, role, "portal withdraw asked")))
		crawl.check(asked, role, "portal withdraw", "withdrawing asks for no confirmation")
		if asked:
			driver.execute_script("document.querySelector('dialog[open] .btn-primary').click()")
		withdrawn = wait_idle(
			driver,
			f"!document.querySelector('#upcoming [data-session=\"{session}\"]') && {FLASH_SHOWN.format('已退出')}",
			timeout=20,
		)
		driver.save_screenshot(str(SHOTS / shot_name(crawl, role, "portal withdrawn")))
		crawl.check(withdrawn, role, "portal withdraw", "withdrawing shows no confirmation that it worked")
		page_problems(crawl, driver, role, "portal after enrol and withdraw", None)
	finally:
		driver.quit()


# ------------------------------------------------------------------ README screenshots

README_CHOICE = {
	"workspace.png": "orgdept: workspace Community Governance",
	"scorecard.png": "leader: report Cadre Scorecard (filled)",
	"printed-form.png": "orgdept: print Annual Assessment Registration Form",
	"phone-portal.png": "cadre: portal training",
}


def copy_readme_shots(crawl: Crawl) -> None:
	README_SHOTS.mkdir(parents=True, exist_ok=True)
	for target, label in README_CHOICE.items():
		if file := crawl.shots.get(label):
			shutil.copyfile(SHOTS / file, README_SHOTS / target)
		else:
			print(f"browser crawler: no screenshot of {label!r} for docs/screenshots/{target}")


def run(crawl_roles: list[str]) -> Crawl:
	frappe_cli("--site", SITE, "clear-cache")
	output = frappe_cli("--site", SITE, "execute", "community_gov.tests.browser_seed.seed_crawler")
	SHOTS.mkdir(parents=True, exist_ok=True)
	seed = json.loads(output.strip().splitlines()[-1])
	(SHOTS / "crawler-seed.json").write_text(json.dumps(seed, ensure_ascii=False, indent=1), encoding="utf-8")
	seed["data_words_set"] = set(seed["data_words"])
	crawl = Crawl(seed)
	for old in SHOTS.glob("crawler-*.png"):
		old.unlink()
	for role in crawl_roles:
		if role == "cadre":
			crawl_portal(crawl)
		else:
			crawl_desk(crawl, role)
	return crawl


def main() -> int:
	if not assets_built():
		print("browser crawler: desk assets are not built (./manage.sh setup builds them)")
		print("Browser crawler: 0 passed, 1 failed")
		return 1
	roles = os.environ.get("CRAWLER_ROLES", "orgdept,reviewer,leader,cadre").split(",")
	crawl = None
	try:
		with served_site(PORT):
			crawl = run(roles)
	except Exception as error:  # the server, the seed or the browser could not start
		print(f"browser crawler: FAILED {type(error).__name__}: {error}")
		print("Browser crawler: 0 passed, 1 failed")
		return 1
	copy_readme_shots(crawl)
	if crawl.untranslated:
		print("browser crawler: words that are not Chinese, and where:")
		for word, where in sorted(crawl.untranslated.items()):
			print(f"  {word}: {len(where)} pages, e.g. {sorted(where)[0]}")
	print(f"browser crawler: screenshots in {SHOTS}")
	print(f"Browser crawler: {crawl.passed} passed, {len(crawl.problems)} failed")
	return 1 if crawl.problems else 0


if __name__ == "__main__":
	sys.exit(main())
