"""Browser test: text users wrote is shown as text, never run as markup, in the desk, the print formats
and the trainees' portal.

Seeds (community_gov.tests.browser_seed.seed_injection) records whose user-written fields hold script
payloads stored raw, as an old or bypassing write would leave them; logs in as an Organization Department
user in the desk and as a cadre on the portal; opens every form, list, report, print view and portal page
that shows those fields. After each page it checks that no payload ran (`window.__xss` unset, no alert
open) and, where the field is shown, that the payload is visible as literal text. Screenshots go to
artifacts/browser/. Needs built desk assets and Debian's chromium + chromium-driver. Run after the
integration harness (it uses its test site; CG_TEST_SITE chooses another, BROWSER_TEST_PORT the port):

	env/bin/python tests/browser_injection.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import urllib.parse

from browser_support import SHOTS, SITE, assets_built, browser, frappe_cli, served_site

PORT = int(os.environ.get("BROWSER_TEST_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"

# What the seeded payloads look like once shown as text (browser_seed.payload).
IMG = "<img src=x onerror="
SCRIPT = "<script>window.__xss="
SVG = '"><svg onload='


class Checks:
	def __init__(self):
		self.passed = 0
		self.failures: list[str] = []
		self.shot = 0

	def record(self, ok: bool, what: str) -> bool:
		if ok:
			self.passed += 1
		else:
			self.failures.append(what)
			print(f"browser injection: FAILED {what}", flush=True)
		return ok


def login(driver, wait, email: str, password: str) -> None:
	from selenium.webdriver.common.by import By
	from selenium.webdriver.support import expected_conditions as EC

	driver.delete_all_cookies()
	driver.get(f"{BASE}/login")
	wait.until(EC.presence_of_element_located((By.ID, "login_email")))
	driver.find_element(By.ID, "login_email").send_keys(email)
	driver.find_element(By.ID, "login_password").send_keys(password)
	driver.find_element(By.CSS_SELECTOR, ".btn-login").click()
	wait.until(lambda d: "/login" not in d.current_url)


def open_alert_text(driver) -> str | None:
	from selenium.common.exceptions import NoAlertPresentException

	try:
		alert = driver.switch_to.alert
	except NoAlertPresentException:
		return None
	text = alert.text
	alert.accept()
	return text


def settle(driver, seconds: float = 1.5) -> None:
	"""Let the page finish its calls (the desk renders after them) and its scripts run."""
	deadline = time.time() + 20
	while time.time() < deadline:
		try:
			busy = driver.execute_script(
				"return document.readyState !== 'complete'"
				" || !!(window.frappe && frappe.request && frappe.request.ajax_count)"
			)
		except Exception:  # an open alert blocks scripts: the check reports it
			return
		if not busy:
			break
		time.sleep(0.2)
	time.sleep(seconds)


def visit(checks: Checks, driver, wait, label: str, path: str, ready: str, shown: list[tuple[str, str]] = (),
		action=None):  # fmt: skip
	"""Open a page, wait for `ready` (a CSS selector), run `action` (JavaScript, or a function of the driver:
	open a table row, hover a chart), then: no payload ran, no alert is open, and each (selector, text) of
	`shown` has the text visible as text."""
	from selenium.webdriver.common.by import By
	from selenium.webdriver.support import expected_conditions as EC

	checks.shot += 1
	name = f"injection-{checks.shot:02d}-{re.sub(r'[^a-z0-9]+', '-', label.lower()).strip('-')}.png"
	try:
		driver.get(f"{BASE}{path}")
		try:
			wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ready)))
		except Exception:
			alert = open_alert_text(driver)
			if alert is None:
				raise
		settle(driver)
		if action and open_alert_text(driver) is None:
			driver.execute_script(action) if isinstance(action, str) else action(driver)
			settle(driver)
		alert = open_alert_text(driver)
		driver.save_screenshot(str(SHOTS / name))
		ran = (
			None
			if alert
			else driver.execute_script("return window.__xss === undefined ? null : window.__xss")
		)
		what = f"alert {alert!r}" if alert else f"window.__xss = {ran!r}"
		checks.record(alert is None and ran is None, f"{label}: a payload ran ({what})")
		shown_twice = driver.execute_script(
			"return ['&lt;img', '&lt;script', '&lt;svg', '&quot;', '&#39;', '&amp;lt;']"
			".filter((t) => document.body.innerText.includes(t))"
		)
		checks.record(not shown_twice, f"{label}: text escaped twice (shows {shown_twice})")
		for selector, text in shown:
			found = driver.execute_script(
				"return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.innerText).join('\\n')",
				selector,
			)
			# innerText follows CSS text-transform (the chart tooltip's title is upper-cased)
			checks.record(
				text.lower() in (found or "").lower(), f"{label}: {text!r} is not shown as text in {selector}"
			)
	except Exception as error:  # a broken page fails the check, with a screenshot to look at
		try:
			open_alert_text(driver)
			driver.save_screenshot(str(SHOTS / name))
		except Exception:
			pass
		checks.record(
			False, f"{label}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
		)


def hover_chart(driver) -> None:
	"""Move the mouse over every bar and point of the page's chart: its tooltip shows the labels."""
	from selenium.webdriver.common.action_chains import ActionChains
	from selenium.webdriver.common.by import By

	units = driver.find_elements(By.CSS_SELECTOR, ".chart-container .dataset-units > *")
	for unit in units:
		try:
			ActionChains(driver).move_to_element(unit).perform()
		except Exception:  # an empty bar or path has no point to move to
			continue
		time.sleep(0.3)
	if not units:
		raise AssertionError("the report shows no chart to hover")


