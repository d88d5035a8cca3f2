"""The app's reports, number cards, charts, workspace and lists on a read replica (issue 13).

Run by `./manage.sh test-replica` on a site whose database has a replica (`./manage.sh replica start` sets
read_from_replica, replica_host and replica_db_port), with the demo district loaded; `run-tests --app` does
not collect it (the file name keeps it out: the test site has no replica). As Organization Department and as a
Sub District Reviewer, for every Script Report, Number Card, Dashboard Chart and Workspace of the module and the
list of each of its DocTypes (read from the metadata, so a new one is checked without a change here), called
through the method the desk calls:

- it runs on the replica, a read_only server where the site's login may only SELECT, so none of them writes;
- its result equals the one read from the primary;
- its queries land on the replica: the replica's Com_select rises, the primary connection's stays.

Then what the site does while the replica lags (reads are stale, writes still go to the primary) and while it
is down (every one of those calls fails; Frappe does not fall back to the primary; forms and saves work), and
that it works again once `./manage.sh replica start` has restarted it.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import subprocess
import time
from pathlib import Path
from unittest.mock import patch

import frappe
import pymysql
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_bench_path

from community_gov.tests.factories import api_token, make_cadre, rest_get

MODULE = "Community Governance"
USERS = {
	"Organization Department": "orgdept@community.localhost",
	"Sub District Reviewer": "reviewer.sd01@community.localhost",
}
# Frappe adds the last run's duration (from Redis) to a report's result; it is not the report's data.
VOLATILE_KEYS = ("execution_time",)


def replica_dir() -> Path:
	return Path(get_bench_path()) / "db-replica"


def replica_admin(statement: str) -> str:
	"""A statement as the replica's administrator (the system user, through its socket)."""
	socket = re.search(r"^socket = (.+)$", (replica_dir() / "my.cnf").read_text(), re.M).group(1)
	command = [
		"mysql",
		"--no-defaults",
		f"--socket={socket}",
		f"-u{getpass.getuser()}",
		"-e",
		statement,
	]
	return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def replica_login() -> pymysql.Connection:
	"""The site's own login on the replica, for its counters: the login Frappe reads with."""
	conf = frappe.local.conf
	return pymysql.connect(
		host=conf.replica_host,
		port=int(conf.replica_db_port),
		user=conf.db_name,
		password=conf.db_password,
		database=conf.db_name,
		autocommit=True,
	)


def replica_value(connection: pymysql.Connection, query: str, values=None):
	with connection.cursor() as cursor:
		cursor.execute(query, values)
		return cursor.fetchone()[-1]


def primary_selects() -> int:
	"""SELECTs the test's primary connection has sent (SHOW STATUS itself is not one)."""
	return int(frappe.db.sql("SHOW SESSION STATUS LIKE 'Com_select'")[0][1])


def wait_for_replica(connection: pymysql.Connection, timeout: int = 60) -> None:
	"""Until the replica has applied everything the primary logged so far."""
	frappe.db.commit()
	position = frappe.db.sql("select @@gtid_binlog_pos")[0][0]
	waited = replica_value(connection, "select master_gtid_wait(%s, %s)", (position, timeout))
	assert waited == 0, f"the replica did not reach the primary's {position} within {timeout} s"


def forget_replica_connection() -> None:
	"""Frappe keeps a request's replica connection on frappe.local until the request ends (frappe.init starts
	the next without one); each desk call here starts the same way, as its own request."""
	for attr in ("replica_db", "primary_db"):
		if hasattr(frappe.local, attr):
			delattr(frappe.local, attr)


def call_desk_method(method: str, **kwargs):
	"""What /api/method/<method> runs: the app's override of it, the whitelist check, the method with the
	request's arguments."""
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(method, [])
	function = frappe.get_attr(overrides[-1] if overrides else method)
	frappe.is_whitelisted(function)
	form_dict = frappe.local.form_dict
	frappe.local.form_dict = frappe._dict(kwargs)
	forget_replica_connection()
	try:
		return frappe.call(function, **kwargs)
	finally:
		forget_replica_connection()
		frappe.local.form_dict = form_dict


