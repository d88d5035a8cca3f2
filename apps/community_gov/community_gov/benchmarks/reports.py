"""Benchmark of the reports at province scale.

	CADRES=200000 ./manage.sh bench-reports   # on the bench site of bench-sweep: CADRES cadres x 5 years,
	                                          # plus 4,000 training sessions with 2,080,000 attendance rows

Rows are inserted in bulk (named BENCH-…) once and reused. For every report prints the wall time, the
query count, the row count and the peak memory, each from a fresh process, for one sub-district, for a
reviewer of one sub-district and for the whole province, against issue 13's targets: the query count
must not grow with the rows.
"""

from __future__ import annotations

import importlib
import json
import random
import subprocess
import sys
import time

import frappe
from frappe.query_builder import CustomFunction
from frappe.query_builder.functions import Concat, Round
from frappe.utils import now_datetime
from pypika.terms import ValueWrapper

from community_gov.benchmarks.register import build_register
from community_gov.benchmarks.sweep import CHUNK, bench_rows, build, peak_mib
from community_gov.community_governance.doctype.annual_assessment.annual_assessment import (
	recalculate_area_scores,
)
from community_gov.query_counter import QueryCounter
from community_gov.training import summary as training_summary

SESSIONS = 4000  # x 520 attendees: 2,080,000 attendance rows
ATTENDEES_PER_SESSION = 520
YEARS = (2021, 2022, 2023, 2024, 2025)
REPORTS = {
	"Cadre Scorecard": ("cadre_scorecard", {"from_year": 2024, "to_year": 2025}),
	"Sub District Scorecard": ("sub_district_scorecard", {"year": 2025}),
	"Team Structure": ("team_structure", {"position": "Secretary", "group_by": "Sub District"}),
	"Team Structure (whole team)": ("team_structure", {"position": "", "group_by": "Community Type"}),
	"Training Coverage (statistics)": ("training_coverage", {"year": 2025}),
	"Training Coverage (plan vs held)": ("training_coverage", {"year": 2025, "view": "Plan vs Held"}),
	"Training Coverage (compliance)": ("training_coverage", {"year": 2025, "view": "Cadre Compliance"}),
	"Adjustment Watchlist": ("adjustment_watchlist", {}),
	"Top Ten Secretaries": ("top_ten_secretaries", {"year": 2025}),
	"Career Post Eligibility": ("career_post_eligibility", {"position": "Secretary"}),
	"Reserve Pool Status": ("reserve_pool_status", {"cultivated_since": 2017}),
	"Honours": ("honours", {"from_year": 2017}),
	"Staffing Watch": ("staffing_watch", {}),
	"Terms Ending": ("terms_ending", {}),
	"Cadre Pay": ("cadre_pay", {"as_on_date": "2026-06-30"}),
	"Cadre Pay (by sub-district)": ("cadre_pay", {"as_on_date": "2026-06-30", "group_by": "Sub District"}),
}
# The department's alone: a reviewer is refused them (Cadre Pay: pay is personal data).
DEPARTMENT_ONLY = {"Cadre Pay", "Cadre Pay (by sub-district)"}


def build_training(seed: int = 11) -> None:
	"""Training programs, sessions and attendance named BENCH-…; whatever an interrupted build left is removed
	first. Attendance goes to the database in chunks (2,000,000 rows do not fit in memory as tuples)."""
	for doctype, prefix in (
		("Training Attendance", "BENCH-TA-%"),
		("Training Session", "BENCH-TS-%"),
		("Training Program", "BENCH-TP-%"),
	):
		frappe.db.delete(doctype, {"name": ("like", prefix)})
	frappe.db.commit()
	rng = random.Random(seed)
	now, user = now_datetime(), "Administrator"
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	cadres = frappe.get_all("Cadre", filters={"name": ("like", "BENCH-%")}, pluck="name", order_by="name")
	programs = [
		(f"BENCH-TP-{year}-{i}", now, now, user, user, 0, f"培训项目{year}-{i}", year, "District", "Key", "Lecture",
			"All Cadres", i == 0, 6)
		for year in YEARS for i in range(4)
	]  # fmt: skip
	frappe.db.bulk_insert(
		"Training Program",
		[
			*common,
			"title",
			"year",
			"level",
			"category",
			"training_format",
			"audience",
			"is_rotation",
			"hours",
		],
		programs,
	)
	attendance_fields = [*common, "idx", "parent", "parentfield", "parenttype", "cadre", "status", "hours"]
	sessions, attendance = [], []
	for number in range(SESSIONS):
		year = YEARS[number % len(YEARS)]
		program = f"BENCH-TP-{year}-{number % 4}"
		start = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d} 09:00:00"
		end = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d} 15:00:00"
		name = f"BENCH-TS-{number:05d}"
		sessions.append((name, now, now, user, user, 1, program, f"培训班{number}", "District", "Key", "Lecture",
			int(number % 4 == 0), "Completed", "Assigned", start, end, 6, year, "党校", ATTENDEES_PER_SESSION,
			ATTENDEES_PER_SESSION, ATTENDEES_PER_SESSION))  # fmt: skip
		for idx, cadre in enumerate(rng.sample(cadres, ATTENDEES_PER_SESSION), start=1):
			attendance.append((f"BENCH-TA-{number:05d}-{idx:03d}", now, now, user, user, 1, idx, name, "attendees",
				"Training Session", cadre, "Attended", 6))  # fmt: skip
		if len(attendance) >= CHUNK:
			frappe.db.bulk_insert("Training Attendance", attendance_fields, attendance)
			frappe.db.commit()
			attendance = []
	if attendance:
		frappe.db.bulk_insert("Training Attendance", attendance_fields, attendance)
	frappe.db.bulk_insert(
		"Training Session",
		[*common, "program", "title", "level", "category", "training_format", "is_rotation", "status",
			"enrolment_mode", "start", "end", "session_hours", "year", "venue", "capacity", "enrolled_count",
			"attended_count"],
		sessions,
	)  # fmt: skip
	frappe.db.commit()