FORM, LIST, REPORT = ".form-layout", ".frappe-list .result", ".dt-scrollable .dt-row"
OPEN_ROW = "cur_frm.fields_dict.attendees.grid.grid_rows[0].toggle_view(true)"
CHOOSE_SUCCESSOR = "cur_frm.custom_buttons[__('Choose Successor')].click()"


def desk_pages(seed: dict) -> list[tuple]:
	"""(label, path, ready selector, [(selector, text shown)], action) for the Organization Department."""
	q = urllib.parse.quote
	sub_district, year = q(seed["sub_district"]), seed["year"]
	scorecard = f"/app/query-report/Cadre Scorecard?sub_district={sub_district}&from_year={year - 1}"
	scorecard += f"&to_year={year}"
	pages = [
		("annual assessment form (returned)", f"/app/annual-assessment/{seed['assessment']}", FORM,
			[(".form-message", IMG)], None),
		("annual assessment form (approved)", f"/app/annual-assessment/{seed['approved_assessment']}", FORM, [],
			None),
		("annual assessment list", "/app/annual-assessment?workflow_state=Returned", LIST, [], None),
		("target agreement form", f"/app/target-agreement/{seed['agreement']}", FORM, [], None),
		("target agreement list", "/app/target-agreement", LIST, [], None),
		("reserve candidate form (withdrawn)", f"/app/reserve-candidate/{seed['reserve']}", FORM, [], None),
		("reserve candidate form (qualified)", f"/app/reserve-candidate/{seed['qualified_reserve']}", FORM,
			[(FORM, IMG)], None),
		("reserve candidate list", "/app/reserve-candidate?status=Withdrawn", LIST, [], None),
		("appointment form", f"/app/appointment/{seed['appointment']}", FORM, [], None),
		("appointment list", "/app/appointment", LIST, [], None),
		("adjustment case form", f"/app/adjustment-case/{seed['adjustment_case']}", FORM, [(FORM, IMG)], None),
		# Its "Choose Successor" dialog lists the reserves by name.
		("adjustment case successor dialog", f"/app/adjustment-case/{seed['adjustment_case']}", FORM,
			[(".modal.show .modal-body", IMG)], CHOOSE_SUCCESSOR),
		("adjustment case list", "/app/adjustment-case", LIST, [], None),
		("cadre form (secretary)", f"/app/cadre/{seed['secretary']}", FORM, [(FORM, SVG)], None),
		("cadre list", f"/app/cadre?community={q(seed['community'])}", LIST, [(LIST, SVG)], None),
		("cadre form (status)", f"/app/cadre/{seed['worker']}", FORM, [(".page-head", SVG)], None),
		("training session form (completed)", f"/app/training-session/{seed['past_session']}", FORM, [], None),
		# An attendee's row opened: its result and feedback comment (both payloads) in full.
		("training session attendee row", f"/app/training-session/{seed['past_session']}", FORM,
			[(".grid-row-open", IMG), (".grid-row-open", SVG)], OPEN_ROW),
		("training session form (upcoming)", f"/app/training-session/{seed['upcoming_session']}", FORM, [], None),
		("training session list", "/app/training-session", LIST, [], None),
		("training session calendar", "/app/training-session/view/calendar", ".fc-view-container, .fc-view", [],
			None),
		("training program form", f"/app/training-program/{seed['program']}", FORM, [], None),
		("community form", f"/app/community/{q(seed['community'])}", FORM, [], None),
		("sub district form", f"/app/sub-district/{q(seed['sub_district'])}", FORM, [], None),
		("report Cadre Scorecard", scorecard, REPORT, [(".dt-scrollable", IMG)], None),
		("report Cadre Scorecard chart", scorecard, REPORT, [], hover_chart),
		("report Career Post Eligibility", f"/app/query-report/Career Post Eligibility?sub_district={sub_district}",
			REPORT, [(".dt-scrollable", IMG)], None),
		("report Training Coverage",
			f"/app/query-report/Training Coverage?sub_district={sub_district}&view=Cadre Compliance",
			REPORT, [(".dt-scrollable", IMG)], None),
		("report Top Ten Secretaries",
			f"/app/query-report/Top Ten Secretaries?sub_district={sub_district}&year={year - 1}&window_years=1",
			REPORT, [(".dt-scrollable", IMG), (".graph-svg-tip", IMG)], hover_chart),
	]  # fmt: skip
	for doctype, name, print_format, text in (
		("Annual Assessment", seed["assessment"], "Annual Assessment Registration Form", SCRIPT),
		("Target Agreement", seed["agreement"], "Target Agreement Form", IMG),
		("Appointment", seed["appointment"], "Appointment Approval Form", IMG),
		("Cadre", seed["secretary"], "Cadre Scorecard", IMG),
	):
		path = f"/printview?doctype={q(doctype)}&name={q(name)}&format={q(print_format)}&no_letterhead=1"
		pages.append((f"print {print_format}", path, ".print-format", [(".print-format", text)], None))
	return pages


