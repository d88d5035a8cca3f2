"""A district large enough for the database to choose its plans as it does at province scale, inserted in
bulk (a second or two), for the EXPLAIN tests (community_gov.tests.explain): on a few rows any plan is cheap
and MariaDB reads whole tables, which says nothing about a province.

Secretaries in many sub-districts, each with approved assessments, District-level training with attendance
(Training Attendance with the attendee's sub-district) and their training per year (Cadre Training Year).
The database plans by its statistics of the tables, which only ANALYZE TABLE brings up to date at once, and
ANALYZE commits: so the population is committed, analyzed and deleted again after the test class.
"""

from __future__ import annotations

import frappe
from frappe.utils import now_datetime

from community_gov.training.summary import refresh

YEARS = (2021, 2022, 2023, 2024, 2025)
COMMON = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]


TABLES = (
	"Sub District",
	"Community",
	"Cadre",
	"Annual Assessment",
	"Training Program",
	"Training Session",
	"Training Attendance",
	"Cadre Training Year",
)


def bulk_population(case, sub_districts: int = 25, communities: int = 2, cadres: int = 20) -> list[str]:
	"""`sub_districts` sub-districts of `communities` communities of `cadres` active secretaries each, with
	their assessments, training and training per year, for the test class `case` (deleted after it); returns
	the sub-districts' names."""
	now, user, key = now_datetime(), frappe.session.user, frappe.generate_hash(length=6)
	case.addClassCleanup(remove_population, key)
	sub_district_names = [f"POP-{key}-SD{s:03d}" for s in range(sub_districts)]
	community_rows = [
		(f"POP-{key}-C{s:03d}-{c}", sub_district_names[s])
		for s in range(sub_districts)
		for c in range(communities)
	]
	cadre_rows = [
		(f"POP-{key}-CAD{index:05d}", community, sub_district)
		for index, (community, sub_district) in enumerate(
			(community, sub_district) for community, sub_district in community_rows for _ in range(cadres)
		)
	]
	frappe.db.bulk_insert(
		"Sub District",
		[*COMMON, "sub_district_name"],
		[(name, now, now, user, user, 0, name) for name in sub_district_names],
	)
	frappe.db.bulk_insert(
		"Community",
		[*COMMON, "community_name", "sub_district", "community_type"],
		[
			(name, now, now, user, user, 0, name, sub_district, "Urban")
			for name, sub_district in community_rows
		],
	)
	frappe.db.bulk_insert(
		"Cadre",
		[*COMMON, "full_name", "id_number", "community", "sub_district", "position", "status"],
		[
			(name, now, now, user, user, 0, name, f"P{key}{index:011d}", community, sub_district, "Secretary",
				"Active")
			for index, (name, community, sub_district) in enumerate(cadre_rows)
		],
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Annual Assessment",
		[*COMMON, "cadre", "year", "total_score", "grade", "satisfaction_rate", "sub_district", "community",
			"workflow_state"],
		[
			(f"{name}-{year}", now, now, user, user, 1, name, year, 80, "Competent", 90, sub_district, community,
				"Approved")
			for name, community, sub_district in cadre_rows
			for year in YEARS
		],
	)  # fmt: skip
	add_training(key, cadre_rows, now, user)
	refresh([name for name, _community, _sub_district in cadre_rows], YEARS)
	frappe.db.commit()
	for doctype in TABLES:
		frappe.db.sql_ddl(f"analyze table `tab{doctype}`")
	return sub_district_names


def remove_population(key: str) -> None:
	"""After the test class: what it did is undone (rolled back, as FrappeTestCase does), then the population
	deleted and that committed."""
	frappe.db.rollback()
	for doctype in reversed(TABLES):
		frappe.db.delete(doctype, {"name": ("like", f"POP-{key}-%")})
	frappe.db.commit()


def add_training(key: str, cadre_rows: list[tuple], now, user: str) -> None:
	"""Per year one District rotation class for each tenth of the cadres, each attended by its tenth."""
	programs, sessions, attendance = [], [], []
	for year in YEARS:
		program = f"POP-{key}-TP-{year}"
		programs.append((program, now, now, user, user, 0, program, year, "District", "Key", "Lecture",
			"All Cadres", 1, 6))  # fmt: skip
		for part in range(10):
			session = f"POP-{key}-TS-{year}-{part}"
			start = f"{year}-{1 + part:02d}-10 09:00:00"
			sessions.append((session, now, now, user, user, 1, program, session, "District", "Key", "Lecture", 1,
				"Completed", "Assigned", start, start.replace("09:", "15:"), 6, year, "党校"))  # fmt: skip
			attendees = cadre_rows[part::10]
			attendance.extend(
				(f"{session}-{idx}", now, now, user, user, 1, idx, session, "attendees", "Training Session", name,
					sub_district, "Attended", 6)
				for idx, (name, _community, sub_district) in enumerate(attendees, start=1)
			)  # fmt: skip
	frappe.db.bulk_insert(
		"Training Program",
		[
			*COMMON,
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
	frappe.db.bulk_insert(
		"Training Session",
		[*COMMON, "program", "title", "level", "category", "training_format", "is_rotation", "status",
			"enrolment_mode", "start", "end", "session_hours", "year", "venue"],
		sessions,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Training Attendance",
		[*COMMON, "idx", "parent", "parentfield", "parenttype", "cadre", "sub_district", "status", "hours"],
		attendance,
	)