# Each bench assessment's targets: one per area, with the agreement's usual weights.
BENCH_TARGETS = (("Social Stability", 30), ("Serving Residents", 40), ("Party Building", 30))


def build_scores() -> None:
	"""The target rows of every bench assessment (3,000,000 for a province's 1,000,000), then each assessment's
	area figures from them, as a real year has: each area scored near the assessment's total (±10 points).
	INSERT … SELECT, one statement per area: the rows never pass through Python."""
	assessment = frappe.qb.DocType("Annual Assessment")
	score = frappe.qb.DocType("Assessment Score")
	frappe.db.delete("Assessment Score", {"name": ("like", "BENCH-%")})
	crc32 = CustomFunction("CRC32", ["text"])
	greatest, least = CustomFunction("GREATEST", ["a", "b"]), CustomFunction("LEAST", ["a", "b"])
	columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "area", "weight",
		"score", "parent", "parentfield", "parenttype")  # fmt: skip
	for idx, (area, weight) in enumerate(BENCH_TARGETS, start=1):
		percent = least(
			greatest(assessment.total_score + crc32(Concat(assessment.name, area)) % 21 - 10, 0), 100
		)
		(
			frappe.qb.into(score)
			.columns(*columns)
			.from_(assessment)
			.select(
				Concat(assessment.name, f"-S{idx}"),
				assessment.creation,
				assessment.modified,
				assessment.owner,
				assessment.modified_by,
				assessment.docstatus,
				# Constants, not columns (a plain string in a select names a column).
				*map(ValueWrapper, (idx, area, weight)),
				Round(percent * weight / 100, 2),
				assessment.name,
				*map(ValueWrapper, ("scores", "Annual Assessment")),
			)
			.where(assessment.name.like("BENCH-%"))
			.run()
		)
		frappe.db.commit()
	recalculate_area_scores()
	frappe.db.commit()


# Issue 13's targets: seconds for one sub-district and for the province; peak memory of a process.
SUB_DISTRICT_TARGET_S = 1.0
PROVINCE_TARGET_S = 5.0
MEMORY_TARGET_MIB = 1024
BENCH_REVIEWER = "bench.reviewer@example.com"
MEASURED_SUB_DISTRICT = "BENCH-SD-001"
WARM_UP_SUB_DISTRICT = "BENCH-SD-002"


def ensure_bench_reviewer() -> None:
	"""A Sub District Reviewer of BENCH-SD-001 only: the reviewer who opens a report without filters."""
	if not frappe.db.exists("User", BENCH_REVIEWER):
		user = frappe.new_doc("User")
		user.update({"email": BENCH_REVIEWER, "first_name": "Bench Reviewer", "send_welcome_email": 0})
		user.append("roles", {"role": "Sub District Reviewer"})
		user.insert(ignore_permissions=True)
	# Frappe makes the first user of a site without one a System Manager, which would see the province (and
	# refuses to take the role from the last one through the User form).
	frappe.db.delete("Has Role", {"parent": BENCH_REVIEWER, "role": ("!=", "Sub District Reviewer")})
	frappe.clear_cache(user=BENCH_REVIEWER)
	sub_district = frappe.get_doc("Sub District", MEASURED_SUB_DISTRICT)
	if not any(row.user == BENCH_REVIEWER for row in sub_district.get("reviewers", [])):
		sub_district.append("reviewers", {"user": BENCH_REVIEWER})
		sub_district.save(ignore_permissions=True)
	frappe.db.commit()


def measure(label: str, scope: str) -> None:
	"""One report in one scope, in this (fresh) process: warmed on another sub-district, then timed and
	counted. Prints one `RESULT {json}` line: seconds, queries, rows and the process's peak RSS."""
	module, filters = REPORTS[label]
	execute = importlib.import_module(f"community_gov.community_governance.report.{module}.{module}").execute
	user = BENCH_REVIEWER if scope == "reviewer" else "Administrator"
	frappe.set_user("Administrator")
	execute(dict(filters, sub_district=WARM_UP_SUB_DISTRICT))  # metadata caches, imports
	frappe.set_user(user)
	if scope == "sub-district":
		filters = dict(filters, sub_district=MEASURED_SUB_DISTRICT)
	with QueryCounter() as counter:
		started = time.perf_counter()
		result = execute(dict(filters))
		elapsed = time.perf_counter() - started
	peak = peak_mib()
	print("RESULT " + json.dumps({"seconds": elapsed, "queries": counter.count, "rows": len(result[1]),
		"peak_mib": peak}))  # fmt: skip


