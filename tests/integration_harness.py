"""Run the Frappe integration suite of community_gov on a fresh test site.

Creates (or re-creates) a test site with an empty MariaDB database, installs the app and runs
`run-tests --app community_gov` against it with Redis. Fails when the suite fails, when it cannot
run, or when it ran no test at all. Called by `./manage.sh test`; usable alone:

	env/bin/python tests/integration_harness.py [--module community_gov.tests.test_permissions]

CG_TEST_SITE=other.localhost runs on a second test site (its own database), e.g. for parallel work.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
SITES_DIR = BENCH_DIR / "sites"
TEST_SITE = os.environ.get("CG_TEST_SITE", "test.community.localhost")
PYTHON = BENCH_DIR / "env" / "bin" / "python"


def test_database_name() -> str:
	"""One database per checkout, so a fresh clone never clobbers another checkout's test site."""
	key = str(BENCH_DIR) if TEST_SITE == "test.community.localhost" else f"{BENCH_DIR}:{TEST_SITE}"
	return "cg_test_" + hashlib.sha1(key.encode()).hexdigest()[:10]


def frappe_command(*args: str, check: bool = True, capture: bool = False, env: dict | None = None):
	command = [str(PYTHON), "-m", "frappe.utils.bench_helper", "frappe", *args]
	return subprocess.run(
		command,
		cwd=SITES_DIR,
		check=check,
		text=True,
		env={**os.environ, **(env or {})},
		stdout=subprocess.PIPE if capture else None,
		stderr=subprocess.STDOUT if capture else None,
	)


def create_fresh_site(db_root_user: str, db_root_password: str) -> None:
	print(f"Creating a fresh test site {TEST_SITE} (database {test_database_name()})", flush=True)
	result = frappe_command(
		"new-site",
		TEST_SITE,
		"--db-name",
		test_database_name(),
		"--db-root-username",
		db_root_user,
		"--db-root-password",
		db_root_password,
		"--admin-password",
		"admin",
		"--force",
		capture=True,
		check=False,
	)
	if result.returncode != 0:
		print(result.stdout[-4000:])
		raise SystemExit("could not create the test site")
	frappe_command("--site", TEST_SITE, "set-config", "allow_tests", "True", "--parse")
	# The access tests create a user per role and case; Frappe refuses more than 60 new users an hour.
	frappe_command("--site", TEST_SITE, "set-config", "throttle_user_limit", "100000", "--parse")
	result = frappe_command("--site", TEST_SITE, "install-app", "community_gov", capture=True, check=False)
	if (
		result.returncode != 0
		or "community_gov" not in frappe_command("--site", TEST_SITE, "list-apps", capture=True).stdout
	):
		print(result.stdout[-4000:])
		raise SystemExit("could not install community_gov on the test site")
	frappe_command("--site", TEST_SITE, "execute", "community_gov.tests.factories.ensure_system_manager")


def run_suite(module: str | None) -> int:
	# The desk reads translations from compiled .mo files.
	frappe_command("compile-po-to-mo", "--app", "community_gov", "--force", capture=True)
	args = ["--site", TEST_SITE, "run-tests"]
	args += ["--module", module] if module else ["--app", "community_gov"]
	# Frappe's run-tests only sets a failing exit code when CI is set.
	process = subprocess.Popen(
		[str(PYTHON), "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=SITES_DIR,
		env={**os.environ, "CI": "true"},
		stdout=subprocess.PIPE,
		stderr=subprocess.STDOUT,
		text=True,
	)
	output = []
	for line in process.stdout:
		sys.stdout.write(line)
		output.append(line)
	returncode = process.wait()
	text = "".join(output)

	ran = re.findall(r"^Ran (\d+) tests?", text, flags=re.M)
	total = int(ran[-1]) if ran else 0
	problems = re.findall(r"^FAILED \((.*)\)", text, flags=re.M)
	failed = sum(int(n) for n in re.findall(r"(?:failures|errors)=(\d+)", problems[-1])) if problems else 0
	skipped = int(m.group(1)) if (m := re.search(r"skipped=(\d+)", text)) else 0
	if returncode != 0 and not failed:
		failed = max(1, failed)
	passed = max(total - failed - skipped, 0)
	print(f"Frappe integration: {passed} passed, {failed} failed, {skipped} skipped")
	if total == 0:
		print("The Frappe suite ran no test: counted as a failure.")
		return 1
	return 1 if (returncode != 0 or failed) else 0


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--db-root-user", default=os.environ.get("DB_ROOT_USER", "cg_admin"))
	parser.add_argument("--db-root-password", default=os.environ.get("DB_ROOT_PASSWORD", "cg_admin"))
	parser.add_argument("--module", help="run one test module, e.g. community_gov.tests.test_permissions")
	parser.add_argument("--reuse-site", action="store_true", help="skip re-creating the test site")
	options = parser.parse_args()

	if not PYTHON.exists() or not (BENCH_DIR / "apps" / "frappe").exists():
		raise SystemExit(
			"Frappe is not installed in this bench. Run ./manage.sh test (set FRAPPE_SOURCE to a local "
			"clone or mirror of Frappe version-15 when GitHub is unreachable)."
		)
	if not (SITES_DIR / "assets" / "assets.json").exists():
		print(
			"warning: desk assets are not built; e-mail rendering needs them (./manage.sh test builds them)"
		)
	if not (options.reuse_site and (SITES_DIR / TEST_SITE / "site_config.json").exists()):
		create_fresh_site(options.db_root_user, options.db_root_password)
	return run_suite(options.module)


if __name__ == "__main__":
	sys.exit(main())
