"""Benchmark of the cadre's personal space under load, served as production serves it (GitHub issue 13).

	./manage.sh bench-portal        # its own site portal-bench.community.localhost (database cg_portal_bench)

Two parts, which the command runs in turn:

- `prepare` (`bench execute` on the bench site): the demo district, loaded once, and TRAINEES portal logins
  (portal-bench-NN@community.localhost) for its secretaries who have training; prints them as JSON.
- `python -m community_gov.benchmarks.portal --site S --port P --gunicorn-pid PID --users FILE`: against the
  gunicorn the command started from Procfile.production's `web` line (2 workers), logs the trainees in
  (/api/method/login), checks that every page and call answers each of them with itself (status 200 and a
  marker, not the login), then loads each with Debian's `wrk`: 20 connections for DURATION seconds, a Lua
  script giving every request the next trainee's session cookie and counting a response without the marker
  as an error. Prints requests/s, median, p95, p99, errors, bytes per response (and gzipped, as nginx would
  send it) and the workers' peak resident memory; exits 1 when /training misses issue 13's target
  (>= 50 requests/s, p95 <= 200 ms, no error) or a response was not the trainee's page.

Timings depend on the machine and on what else runs on it (the load generator shares it with gunicorn,
MariaDB and Redis).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import frappe

TRAINEES = 20
PASSWORD = "Bench@2026"  # the benchmark site's own logins, on a site nothing else uses
EMAIL = "portal-bench-{:02d}@community.localhost"
TARGET_RPS, TARGET_P95_MS = 50, 200


@dataclass(frozen=True)
class Endpoint:
	label: str
	path: str
	marker: str  # in every response for a logged-in trainee; never in the login page


PAGE_MARKER = 'class="cg-portal'
JSON_MARKER = '"cadre"'
ENDPOINTS = (
	Endpoint("/training", "/training", PAGE_MARKER),
	Endpoint("/training data", "/api/method/community_gov.training.portal.get_my_training", JSON_MARKER),
	Endpoint("/my", "/my", PAGE_MARKER),
	Endpoint("/my data", "/api/method/community_gov.portal.home.get_my_space", JSON_MARKER),
	Endpoint("/my/targets", "/my/targets", PAGE_MARKER),
	Endpoint("/my/targets data", "/api/method/community_gov.portal.targets.get_my_targets", JSON_MARKER),
	Endpoint("/my/assessment", "/my/assessment", PAGE_MARKER),
	Endpoint(
		"/my/assessment data", "/api/method/community_gov.portal.assessment.get_my_assessments", JSON_MARKER
	),  # fmt: skip
	Endpoint("/my/profile", "/my/profile", PAGE_MARKER),
	Endpoint("/my/profile data", "/api/method/community_gov.portal.profile.get_my_profile", JSON_MARKER),
	# For comparison: a Frappe website page (templates/web.html, the shape the space's pages had) and the floor.
	Endpoint("/me (Frappe page)", "/me", 'href="/my/targets"'),
	Endpoint("ping", "/api/method/ping", "pong"),
)
TARGET = "/training"

# wrk's Lua script: each thread starts at another trainee and gives each request the next one's cookie;
# `done` sums what the threads counted and prints one line for the Python side.
WRK_SCRIPT = r"""
local threads = {}