def measure_in_fresh_process(label: str, scope: str) -> dict:
	"""`measure` in a new process, so each figure's peak memory is that report's alone."""
	command = [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site,
		"execute", "community_gov.benchmarks.reports.measure", "--kwargs", repr({"label": label, "scope": scope})]  # fmt: skip
	finished = subprocess.run(
		command, cwd=frappe.utils.get_bench_path() + "/sites", capture_output=True, text=True
	)
	for line in finished.stdout.splitlines():
		if line.startswith("RESULT "):
			return json.loads(line[len("RESULT ") :])
	raise RuntimeError(f"{label} ({scope}) failed:\n{finished.stdout[-2000:]}\n{finished.stderr[-4000:]}")


def verdict(seconds: float, limit: float, peak_mib: float) -> str:
	return "ok" if seconds <= limit and peak_mib <= MEMORY_TARGET_MIB else "MISSED"


def run(cadres: int = 100_000, only: str | None = None) -> None:
	frappe.set_user("Administrator")
	if bench_rows("Cadre") < cadres:
		build(cadres, len(YEARS))
	if bench_rows("Training Attendance") < SESSIONS * ATTENDEES_PER_SESSION:
		started = time.perf_counter()
		build_training()
		print(f"built {SESSIONS} sessions with {SESSIONS * ATTENDEES_PER_SESSION} attendances in "
			f"{time.perf_counter() - started:.1f} s")  # fmt: skip
	if not frappe.db.exists("Assessment Score", {"parent": ("like", "BENCH-%")}):
		started = time.perf_counter()
		build_scores()
		print(f"built {bench_rows('Assessment Score')} target rows and the area figures in "
			f"{time.perf_counter() - started:.1f} s")  # fmt: skip
	if not frappe.db.exists("Cadre Term", {"name": ("like", "BENCH-%")}):
		started = time.perf_counter()
		build_register()
		print(f"built {bench_rows('Cadre Term')} terms, {bench_rows('Cadre Pay Record')} pay records and "
			f"{bench_rows('Cadre Honour')} honours in {time.perf_counter() - started:.1f} s")  # fmt: skip
	if not frappe.db.exists("Cadre Training Year", {"cadre": ("like", "BENCH-%")}):
		# The rows went in by bulk insert, past the session events that keep the summary current.
		started = time.perf_counter()
		rebuilt = training_summary.rebuild()
		print(
			f"rebuilt Cadre Training Year ({sum(rebuilt.values())} rows) in {time.perf_counter() - started:.1f} s"
		)
	ensure_bench_reviewer()
	print(
		f"data set: {bench_rows('Cadre')} cadres, {bench_rows('Annual Assessment')} assessments, "
		f"{bench_rows('Assessment Score')} target rows, {bench_rows('Training Session')} sessions, "
		f"{bench_rows('Training Attendance')} attendance rows, {bench_rows('Cadre Term')} terms, "
		f"{bench_rows('Cadre Pay Record')} pay records, {bench_rows('Cadre Honour')} honours"
	)
	print(
		f"targets: one sub-district <= {SUB_DISTRICT_TARGET_S:g} s, province <= {PROVINCE_TARGET_S:g} s, "
		f"peak memory <= {MEMORY_TARGET_MIB} MiB; each figure from a fresh process (warmed on another "
		"sub-district); 'reviewer': a Sub District Reviewer of one sub-district, no filters"
	)
	header = f"{'report':<32} | {'one sub-district':^30} | {'reviewer':^30} | {'whole province':^36}"
	print(header)
	print("-" * len(header))
	missed = []
	for label in REPORTS:
		if only and label != only:
			continue
		cells = []
		for scope, limit in (
			("sub-district", SUB_DISTRICT_TARGET_S),
			("reviewer", SUB_DISTRICT_TARGET_S),
			("province", PROVINCE_TARGET_S),
		):
			if scope == "reviewer" and label in DEPARTMENT_ONLY:
				cells.append(f"{'refused (department only)':^30}")
				continue
			figure = measure_in_fresh_process(label, scope)
			mark = verdict(figure["seconds"], limit, figure["peak_mib"])
			if mark != "ok":
				missed.append(f"{label} ({scope})")
			width = 7 if scope == "province" else 5
			cells.append(
				f"{figure['seconds']:5.2f} s {figure['queries']:3d} q {figure['rows']:>{width}} r "
				f"{figure['peak_mib']:4.0f} MiB {mark}"
			)
		print(f"{label:<32} | " + " | ".join(cells))
	print("all reports within the targets" if not missed else "MISSED: " + ", ".join(missed))
