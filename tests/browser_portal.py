"""Browser test of the trainees' portal on the test site, in headless Chromium.

A demo-like cadre logs in on a phone-sized screen, enrols in a Menu course, sees it in its schedule.
Screenshots go to artifacts/browser/. Needs built desk assets and Debian's chromium + chromium-driver
(`./manage.sh test` provides both). Run after the integration harness (it uses its test site):

	env/bin/python tests/browser_portal.py
"""

from __future__ import annotations

import json
import os
import sys

from browser_support import SHOTS, SITE, assets_built, browser, frappe_cli, served_site

PORT = int(os.environ.get("BROWSER_TEST_PORT", "8765"))


def run(base: str) -> list[str]:
	from selenium.webdriver.common.by import By
	from selenium.webdriver.support import expected_conditions as EC
	from selenium.webdriver.support.ui import WebDriverWait

	seed = json.loads(
		frappe_cli("--site", SITE, "execute", "community_gov.tests.browser_seed.seed")
		.strip()
		.splitlines()[-1]
	)
	SHOTS.mkdir(parents=True, exist_ok=True)
	failures = []
	driver = browser("390,844")
	wait = WebDriverWait(driver, 30)
	try:
		driver.get(f"{base}/training")
		wait.until(EC.presence_of_element_located((By.ID, "login_email")))
		if "/login" not in driver.current_url:
			failures.append("a guest was not sent to the login page")
		driver.save_screenshot(str(SHOTS / "1-login.png"))
		driver.find_element(By.ID, "login_email").send_keys(seed["email"])
		driver.find_element(By.ID, "login_password").send_keys(seed["password"])
		driver.find_element(By.CSS_SELECTOR, ".btn-login").click()
		wait.until(lambda d: "/login" not in d.current_url)
		driver.get(f"{base}/training")
		wait.until(EC.presence_of_element_located((By.ID, "menu")))
		driver.save_screenshot(str(SHOTS / "2-portal-before.png"))
		if "我的培训" not in driver.page_source:
			failures.append("the portal is not in Chinese")
		if seed["past"] not in driver.find_element(By.ID, "past").text:
			failures.append("the attended session is missing from the past sessions")
		button = driver.find_element(
			By.CSS_SELECTOR, f'#menu button.cg-enrol[data-session="{seed["session"]}"]'
		)
		button.click()
		wait.until(
			EC.presence_of_element_located((By.CSS_SELECTOR, f'#upcoming [data-session="{seed["session"]}"]'))
		)
		driver.save_screenshot(str(SHOTS / "3-portal-enrolled.png"))
		if seed["title"] not in driver.find_element(By.ID, "upcoming").text:
			failures.append("the enrolled session is not in the schedule")
		if driver.find_elements(By.CSS_SELECTOR, f'#menu [data-session="{seed["session"]}"]'):
			failures.append("the enrolled session is still offered in the open courses")
	except Exception as error:  # a broken page must fail the test, with a screenshot to look at
		driver.save_screenshot(str(SHOTS / "error.png"))
		failures.append(f"{type(error).__name__}: {error}")
	finally:
		driver.quit()
	return failures


def main() -> int:
	if not assets_built():
		print("browser: desk assets are not built (./manage.sh setup builds them)")
		print("browser: 0 passed, 1 failed")
		return 1
	with served_site(PORT) as base:
		failures = run(base)
	for failure in failures:
		print(f"browser: FAILED {failure}")
	print(f"browser: screenshots in {SHOTS}")
	print(f"browser: {0 if failures else 1} passed, {1 if failures else 0} failed")
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
