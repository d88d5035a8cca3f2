"""What the browser tests share: the test site served on 127.0.0.1, headless Chromium, the Frappe CLI.

The test site is the integration harness's (CG_TEST_SITE chooses another). Needs built desk assets and
Debian's chromium + chromium-driver (`./manage.sh test` provides both).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
SITES_DIR = BENCH_DIR / "sites"
PYTHON = BENCH_DIR / "env" / "bin" / "python"
SITE = os.environ.get("CG_TEST_SITE", "test.community.localhost")
SHOTS = BENCH_DIR / "artifacts" / "browser"


def frappe_cli(*args: str) -> str:
	result = subprocess.run(
		[str(PYTHON), "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=SITES_DIR, check=True, text=True, capture_output=True,
	)  # fmt: skip
	return result.stdout


def assets_built() -> bool:
	return (SITES_DIR / "assets" / "assets.json").exists()


def wait_for_server(base: str, timeout: float = 60) -> None:
	deadline = time.time() + timeout
	while time.time() < deadline:
		try:
			urllib.request.urlopen(f"{base}/login", timeout=5)
			return
		except Exception:
			time.sleep(1)
	raise RuntimeError(f"the test site {SITE} did not come up on {base}")


def port_in_use(port: int) -> bool:
	with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
		probe.settimeout(1)
		return probe.connect_ex(("127.0.0.1", port)) == 0


def die_with_parent() -> None:
	"""In the server's process: Linux ends it when the test that started it ends, even a killed one."""
	import ctypes
	import signal

	PR_SET_PDEATHSIG = 1
	ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def served_site(port: int):
	"""The test site on 127.0.0.1:port while the block runs; yields its base URL.

	Refuses a port something already answers on: a server left behind by an interrupted run (another
	checkout's site, say) would otherwise answer in this server's place and every login would fail."""
	if port_in_use(port):
		raise RuntimeError(
			f"port {port} is already in use (a test server left running by an interrupted run?): stop it, or "
			"choose another port with the test's port variable"
		)
	server = subprocess.Popen(
		[str(PYTHON), "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, "serve", "--port", str(port),
			"--noreload"],
		cwd=SITES_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent,
	)  # fmt: skip
	base = f"http://127.0.0.1:{port}"
	try:
		wait_for_server(base)
		if server.poll() is not None:
			raise RuntimeError(f"the test server for {SITE} exited (code {server.returncode}) before serving")
		yield base
	finally:
		server.terminate()
		server.wait(timeout=20)


def browser(size: str, keep_alerts: bool = False, console_log: bool = False):
	from selenium import webdriver

	options = webdriver.ChromeOptions()
	for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-background-networking", "--disable-component-update", "--no-first-run",
		f"--window-size={size}", "--lang=zh-CN"):  # fmt: skip
		options.add_argument(argument)
	options.binary_location = "/usr/bin/chromium"
	# Headless Chromium ignores --lang for the Accept-Language header: a guest page would be in English.
	options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
	if keep_alerts:
		# An alert a payload opens stays open until the check looks for it (by default it is dismissed).
		options.set_capability("unhandledPromptBehavior", "ignore")
	if console_log:
		# driver.get_log("browser") returns the console's messages and failed requests.
		options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
	return webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)