def comparable(result):
	result = json.loads(frappe.as_json(result))
	if isinstance(result, dict):
		for key in VOLATILE_KEYS:
			result.pop(key, None)
	return result


def chart_source_method(source: str) -> str:
	"""The method a custom chart source's script names (frappe.dashboards.chart_sources[...].method)."""
	from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config

	return re.search(r"method:\s*[\"']([\w.]+)[\"']", get_config(source)).group(1)


def desk_calls() -> list[tuple[str, str, dict]]:
	"""(label, method, arguments) of every report, number card and chart of the module, as the desk calls them."""
	calls = []
	for report in frappe.get_all(
		"Report", filters={"module": MODULE, "report_type": "Script Report", "disabled": 0}, pluck="name"
	):
		calls.append(
			(f"report {report}", "frappe.desk.query_report.run", {"report_name": report, "filters": "{}"})
		)
	for card in frappe.get_all("Number Card", filters={"module": MODULE}, pluck="name"):
		card = frappe.get_doc("Number Card", card)
		if card.type == "Custom":
			calls.append((f"card {card.name}", card.method, {"filters": card.filters_json or "[]"}))
		elif card.type == "Report":
			run = {"report_name": card.report_name, "filters": card.filters_json, "ignore_prepared_report": 1}
			calls.append((f"card {card.name}", "frappe.desk.query_report.run", run))
		else:
			getter = "frappe.desk.doctype.number_card.number_card.get_result"
			calls.append((f"card {card.name}", getter, {"doc": card.as_json(), "filters": card.filters_json}))
	for chart in frappe.get_all("Dashboard Chart", filters={"module": MODULE}, pluck="name"):
		chart = frappe.get_doc("Dashboard Chart", chart)
		if chart.chart_type == "Report":
			run = {
				"report_name": chart.report_name,
				"filters": chart.filters_json,
				"ignore_prepared_report": 1,
			}
			calls.append((f"chart {chart.name}", "frappe.desk.query_report.run", run))
		else:
			method = (
				chart_source_method(chart.source)
				if chart.chart_type == "Custom"
				else "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
			)
			arguments = {"chart_name": chart.name, "filters": chart.filters_json, "refresh": 0}
			calls.append((f"chart {chart.name}", method, arguments))
	for workspace in frappe.get_all(
		"Workspace", filters={"module": MODULE}, fields=["name", "title", "public"]
	):
		page = json.dumps({"name": workspace.name, "title": workspace.title, "public": workspace.public})
		calls.append((f"workspace {workspace.name}", "frappe.desk.desktop.get_desktop_page", {"page": page}))
	return sorted(calls)


def list_view_calls(user: str) -> list[tuple[str, str, dict]]:
	"""The report view (list) of each DocType of the module the user may read."""
	calls = []
	for doctype in frappe.get_all(
		"DocType", filters={"module": MODULE, "istable": 0, "issingle": 0}, pluck="name", order_by="name"
	):
		if frappe.has_permission(doctype, "read", user=user):
			arguments = {"doctype": doctype, "fields": '["name"]', "order_by": "name asc", "page_length": 20}
			calls.append((f"list {doctype}", "frappe.desk.reportview.get", arguments))
	return calls


class TestReadReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		conf = frappe.local.conf
		if not (conf.read_from_replica and conf.replica_host and conf.replica_db_port):
			raise AssertionError(
				f"{frappe.local.site} has no replica: run ./manage.sh test-replica "
				"(or SITE=<site> ./manage.sh replica start first)"
			)
		missing = [user for user in USERS.values() if not frappe.db.exists("User", user)]
		if missing:
			raise AssertionError(
				f"the demo users {missing} are missing: load the demo (./manage.sh test-replica does)"
			)
		cls.replica = replica_login()
		wait_for_replica(cls.replica)

	@classmethod
	def tearDownClass(cls):
		cls.replica.close()
		frappe.set_user("Administrator")
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def replica_selects(self) -> int:
		return int(replica_value(self.replica, "SHOW GLOBAL STATUS LIKE 'Com_select'"))

	def on_primary(self, method: str, **kwargs):
		with patch.dict(frappe.local.conf, {"read_from_replica": 0}):
			return call_desk_method(method, **kwargs)

	def on_replica(self, method: str, **kwargs):
		"""The call with the site's replica, and the SELECTs it sent to each server."""
		primary_before, replica_before = primary_selects(), self.replica_selects()
		result = call_desk_method(method, **kwargs)
		return result, primary_selects() - primary_before, self.replica_selects() - replica_before

	def check_calls_read_the_replica(self, calls_of) -> None:
		problems, lines = [], []
		for role, user in USERS.items():
			frappe.set_user(user)
			for label, method, arguments in calls_of(user):
				# Reports the role may not run (Cadre Pay: the department's only) refuse it on either server.
				report = arguments.get("report_name") if method == "frappe.desk.query_report.run" else None
				if report and not frappe.get_doc("Report", report).is_permitted():
					continue
				expected = comparable(self.on_primary(method, **arguments))
				result, primary, replica = self.on_replica(method, **arguments)
				lines.append(f"  {role:<24} {label:<44} replica {replica:>3} SELECTs, primary {primary}")
				if comparable(result) != expected:
					problems.append(f"{label} as {role}: the replica's result differs from the primary's")
				if primary:
					problems.append(f"{label} as {role}: {primary} SELECTs went to the primary")
				if replica <= 0:
					problems.append(f"{label} as {role}: no SELECT reached the replica")
		print("\n" + "\n".join(lines))
		self.assertEqual(problems, [], "\n" + "\n".join(problems))

	def test_a_replica_is_read_only_for_the_site(self):
		self.assertEqual(replica_value(self.replica, "select @@read_only"), 1)
		with self.replica.cursor() as cursor:
			cursor.execute("SHOW GRANTS")
			grants = [row[0] for row in cursor.fetchall()]
		self.assertTrue(any(re.match(r"GRANT SELECT ON `[^`]+`\.\*", grant) for grant in grants), grants)
		self.assertFalse(
			any(re.search(r"INSERT|UPDATE|DELETE|ALL PRIVILEGES", grant) for grant in grants), grants
		)

		@frappe.read_only()
		def write_in_a_read_only_call():
			frappe.db.sql("update `tabCadre` set modified = modified where name = %s", "none")

		forget_replica_connection()
		with self.assertRaises(pymysql.err.OperationalError) as raised:
			write_in_a_read_only_call()
		forget_replica_connection()
		self.assertEqual(raised.exception.args[0], 1290)  # ER_OPTION_PREVENTS_STATEMENT: --read-only

	def test_b_reports_cards_and_charts_read_the_replica(self):
		calls = desk_calls()
		kinds = {label.split()[0] for label, _method, _arguments in calls}
		self.assertEqual(kinds, {"report", "card", "chart", "workspace"}, calls)
		self.check_calls_read_the_replica(lambda user: calls)

	def test_c_list_views_read_the_replica(self):
		self.check_calls_read_the_replica(list_view_calls)

	def test_d_stale_reads_while_the_replica_lags(self):
		frappe.set_user("Administrator")
		method, report = "frappe.desk.query_report.run", {"report_name": "Team Structure", "filters": "{}"}
		wait_for_replica(self.replica)
		before = comparable(self.on_primary(method, **report))
		community = frappe.get_all("Community", pluck="name", limit=1, order_by="name")[0]
		cadre = None
		replica_admin("STOP SLAVE SQL_THREAD")
		try:
			try:
				cadre = make_cadre(community, position="Secretary").name
				frappe.db.commit()
				# The write went to the primary; the replica has not applied it.
				self.assertTrue(frappe.db.exists("Cadre", cadre))
				count = "select count(*) from `tabCadre` where name = %s"
				self.assertEqual(replica_value(self.replica, count, cadre), 0)
				stale, primary, _replica = self.on_replica(method, **report)
				self.assertEqual(primary, 0)
				self.assertEqual(
					comparable(stale), before, "the lagging replica shows the data before the write"
				)
				fresh = comparable(self.on_primary(method, **report))
				self.assertNotEqual(fresh, before, "the primary shows the new secretary")
				status = replica_admin("SHOW SLAVE STATUS\\G")
				self.assertIn("Slave_SQL_Running: No", status)
				self.assertIn("Seconds_Behind_Master: NULL", status)
			finally:
				replica_admin("START SLAVE SQL_THREAD")
			wait_for_replica(self.replica)
			caught_up, _primary, _replica = self.on_replica(method, **report)
			self.assertEqual(comparable(caught_up), fresh, "caught up, the replica shows the write")
		finally:
			if cadre:
				frappe.delete_doc("Cadre", cadre, force=True, ignore_permissions=True)
				frappe.db.commit()
		wait_for_replica(self.replica)
		self.assertEqual(comparable(self.on_replica(method, **report)[0]), before)

	def test_e_replica_down(self):
		frappe.set_user("Administrator")
		report = {"report_name": "Team Structure", "filters": "{}"}
		token = api_token(USERS["Organization Department"])
		frappe.db.commit()
		url = "/api/method/frappe.desk.query_report.run?report_name=Team%20Structure"
		self.assertEqual(rest_get(url, token).status_code, 200)
		replica_admin("SHUTDOWN")
		try:
			for _ in range(60):
				try:
					replica_login().close()
				except pymysql.err.OperationalError:
					break
				time.sleep(1)
			# Every report, card, chart, the workspace and the lists fail: Frappe connects to the replica for
			# them and does not fall back to the primary.
			user = USERS["Organization Department"]
			frappe.set_user(user)
			outcomes = {}
			for label, method, arguments in desk_calls() + list_view_calls(user):
				try:
					call_desk_method(method, **arguments)
					outcomes[label] = "ran"
				except pymysql.err.OperationalError as error:
					outcomes[label] = error.args[0]
			self.assertEqual(set(outcomes.values()), {2003}, outcomes)  # 2003: can't connect
			frappe.set_user("Administrator")
			response = rest_get(url, token)
			print(
				f"\n  replica down: {url} answers HTTP {response.status_code} {response.json.get('exc_type')}"
			)
			self.assertEqual((response.status_code, response.json.get("exc_type")), (500, "OperationalError"))
			# What is not read_only still reads and writes the primary: a form opens, a comment is saved.
			frappe.set_user(USERS["Organization Department"])
			cadre = frappe.get_all("Cadre", pluck="name", limit=1)[0]
			call_desk_method("frappe.desk.form.load.getdoc", doctype="Cadre", name=cadre)
			frappe.get_doc("Cadre", cadre).add_comment("Comment", "replica down")
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			restart = subprocess.run(
				[str(Path(get_bench_path()) / "manage.sh"), "replica", "start"],
				env={**os.environ, "SITE": frappe.local.site},
				capture_output=True,
				text=True,
			)
			self.assertEqual(restart.returncode, 0, restart.stdout[-3000:] + restart.stderr[-3000:])
		self.replica.close()
		type(self).replica = replica_login()
		wait_for_replica(self.replica)
		result, primary, replica = self.on_replica("frappe.desk.query_report.run", **report)
		self.assertEqual((primary > 0, replica > 0), (False, True), "the report reads the replica again")
		self.assertEqual(
			comparable(result), comparable(self.on_primary("frappe.desk.query_report.run", **report))
		)
