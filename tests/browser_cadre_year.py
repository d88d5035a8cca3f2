"""Browser test of a secretary's year in its personal space, on a phone-sized window in headless Chromium.

The secretary logs in with its mobile number and lands on its personal space, which tells it what waits;
it signs its target agreement (签订), writes its self-summary (德能勤绩廉) and keeps a draft, submits it,
sees it returned with the reviewer's reason, revises and resubmits it, and after review and approval sees its
grade. The desk users' steps (return, review, approve) run on the server between the secretary's steps
(community_gov.tests.browser_cadre_seed.act). Every page is checked for Chinese headings and console errors.
Screenshots go to artifacts/browser/cadre-year-*.png. Needs built desk assets and Debian's chromium +
chromium-driver. Run after the integration harness (it uses its test site; CG_TEST_SITE chooses another,
BROWSER_CADRE_PORT the port):

	env/bin/python tests/browser_cadre_year.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

from browser_support import SHOTS, SITE, assets_built, browser, frappe_cli, served_site

PORT = int(os.environ.get("BROWSER_CADRE_PORT", "8771"))
PHONE = "390,844"
SUMMARY = {
	"integrity": "坚定理想信念,认真学习党的创新理论,对党忠诚",
	"ability": "统筹推进网格化治理,调处矛盾纠纷42起",
	"diligence": "全年无缺勤,带头参加夜间巡查和防汛值守",
	"performance": "完成年度目标任务,为民服务事项按时办结",
	"honesty": "严守中央八项规定精神,廉洁自律",
}
REASON = "“绩”部分请补充为民服务的具体事例和数据"
REVISED = "完成年度目标任务,办结为民服务事项326件,群众满意度明显提升"
ALLOWED_CONSOLE_ERRORS = (re.compile(r"/socket\.io/|socket\.io|WebSocket connection"),)
FLASH_SHOWN = (
	"(() => { const box = document.querySelector('.cg-flash'); return !!box && box.offsetHeight > 0; })()"
)


class Year:
	def __init__(self, driver, base: str, seed: dict):
		self.driver, self.base, self.seed = driver, base, seed
		self.passed: list[str] = []
		self.failed: list[str] = []
		self.shot = 0
		self.errors: list[str] = []

	def check(self, ok: bool, what: str) -> bool:
		(self.passed if ok else self.failed).append(what)
		print(f"browser cadre year: {'ok' if ok else 'FAILED'} {what}", flush=True)
		return ok

	def wait(self, script: str, timeout: float = 30) -> bool:
		deadline = time.time() + timeout
		while time.time() < deadline:
			try:
				if self.driver.execute_script(f"return document.readyState === 'complete' && ({script})"):
					return True
			except Exception:  # the page is being replaced
				pass
			time.sleep(0.2)
		return False

	def open(self, path: str, ready: str) -> bool:
		self.errors += self.console_errors()  # of the page before (the log is read once)
		self.driver.get(f"{self.base}{path}")
		return self.wait(ready)

	def screenshot(self, name: str) -> None:
		self.shot += 1
		self.driver.save_screenshot(str(SHOTS / f"cadre-year-{self.shot:02d}-{name}.png"))

	def text(self, selector: str) -> str:
		return self.driver.execute_script(
			"const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector
		)

	def confirm_dialog(self) -> bool:
		"""The page asks before an action that cannot be undone (a dialog element): answer yes."""
		if not self.wait("!!document.querySelector('dialog[open]')", timeout=10):
			return False
		self.driver.execute_script("document.querySelector('dialog[open] .btn-primary').click()")
		return True

	def console_errors(self) -> list[str]:
		return [
			entry["message"]
			for entry in self.driver.get_log("browser")
			if entry["level"] == "SEVERE"
			and not any(p.search(entry["message"]) for p in ALLOWED_CONSOLE_ERRORS)
		]

	def act(self, action: str, user: str, reason: str | None = None) -> str:
		# `bench execute` evaluates its kwargs as Python: no JSON null.
		kwargs = {
			"assessment": self.seed["assessment"],
			"action": action,
			"user": user,
			"reason": reason or "",
		}
		output = frappe_cli("--site", SITE, "execute", "community_gov.tests.browser_cadre_seed.act",
			"--kwargs", json.dumps(kwargs, ensure_ascii=False))  # fmt: skip
		return json.loads(output.strip().splitlines()[-1])["workflow_state"]

	# ------------------------------------------------------------ the year

	def run(self) -> None:
		d, seed = self.driver, self.seed
		from selenium.webdriver.common.by import By

		# Log in with the mobile number: the personal space, which says the agreement waits.
		self.open("/login", "!!document.getElementById('login_email')")
		d.find_element(By.ID, "login_email").send_keys(seed["login"])
		d.find_element(By.ID, "login_password").send_keys(seed["password"])
		d.find_element(By.CSS_SELECTOR, ".btn-login").click()
		self.wait("!location.pathname.startsWith('/login')")
		self.wait("!!document.getElementById('notices')")
		self.screenshot("home")
		self.check(
			d.current_url.rstrip("/").endswith("/my"),
			f"logs in with the mobile number, lands on /my ({d.current_url})",
		)
		self.check(self.text("h1") == "我的主页", "the personal space is in Chinese")
		self.check(
			bool(d.find_elements(By.CSS_SELECTOR, '#notices [data-kind="agreement_to_sign"]'))
			and bool(d.find_elements(By.CSS_SELECTOR, '#notices [data-kind="self_assessment_to_write"]')),
			"the home page lists the agreement to sign and the self-summary to write",
		)
		# /app sends the cadre back to its space.
		self.open("/app", "!!document.getElementById('notices')")
		self.check(
			d.current_url.rstrip("/").endswith("/my"), "the desk sends the cadre to its personal space"
		)

		# 我的目标: sign.
		agreement = seed["agreement"]
		self.open("/my/targets", f"!!document.getElementById('pending-{agreement}')")
		self.screenshot("targets-pending")
		self.check(len(d.find_elements(By.CSS_SELECTOR, f"#pending-{agreement} .cg-targets tbody tr")) == 3,
			"the agreement shows its three targets")  # fmt: skip
		d.find_element(By.CSS_SELECTOR, f'.cg-sign[data-agreement="{agreement}"]').click()
		asked = self.confirm_dialog()
		signed = self.wait(f"!!document.getElementById('signed-{agreement}') && {FLASH_SHOWN}")
		self.screenshot("targets-signed")
		self.check(
			asked and signed and "已签订" in self.text(f"#signed-{agreement}"),
			"signs the agreement after a confirmation",
		)
		self.check(
			"在网上签订" in self.text(f"#signed-{agreement}"), "the agreement says when it was signed here"
		)

		# 我的考核: a draft is kept.
		assessment = f"#open-{seed['assessment']}"
		self.open("/my/assessment", f"!!document.querySelector('{assessment} form.cg-summary')")
		for key, text in SUMMARY.items():
			area = d.find_element(By.CSS_SELECTOR, f'{assessment} textarea[name="{key}"]')
			area.clear()
			area.send_keys(text if key != "honesty" else "")
		d.find_element(By.CSS_SELECTOR, f"{assessment} .cg-save").click()
		self.check(self.wait(FLASH_SHOWN), "saves a draft of the self-summary")
		self.open("/my/assessment", f"!!document.querySelector('{assessment} form.cg-summary')")
		kept = d.find_element(By.CSS_SELECTOR, f'{assessment} textarea[name="ability"]').get_attribute(
			"value"
		)
		self.check(kept == SUMMARY["ability"], "the draft is there when the page is opened again")
		# Submitting asks for every part, then for a confirmation.
		d.find_element(By.CSS_SELECTOR, f"{assessment} .cg-submit").click()
		self.check(self.wait(f"document.querySelector('{assessment} .cg-incomplete').offsetHeight > 0", timeout=10)
			and "每一部分" in self.text(f"{assessment} .cg-incomplete"), "an incomplete self-summary is not submitted")  # fmt: skip
		d.find_element(By.CSS_SELECTOR, f'{assessment} textarea[name="honesty"]').send_keys(
			SUMMARY["honesty"]
		)
		d.find_element(By.CSS_SELECTOR, f"{assessment} .cg-submit").click()
		asked = self.confirm_dialog()
		submitted = self.wait(
			f"document.querySelector('{assessment}').dataset.state === 'Self Assessed' && {FLASH_SHOWN}"
		)
		self.screenshot("assessment-submitted")
		self.check(asked and submitted and not d.find_elements(By.CSS_SELECTOR, f"{assessment} textarea"),
			"submits the self-summary to the reviewers")  # fmt: skip

		# The reviewer returns it: the reason is shown, the summary is revised and resubmitted.
		self.check(
			self.act("Return", seed["reviewer"], REASON) == "Returned", "the reviewer returns it (desk)"
		)
		self.open("/my", "!!document.getElementById('notices')")
		self.check(
			REASON in self.text('#notices [data-kind="assessment_returned"]'),
			"the home page says it was returned, and why",
		)
		self.open("/my/assessment", "!!document.getElementById('return-reason')")
		self.screenshot("assessment-returned")
		self.check(REASON in self.text("#return-reason"), "the return reason is shown with the self-summary")
		area = d.find_element(By.CSS_SELECTOR, f'{assessment} textarea[name="performance"]')
		self.check(
			area.get_attribute("value") == SUMMARY["performance"], "the returned self-summary keeps its text"
		)
		area.clear()
		area.send_keys(REVISED)
		d.find_element(By.CSS_SELECTOR, f"{assessment} .cg-submit").click()
		asked = self.confirm_dialog()
		resubmitted = self.wait(
			f"document.querySelector('{assessment}').dataset.state === 'Self Assessed' && {FLASH_SHOWN}"
		)
		self.check(
			asked and resubmitted and REVISED in self.text(assessment), "resubmits the revised self-summary"
		)

		# Reviewed and approved: the grade, the total, the scores per area.
		self.check(self.act("Review", seed["reviewer"]) == "Reviewed", "the reviewer reviews it (desk)")
		self.check(self.act("Approve", seed["orgdept"]) == "Approved", "the department approves it (desk)")
		self.open("/my/assessment", "!!document.querySelector('#results .cg-result')")
		self.screenshot("assessment-approved")
		result = self.text("#results .cg-result")
		self.check(
			self.text("#results .cg-grade") == "合格", f"sees its grade ({self.text('#results .cg-grade')!r})"
		)
		self.check("80" in result and "社会稳定" in result and "群众满意度" in result,
			"sees the total, the scores per area and the satisfaction rate")  # fmt: skip
		self.open("/my", "!!document.getElementById('notices')")
		self.check(bool(d.find_elements(By.CSS_SELECTOR, '#notices [data-kind="results_approved"]')),
			"the home page says the results are approved")  # fmt: skip

		# 我的档案 and 我的培训 are one tap away, in Chinese.
		self.open("/my/profile", "!!document.getElementById('honours')")
		self.screenshot("profile")
		self.check(self.text("h1") == "我的档案" and "李晓梅" in self.text("#record"), "opens its file")
		self.open("/training", "!!document.getElementById('past')")
		self.check(
			bool(d.find_elements(By.CSS_SELECTOR, '.cg-menu a[href="/my/assessment"]')),
			"the training page has the menu",
		)
		self.errors += self.console_errors()
		self.check(not self.errors, f"no console errors {self.errors[:3]}")


def main() -> int:
	if not assets_built():
		print("Browser cadre year: desk assets are not built (./manage.sh setup builds them)")
		print("Browser cadre year: 0 passed, 1 failed")
		return 1
	seed = json.loads(
		frappe_cli("--site", SITE, "execute", "community_gov.tests.browser_cadre_seed.seed")
		.strip()
		.splitlines()[-1]
	)
	SHOTS.mkdir(parents=True, exist_ok=True)
	with served_site(PORT) as base:
		driver = browser(PHONE, console_log=True)
		year = Year(driver, base, seed)
		try:
			year.run()
		except Exception as error:  # a broken page fails the test, with a screenshot to look at
			year.screenshot("error")
			year.check(False, f"{type(error).__name__}: {error}")
		finally:
			driver.quit()
	print(f"Browser cadre year: screenshots in {SHOTS}")
	print(f"Browser cadre year: {len(year.passed)} passed, {len(year.failed)} failed")
	return 1 if year.failed else 0


if __name__ == "__main__":
	sys.exit(main())
