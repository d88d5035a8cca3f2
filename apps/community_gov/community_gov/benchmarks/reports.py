"""Benchmark of the reports at province scale.

	./manage.sh bench-reports     # on the bench site of bench-sweep: 100,000 cadres x 5 years, plus
	                              # 2,000 training sessions with 1,000,000+ attendance rows

Rows are inserted in bulk (named BENCH-…) once and reused. For every report prints the wall time, the
query count and the row count, for one sub-district and for the whole province: the query count must
not grow with the rows.
"""

from __future__ import annotations

import importlib
import random
import time

import frappe
from frappe.utils import now_datetime

from community_gov.benchmarks.sweep import CHUNK, bench_rows, build
from community_gov.query_counter import QueryCounter

SESSIONS = 2000
ATTENDEES_PER_SESSION = 520
YEARS = (2021, 2022, 2023, 2024, 2025)
REPORTS = {
	"Cadre Scorecard": ("cadre_scorecard", {"from_year": 2024, "to_year": 2025}),
	"Sub District Scorecard": ("sub_district_scorecard", {"year": 2025}),
	"Team Structure": ("team_structure", {"position": "Secretary", "group_by": "Sub District"}),
	"Training Coverage (statistics)": ("training_coverage", {"year": 2025}),
	"Training Coverage (compliance)": ("training_coverage", {"year": 2025, "view": "Cadre Compliance"}),
	"Adjustment Watchlist": ("adjustment_watchlist", {}),
	"Top Ten Secretaries": ("top_ten_secretaries", {"year": 2025}),
	"Career Post Eligibility": ("career_post_eligibility", {"position": "Secretary"}),
	"Reserve Pool Status": ("reserve_pool_status", {}),
}


def build_training(seed: int = 11) -> None:
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
	frappe.db.bulk_insert(
		"Training Session",
		[*common, "program", "title", "level", "category", "training_format", "is_rotation", "status",
			"enrolment_mode", "start", "end", "session_hours", "year", "venue", "capacity", "enrolled_count",
			"attended_count"],
		sessions,
	)  # fmt: skip
	for start in range(0, len(attendance), CHUNK):
		frappe.db.bulk_insert(
			"Training Attendance",
			[*common, "idx", "parent", "parentfield", "parenttype", "cadre", "status", "hours"],
			attendance[start : start + CHUNK],
		)
	frappe.db.commit()


def timed(module: str, filters: dict) -> tuple[float, int, int]:
	execute = importlib.import_module(f"community_gov.community_governance.report.{module}.{module}").execute
	execute(dict(filters, sub_district="BENCH-SD-001"))  # warm metadata caches
	with QueryCounter() as counter:
		started = time.perf_counter()
		result = execute(filters)
		elapsed = time.perf_counter() - started
	return elapsed, counter.count, len(result[1])


def run(cadres: int = 100_000) -> None:
	frappe.set_user("Administrator")
	if bench_rows("Cadre") < cadres:
		build(cadres, len(YEARS))
	if bench_rows("Training Attendance") < SESSIONS * ATTENDEES_PER_SESSION:
		started = time.perf_counter()
		build_training()
		print(f"built {SESSIONS} sessions with {SESSIONS * ATTENDEES_PER_SESSION} attendances in "
			f"{time.perf_counter() - started:.1f} s")  # fmt: skip
	print(
		f"data set: {bench_rows('Cadre')} cadres, {bench_rows('Annual Assessment')} assessments, "
		f"{bench_rows('Training Session')} sessions, {bench_rows('Training Attendance')} attendance rows"
	)
	print(f"{'report':<32} {'one sub-district':>28} {'whole province':>30}")
	for label, (module, filters) in REPORTS.items():
		one = timed(module, dict(filters, sub_district="BENCH-SD-001"))
		everything = timed(module, filters)
		print(
			f"{label:<32} {one[0]:7.2f} s {one[1]:4d} q {one[2]:7d} rows   "
			f"{everything[0]:7.2f} s {everything[1]:4d} q {everything[2]:7d} rows"
		)