def run(checks: Checks) -> None:
	from selenium.webdriver.support.ui import WebDriverWait

	frappe_cli("--site", SITE, "clear-cache")  # the desk must get the form scripts as they are on disk
	seed = json.loads(
		frappe_cli("--site", SITE, "execute", "community_gov.tests.browser_seed.seed_injection")
		.strip()
		.splitlines()[-1]
	)
	SHOTS.mkdir(parents=True, exist_ok=True)
	for old in SHOTS.glob("injection-*.png"):
		old.unlink()

	desk = browser("1400,1000", keep_alerts=True)
	wait = WebDriverWait(desk, 40)
	try:
		login(desk, wait, seed["orgdept"], seed["password"])
		for label, path, ready, shown, action in desk_pages(seed):
			visit(checks, desk, wait, label, path, ready, shown, action)
	finally:
		desk.quit()

	portal = browser("390,844", keep_alerts=True)
	wait = WebDriverWait(portal, 40)
	try:
		login(portal, wait, seed["cadre_user"], seed["password"])
		shown = [("#upcoming", IMG), ("#upcoming", SCRIPT), ("#upcoming", SVG), ("#past", SCRIPT)]
		visit(checks, portal, wait, "portal training", "/training", "#past", shown)
	finally:
		portal.quit()

	# The secretary's personal space: its targets, self-summary, the reviewer's reason and its record.
	space = browser("390,844", keep_alerts=True)
	wait = WebDriverWait(space, 40)
	try:
		login(space, wait, seed["secretary_user"], seed["password"])
		for label, path, shown in (
			("personal space home", "/my", []),
			("personal space targets", "/my/targets", []),
			("personal space assessment", "/my/assessment", [("#return-reason", IMG)]),
			("personal space profile", "/my/profile", []),
		):
			# The page's script fills the shell from a whitelisted method: ready once filled.
			visit(checks, space, wait, label, path, '.cg-portal[aria-busy="false"]', shown)
	finally:
		space.quit()


def main() -> int:
	if not assets_built():
		print("browser injection: desk assets are not built (./manage.sh setup builds them)")
		print("Browser injection: 0 passed, 1 failed")
		return 1
	checks = Checks()
	try:
		with served_site(PORT):
			run(checks)
	except Exception as error:  # the server, the seed or the browser could not start
		checks.record(False, f"{type(error).__name__}: {error}")
	print(f"browser injection: screenshots in {SHOTS}")
	print(f"Browser injection: {checks.passed} passed, {len(checks.failures)} failed")
	return 1 if checks.failures else 0


if __name__ == "__main__":
	sys.exit(main())
