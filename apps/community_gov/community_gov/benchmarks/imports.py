"""Benchmark of the sheet imports (community_gov.batch): 1,000 rows each.

	(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site S execute \
		community_gov.benchmarks.imports.run [--kwargs "{'rows': 1000}"])
	... execute community_gov.benchmarks.imports.clear     # removes the data set again

Builds once, in bulk (records named BIMP-…, apart from the sweep benchmark's BENCH-…): one sub-district of
`rows` secretaries in 50 communities, each with a signed target agreement of three targets for this year,
and a training session under way with every one of them enrolled. Then, as an Organization Department user:

- the score sheet is downloaded, filled in (a score per target and the satisfaction on every row) and
  imported: every row creates a draft Annual Assessment through its own save;
- the session's sign-in sheet is downloaded, every attendee marked Attended and imported: one save of the
  session with all its rows.

Only the imports are timed (reading the file, the checks, the writes, the log), with their query count, run
in this process as the import job runs in a worker (`community_gov.batch.imports`). For the score sheet the
request of an upload that goes to the background (the file read, the log written, the job enqueued after the
commit that never comes here) is timed too: what the uploader waits for. Everything they write is rolled back,
so every run measures the same work.
"""

from __future__ import annotations

import os
import time

import frappe
from frappe.utils import add_days, now_datetime

from community_gov.batch import imports
from community_gov.batch.attendance import attendance_sheet, run_attendance_import
from community_gov.batch.attendance import headers as attendance_headers
from community_gov.batch.scores import headers as score_headers
from community_gov.batch.scores import import_scores, run_score_import, score_sheet, target_header
from community_gov.batch.sheets import edit_workbook, read_workbook
from community_gov.dates import current_year
from community_gov.query_counter import QueryCounter

PREFIX = "BIMP"
SUB_DISTRICT = f"{PREFIX}-街道"
SESSION = f"{PREFIX}-TS-0001"
USER = "bench-imports@community.localhost"
TARGETS = (
	("Social Stability", "维护社区稳定,无重大信访事件", 30, 1),
	("Serving Residents", "为民服务事项按时办结", 40, 0),
	("Party Building", "党组织规范化建设", 30, 0),
)
COMMUNITIES = 50


def run(rows: int = 1000) -> None:
	frappe.set_user("Administrator")
	if frappe.db.count("Cadre", {"name": ("like", f"{PREFIX}-%")}) != rows:
		started = time.perf_counter()
		build(rows)
		print(f"built {rows} cadres, agreements and enrolments in {time.perf_counter() - started:.1f} s")
	ensure_user()
	frappe.set_user(USER)
	try:
		timed_score_import(rows)
		timed_attendance_import(rows)
	finally:
		frappe.set_user("Administrator")


def timed_score_import(rows: int) -> None:
	year = current_year()
	started = time.perf_counter()
	sheet = score_sheet(SUB_DISTRICT, year)
	download = time.perf_counter() - started
	h = score_headers()
	_headers, sheet_rows = read_workbook(sheet)
	filled = {}
	for index, row in enumerate(sheet_rows):
		for area, description, weight, _veto in TARGETS:
			filled[(row.number, target_header(area, description))] = weight - index % 5
		filled[(row.number, h.veto)] = "No"
		filled[(row.number, h.satisfaction)] = 80 + index % 20
	content = edit_workbook(sheet, filled)
	result = timed(
		f"Score import: {len(sheet_rows)} rows",
		lambda url: imports.start_import(
			"Scores", imports.ALL_OR_NOTHING, url, run_score_import, at_once=True
		),
		content,
	)
	assert result["created"] == rows, result
	queued = timed(f"Score upload, queued: {len(sheet_rows)} rows", lambda url: import_scores(url), content)
	assert queued["status"] == imports.QUEUED, queued
	print(f"  (score sheet of {len(sheet_rows)} rows downloaded in {download:.2f} s)")


def timed_attendance_import(rows: int) -> None:
	h = attendance_headers()
	sheet = attendance_sheet(SESSION)
	_headers, sheet_rows = read_workbook(sheet)
	filled = {(row.number, h.status): "Attended" for row in sheet_rows}
	result = timed(
		f"Attendance import: {len(sheet_rows)} rows",
		lambda url: imports.start_import(
			"Attendance",
			imports.ALL_OR_NOTHING,
			url,
			run_attendance_import,
			at_once=True,
			training_session=SESSION,
		),
		edit_workbook(sheet, filled),
	)
	assert result["updated"] == rows, result