function setup(thread)
	thread:set("offset", #threads)
	table.insert(threads, thread)
end

function init(args)
	marker = args[3]
	prepared = {}
	for line in io.lines(args[4]) do
		prepared[#prepared + 1] = wrk.format("GET", args[1], {["Host"] = args[2], ["Cookie"] = line})
	end
	index = offset * 7
	wrong_status, no_marker = 0, 0
end

function request()
	index = index % #prepared + 1
	return prepared[index]
end

function response(status, headers, body)
	if status ~= 200 then
		wrong_status = wrong_status + 1
	elseif not string.find(body, marker, 1, true) then
		no_marker = no_marker + 1
	end
end

function done(summary, latency, requests)
	local wrong, missing = 0, 0
	for _, thread in ipairs(threads) do
		wrong = wrong + thread:get("wrong_status")
		missing = missing + thread:get("no_marker")
	end
	local e = summary.errors
	io.write(string.format("CGRESULT %d %d %d %d %d %d %d %d %d %d %d %d %d\n", summary.requests,
		summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
		latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout, wrong, missing))
end
"""


# ---------------------------------------------------------------- the data set (bench execute)


def prepare(trainees: int = TRAINEES) -> None:
	"""The demo district (loaded once) and `trainees` portal logins of secretaries who have training."""
	from frappe.utils.password import update_password

	from community_gov.constants import SECRETARY

	frappe.set_user("Administrator")
	if not frappe.db.exists("User", "cadre01@community.localhost"):
		from community_gov.demo.loader import load_demo

		started = time.perf_counter()
		load_demo()
		print(f"loaded the demo district in {time.perf_counter() - started:.0f} s")
	emails = [EMAIL.format(number) for number in range(1, trainees + 1)]
	linked = set(frappe.get_all("Cadre", filters={"user": ("in", emails)}, pluck="user"))
	cadre = frappe.qb.DocType("Cadre")
	attendance = frappe.qb.DocType("Training Attendance")
	free = (
		frappe.qb.from_(cadre)
		.select(cadre.name)
		.distinct()
		.join(attendance)
		.on((attendance.cadre == cadre.name) & (attendance.parenttype == "Training Session"))
		.where((cadre.status == "Active") & (cadre.position == SECRETARY) & cadre.user.isnull())
		.orderby(cadre.name)
		.limit(trainees)
		.run(pluck=True)
	)
	missing = [email for email in emails if email not in linked]
	if len(free) < len(missing):
		raise RuntimeError(
			f"only {len(free)} secretaries with training and no login for {len(missing)} trainees"
		)
	for email, name in zip(missing, free, strict=False):
		if not frappe.db.exists("User", email):
			user = frappe.get_doc({
				"doctype": "User", "email": email, "first_name": email.split("@")[0], "language": "zh",
				"time_zone": "Asia/Shanghai", "send_welcome_email": 0, "user_type": "Website User",
				"roles": [{"role": "Cadre"}],
			})  # fmt: skip
			user.flags.no_welcome_mail = True
			user.insert(ignore_permissions=True)
		update_password(email, PASSWORD)
		frappe.db.set_value("Cadre", name, "user", email)
	frappe.db.commit()
	print(json.dumps({"users": emails, "password": PASSWORD}))


# ---------------------------------------------------------------- the load (plain Python, no site)


@dataclass
class Result:
	endpoint: Endpoint
	requests: int = 0
	seconds: float = 0
	body_bytes: int = 0
	gzip_bytes: int = 0
	median_ms: float = 0
	p95_ms: float = 0
	p99_ms: float = 0
	max_ms: float = 0
	socket_errors: int = 0
	wrong_status: int = 0
	no_marker: int = 0
	peak_rss_mb: float = 0
	problem: str = ""

	@property
	def errors(self) -> int:
		return self.socket_errors + self.wrong_status + self.no_marker

	@property
	def rps(self) -> float:
		return self.requests / self.seconds if self.seconds else 0.0

	def meets_target(self) -> bool:
		return (
			not self.problem and self.rps >= TARGET_RPS and self.p95_ms <= TARGET_P95_MS and not self.errors
		)


@dataclass
class Memory:
	"""Resident memory of gunicorn's workers, sampled while the load runs; each worker's VmHWM (the kernel's
	peak) is read too, so a peak between two samples is not missed."""

	master: int
	peak_by_pid: dict[int, int] = field(default_factory=dict)
	window_peak: int = 0
	stop: threading.Event = field(default_factory=threading.Event)

	def workers(self):
		import psutil

		try:
			return psutil.Process(self.master).children()
		except psutil.NoSuchProcess:
			return []

	def sample(self) -> None:
		for worker in self.workers():
			try:
				rss = worker.memory_info().rss
				with open(f"/proc/{worker.pid}/status") as status:
					hwm = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
			except (OSError, StopIteration, Exception):
				continue
			self.window_peak = max(self.window_peak, rss)
			self.peak_by_pid[worker.pid] = max(self.peak_by_pid.get(worker.pid, 0), hwm, rss)

	def run(self) -> None:
		while not self.stop.wait(0.2):
			self.sample()


def http(base: str, site: str, path: str, cookie: str = "", data: dict | None = None):
	"""(status, headers, body) without following redirects."""

	class NoRedirect(urllib.request.HTTPRedirectHandler):
		def redirect_request(self, *args, **kwargs):
			return None

	body = urllib.parse.urlencode(data).encode() if data is not None else None
	request = urllib.request.Request(f"{base}{path}", data=body, headers={"Host": site, "Cookie": cookie})
	opener = urllib.request.build_opener(NoRedirect)
	try:
		with opener.open(request, timeout=30) as response:
			return response.status, response.headers, response.read()
	except urllib.error.HTTPError as error:
		return error.code, error.headers, error.read()


def wait_for(base: str, site: str, timeout: float = 90) -> None:
	deadline = time.time() + timeout
	while time.time() < deadline:
		try:
			if http(base, site, "/api/method/ping")[0] == 200:
				return
		except OSError:
			pass
		time.sleep(0.5)
	raise SystemExit(f"gunicorn did not answer on {base} within {timeout:.0f} s")


def log_in(base: str, site: str, users: list[str], password: str) -> list[str]:
	"""One session per trainee: the `sid` cookie of /api/method/login."""
	cookies = []
	for user in users:
		status, headers, body = http(base, site, "/api/method/login", data={"usr": user, "pwd": password})
		sid = next(
			(c.split(";")[0] for c in headers.get_all("Set-Cookie") or [] if c.startswith("sid=")), None
		)
		if status != 200 or not sid:
			raise SystemExit(f"could not log {user} in: HTTP {status} {body[:200]!r}")
		cookies.append(sid)
	return cookies


def check(base: str, site: str, endpoint: Endpoint, cookies: list[str]) -> tuple[str, bytes]:
	"""Every trainee gets its own page (200, the marker), not the login: '' or what is wrong."""
	body = b""
	for cookie in cookies:
		status, headers, body = http(base, site, endpoint.path, cookie=cookie)
		if status != 200 or endpoint.marker.encode() not in body:
			where = headers.get("Location") or body[:160].decode(errors="replace")
			return f"HTTP {status} without {endpoint.marker!r}: {where}", body
	return "", body


def load(base: str, site: str, endpoint: Endpoint, cookie_file: str, script: str, seconds: int,
		connections: int, memory: Memory) -> Result:  # fmt: skip
	result = Result(endpoint)
	problem, body = check(base, site, endpoint, [line.strip() for line in open(cookie_file)])
	result.body_bytes, result.gzip_bytes = len(body), len(gzip.compress(body, 6))
	if problem:
		result.problem = problem
		return result
	memory.window_peak = 0
	command = ["wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s",
		"--timeout", "10s", "--script", script, base, "--", endpoint.path, site, endpoint.marker, cookie_file]  # fmt: skip
	output = subprocess.run(command, capture_output=True, text=True, check=False)
	line = next((x for x in output.stdout.splitlines() if x.startswith("CGRESULT ")), None)
	if not line:
		result.problem = f"wrk failed: {output.stderr.strip() or output.stdout.strip()}"[:300]
		return result
	values = [int(float(x)) for x in line.split()[1:]]
	(result.requests, duration_us, _bytes, p50, p95, p99, longest, connect, read, write, timeout,
		result.wrong_status, result.no_marker) = values  # fmt: skip
	result.seconds = duration_us / 1e6
	result.median_ms, result.p95_ms, result.p99_ms, result.max_ms = (
		v / 1000 for v in (p50, p95, p99, longest)
	)
	result.socket_errors = connect + read + write + timeout
	memory.sample()
	result.peak_rss_mb = memory.window_peak / 2**20
	return result


def report(results: list[Result], memory: Memory, seconds: int, connections: int, workers: int) -> None:
	print()
	print(f"Cadre's personal space under load: gunicorn {workers} workers (Procfile.production), "
		f"{connections} concurrent logged-in trainees, {seconds} s per line (wrk)")  # fmt: skip
	header = (f"{'endpoint':<22}{'req/s':>8}{'median':>10}{'p95':>10}{'p99':>10}{'errors':>8}"
		f"{'bytes':>10}{'gzipped':>9}{'peak RSS':>10}")  # fmt: skip
	print(header)
	print("-" * len(header))
	for r in results:
		if r.problem:
			print(f"{r.endpoint.label:<22}  NOT MEASURED: {r.problem}")
			continue
		print(
			f"{r.endpoint.label:<22}{r.rps:>8.1f}{r.median_ms:>8.1f}ms{r.p95_ms:>8.1f}ms{r.p99_ms:>8.1f}ms"
			f"{r.errors:>8}{r.body_bytes:>10,}{r.gzip_bytes:>9,}{r.peak_rss_mb:>7.0f} MB"
		)
	print("-" * len(header))
	peaks = sorted(memory.peak_by_pid.values(), reverse=True)
	shown = ", ".join(f"{peak / 2**20:.0f} MB" for peak in peaks)
	print(f"gunicorn workers' peak RSS (VmHWM, every worker that served): {shown or 'not read'}")
	print("(peak RSS column: the largest worker's resident memory sampled during that line)")


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--port", type=int, required=True)
	parser.add_argument("--gunicorn-pid", type=int, required=True)
	parser.add_argument("--users", required=True, help="prepare's JSON output")
	parser.add_argument("--duration", type=int, default=10)
	parser.add_argument("--connections", type=int, default=TRAINEES)
	parser.add_argument("--workers", type=int, default=2)
	parser.add_argument("--only", default="", help="comma-separated endpoint labels (default: all)")
	args = parser.parse_args(argv)
	if not shutil.which("wrk"):
		raise SystemExit("wrk is missing (Debian's wrk; ./manage.sh bench-portal installs it)")
	with open(args.users) as f:
		seed = json.loads(f.read().strip().splitlines()[-1])
	base = f"http://127.0.0.1:{args.port}"
	wait_for(base, args.site)
	cookies = log_in(base, args.site, seed["users"], seed["password"])
	chosen = [e for e in ENDPOINTS if not args.only or e.label in args.only.split(",")]
	memory = Memory(args.gunicorn_pid)
	sampler = threading.Thread(target=memory.run, daemon=True)
	sampler.start()
	results = []
	with tempfile.TemporaryDirectory() as work:
		script, cookie_file = os.path.join(work, "portal.lua"), os.path.join(work, "cookies.txt")
		with open(script, "w") as f:
			f.write(WRK_SCRIPT)
		with open(cookie_file, "w") as f:
			f.write("\n".join(cookies) + "\n")
		# Both workers warm (imports, caches) before anything is measured.
		warm = Endpoint("warm-up", chosen[0].path, chosen[0].marker)
		load(base, args.site, warm, cookie_file, script, 3, args.connections, memory)
		for endpoint in chosen:
			result = load(
				base, args.site, endpoint, cookie_file, script, args.duration, args.connections, memory
			)
			results.append(result)
			print(f"  {endpoint.label}: {result.rps:.1f} requests/s, p95 {result.p95_ms:.0f} ms"
				f"{', ' + result.problem if result.problem else ''}", flush=True)  # fmt: skip
	memory.stop.set()
	report(results, memory, args.duration, args.connections, args.workers)
	target = next((r for r in results if r.endpoint.label == TARGET), None)
	broken = [r for r in results if r.problem or r.wrong_status or r.no_marker]
	if target is None:
		print(f"{TARGET} was not measured")
		return 1
	met = target.meets_target()
	print(f"Target for {TARGET} (issue 13): >= {TARGET_RPS} requests/s, p95 <= {TARGET_P95_MS} ms, 0 errors: "
		f"{'MET' if met else 'MISSED'} ({target.rps:.1f} requests/s, p95 {target.p95_ms:.0f} ms, "
		f"{target.errors} errors)")  # fmt: skip
	for r in broken:
		print(
			f"not the trainee's page: {r.endpoint.label}: {r.problem or f'{r.wrong_status + r.no_marker} responses'}"
		)
	return 0 if met and not broken else 1


if __name__ == "__main__":
	sys.exit(main())
