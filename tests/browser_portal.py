"""Browser test of the trainees' portal on the test site, in headless Chromium.

A demo-like cadre logs in on a phone-sized screen, enrols in a Menu course, sees it in its schedule.
Screenshots go to artifacts/browser/. Needs built desk assets and Debian's chromium + chromium-driver
(`./manage.sh test` provides both). Run after the integration harness (it uses its test site):

	env/bin/python tests/browser_portal.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
SITES_DIR = BENCH_DIR / "sites"
PYTHON = BENCH_DIR / "env" / "bin" / "python"
SITE = "test.community.localhost"
PORT = int(os.environ.get("BROWSER_TEST_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SHOTS = BENCH_DIR / "artifacts" / "browser"


def frappe_cli(*args: str, capture: bool = True) -> str:
	result = subprocess.run(
		[str(PYTHON), "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=SITES_DIR, check=True, text=True, capture_output=capture,
	)  # fmt: skip
	return result.stdout


def wait_for_server(timeout: float = 60) -> None:
	deadline = time.time() + timeout
	while time.time() < deadline:
		try:
			urllib.request.urlopen(f"{BASE}/login", timeout=5)
			return
		except Exception:
			time.sleep(1)
	raise SystemExit(f"the test site did not come up on {BASE}")


def browser():
	from selenium import webdriver

	options = webdriver.ChromeOptions()
	for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-background-networking", "--disable-component-update", "--no-first-run",
		"--window-size=390,844", "--lang=zh-CN"):  # fmt: skip
		options.add_argument(argument)
	options.binary_location = "/usr/bin/chromium"
	return webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)


def run() -> list[str]:
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
	driver = browser()
	wait = WebDriverWait(driver, 30)
	try:
		driver.get(f"{BASE}/training")
		wait.until(EC.presence_of_element_located((By.ID, "login_email")))
		if "/login" not in driver.current_url:
			failures.append("a guest was not sent to the login page")
		driver.save_screenshot(str(SHOTS / "1-login.png"))
		driver.find_element(By.ID, "login_email").send_keys(seed["email"])
		driver.find_element(By.ID, "login_password").send_keys(seed["password"])
		driver.find_element(By.CSS_SELECTOR, ".btn-login").click()
		wait.until(lambda d: "/login" not in d.current_url)
		driver.get(f"{BASE}/training")
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
	if not (SITES_DIR / "assets" / "assets.json").exists():
		print("browser: desk assets are not built (./manage.sh setup builds them)")
		print("browser: 0 passed, 1 failed")
		return 1
	server = subprocess.Popen(
		[str(PYTHON), "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, "serve", "--port", str(PORT),
			"--noreload"],
		cwd=SITES_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
	)  # fmt: skip
	try:
		wait_for_server()
		failures = run()
	finally:
		server.terminate()
		server.wait(timeout=20)
	for failure in failures:
		print(f"browser: FAILED {failure}")
	print(f"browser: screenshots in {SHOTS}")
	print(f"browser: {0 if failures else 1} passed, {1 if failures else 0} failed")
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