def timed(label: str, call, content: bytes) -> dict:
	"""Uploads the sheet, times the import, prints the line and undoes everything."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"{PREFIX.lower()}.xlsx", "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	path = file.get_full_path()
	frappe.db.commit()
	try:
		with QueryCounter() as counter:
			started = time.perf_counter()
			result = call(file.file_url)
			elapsed = time.perf_counter() - started
		print(f"{label} in {elapsed:.2f} s ({counter.count} queries)", flush=True)
		return result
	finally:
		frappe.db.rollback()
		frappe.delete_doc("File", file.name, ignore_permissions=True, force=True)
		frappe.db.commit()
		if os.path.exists(path):
			os.remove(path)


def ensure_user() -> None:
	if not frappe.db.exists("User", USER):
		user = frappe.get_doc(
			{"doctype": "User", "email": USER, "first_name": "Bench", "send_welcome_email": 0,
				"roles": [{"role": "Organization Department"}]}
		)  # fmt: skip
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
		frappe.db.commit()


def clear() -> None:
	"""Removes the data set (the bench's BIMP-… records)."""
	for doctype, field in (
		("Training Attendance", "parent"),
		("Training Session", "name"),
		("Training Program", "title"),
		("Agreement Target", "parent"),
		("Target Agreement", "name"),
		("Cadre", "name"),
		("Community", "name"),
		("Sub District", "name"),
	):
		frappe.db.delete(doctype, {field: ("like", f"{PREFIX}-%")})
	frappe.db.commit()


def build(rows: int) -> None:
	"""The data set, inserted in bulk (no controller runs): cleared first."""
	clear()
	now, user, year = now_datetime(), "Administrator", current_year()
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	frappe.db.bulk_insert(
		"Sub District",
		[*common, "sub_district_name"],
		[(SUB_DISTRICT, now, now, user, user, 0, SUB_DISTRICT)],
	)
	communities = [f"{PREFIX}-社区{i:02d}" for i in range(COMMUNITIES)]
	frappe.db.bulk_insert(
		"Community",
		[*common, "community_name", "sub_district", "community_type"],
		[(c, now, now, user, user, 0, c, SUB_DISTRICT, "Urban") for c in communities],
	)
	cadres, agreements, targets = [], [], []
	for i in range(rows):
		cadre, community = f"{PREFIX}-CAD-{i:05d}", communities[i % COMMUNITIES]
		cadres.append((cadre, now, now, user, user, 0, f"书记{i:05d}", f"{PREFIX}{i:014d}", community,
			SUB_DISTRICT, "Secretary", "Active"))  # fmt: skip
		agreement = f"{PREFIX}-TA-{i:05d}"
		agreements.append((agreement, now, now, user, user, 1, cadre, f"书记{i:05d}", year, community,
			SUB_DISTRICT, "Secretary", "Signed", 100, 1))  # fmt: skip
		for idx, (area, description, weight, veto) in enumerate(TARGETS, start=1):
			targets.append((f"{agreement}-{idx}", now, now, user, user, 1, agreement, "Target Agreement",
				"targets", idx, area, description, weight, veto))  # fmt: skip
	frappe.db.bulk_insert(
		"Cadre",
		[*common, "full_name", "id_number", "community", "sub_district", "position", "status"],
		cadres,
	)
	frappe.db.bulk_insert(
		"Target Agreement",
		[*common, "cadre", "full_name", "year", "community", "sub_district", "position", "workflow_state",
			"total_weight", "veto_targets"],
		agreements,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Agreement Target",
		[*common, "parent", "parenttype", "parentfield", "idx", "area", "description", "weight", "is_veto"],
		targets,
	)
	build_session(rows, cadres, now, user)
	frappe.db.commit()


def build_session(rows: int, cadres: list[tuple], now, user) -> None:
	program = frappe.get_doc(
		{"doctype": "Training Program", "title": f"{PREFIX}-基层治理能力提升", "year": current_year(),
			"level": "District", "category": "Key", "training_format": "Lecture", "audience": "All Cadres",
			"hours": 3}
	).insert(ignore_permissions=True)  # fmt: skip
	start = add_days(now.replace(hour=9, minute=0, second=0, microsecond=0), -1)
	end = start.replace(hour=12)
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	frappe.db.bulk_insert(
		"Training Session",
		[*common, "program", "title", "level", "category", "training_format", "status", "enrolment_mode",
			"start", "end", "session_hours", "year", "venue", "capacity", "enrolled_count"],
		[(SESSION, now, now, user, user, 0, program.name, f"{PREFIX}-基层治理能力提升班", "District", "Key",
			"Lecture", "In Progress", "Assigned", start, end, 3, start.year, "区委党校", rows, rows)],
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Training Attendance",
		[*common, "parent", "parenttype", "parentfield", "idx", "cadre", "full_name", "sub_district", "status",
			"enrolled_via"],
		[(f"{SESSION}-{i:05d}", now, now, user, user, 0, SESSION, "Training Session", "attendees", i + 1,
			cadre[0], cadre[6], SUB_DISTRICT, "Enrolled", "Assigned") for i, cadre in enumerate(cadres)],
	)  # fmt: skip
