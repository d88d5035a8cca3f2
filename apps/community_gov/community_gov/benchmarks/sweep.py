"""Benchmark of the adjustment sweep at province scale.

	./manage.sh bench-sweep                       # 100,000 cadres x 5 years on a separate bench site
	(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site S execute \
		community_gov.benchmarks.sweep.run --kwargs "{'cadres': 100000, 'years': 5}")

Rows are inserted in bulk (named BENCH-…) once and reused by later runs. Prints the data set's size,
the sweep's wall time, its query count and what it decided: first on the raw data (it opens the cases),
then again in the steady state (nothing to change).
"""

from __future__ import annotations

import random
import resource
import time

import frappe
from frappe.utils import now_datetime

from community_gov.assessment.adjustment_rule import apply_adjustment_rule
from community_gov.query_counter import QueryCounter

CHUNK = 20_000
SUB_DISTRICTS = 100
COMMUNITIES_PER_SUB_DISTRICT = 40
FIRST_YEAR = 2021


def bench_rows(doctype: str) -> int:
	return frappe.db.count(doctype, {"name": ("like", "BENCH-%")})


def bulk(doctype: str, fields: list[str], rows: list[tuple]) -> None:
	for start in range(0, len(rows), CHUNK):
		frappe.db.bulk_insert(doctype, fields, rows[start : start + CHUNK])
	frappe.db.commit()


def build(cadres: int, years: int, seed: int = 7) -> None:
	rng = random.Random(seed)
	now, user = now_datetime(), "Administrator"
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	sub_districts = [f"BENCH-SD-{i:03d}" for i in range(SUB_DISTRICTS)]
	bulk(
		"Sub District",
		[*common, "sub_district_name"],
		[(n, now, now, user, user, 0, n) for n in sub_districts],
	)
	communities = [
		(f"BENCH-C-{s:03d}-{c:02d}", sub_districts[s])
		for s in range(SUB_DISTRICTS)
		for c in range(COMMUNITIES_PER_SUB_DISTRICT)
	]
	bulk(
		"Community",
		[*common, "community_name", "sub_district", "community_type"],
		[(n, now, now, user, user, 0, n, sd, "Urban") for n, sd in communities],
	)
	cadre_rows, assessment_rows = [], []
	for i in range(cadres):
		name = f"BENCH-CAD-{i:07d}"
		community, sub_district = communities[i % len(communities)]
		cadre_rows.append(
			(name, now, now, user, user, 0, f"书记{i}", f"B{i:017d}", community, sub_district, "Secretary", "Active")
		)  # fmt: skip
		weak = rng.random() < 0.05  # a weak secretary fails more often
		for year in range(FIRST_YEAR, FIRST_YEAR + years):
			failed = rng.random() < (0.45 if weak else 0.02)
			total = rng.uniform(40, 59) if failed else rng.uniform(62, 97)
			grade = (
				"Fail"
				if failed
				else ("Excellent" if total >= 90 else "Competent" if total >= 75 else "Basically Competent")
			)
			assessment_rows.append(
				(f"BENCH-AA-{i:07d}-{year}", now, now, user, user, 1, name, year, round(total, 2), grade,
					round(rng.uniform(50, 99), 1), sub_district, community, "Approved")
			)  # fmt: skip
	bulk(
		"Cadre",
		[*common, "full_name", "id_number", "community", "sub_district", "position", "status"],
		cadre_rows,
	)
	bulk(
		"Annual Assessment",
		[*common, "cadre", "year", "total_score", "grade", "satisfaction_rate", "sub_district", "community",
			"workflow_state"],
		assessment_rows,
	)  # fmt: skip


def timed_sweep(label: str) -> None:
	with QueryCounter() as counter:
		started = time.perf_counter()
		outcome = apply_adjustment_rule(None)
		elapsed = time.perf_counter() - started
	peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # the process's peak, in bytes
	frappe.db.commit()
	print(
		f"{label}: {elapsed:.2f} s, {counter.count} queries, process peak RSS {peak / 2**20:.0f} MiB; "
		f"cadres evaluated {outcome.evaluated}, cases opened {len(outcome.opened)}, "
		f"withdrawn {len(outcome.withdrawn)}, at risk {len(outcome.at_risk)}"
	)


def run(cadres: int = 100_000, years: int = 5, fresh_cases: bool = True) -> None:
	frappe.set_user("Administrator")
	if bench_rows("Cadre") < cadres:
		started = time.perf_counter()
		for doctype in (
			"Adjustment Case Year",
			"Adjustment Case",
			"Annual Assessment",
			"Cadre",
			"Community",
			"Sub District",
		):
			frappe.db.delete(
				doctype,
				{"name": ("like", "BENCH-%")}
				if doctype != "Adjustment Case Year"
				else {"parent": ("like", "ADJ-%-BENCH-%")},
			)
		build(cadres, years)
		print(f"built {cadres} cadres x {years} years in {time.perf_counter() - started:.1f} s")
	if fresh_cases:
		frappe.db.delete("Adjustment Case Year", {"parent": ("like", "ADJ-%-BENCH-%")})
		frappe.db.delete("Adjustment Case", {"cadre": ("like", "BENCH-%")})
		frappe.db.commit()
	print(
		f"data set: {bench_rows('Cadre')} cadres, {bench_rows('Annual Assessment')} approved assessments "
		f"(all cadres: {frappe.db.count('Cadre')}, all assessments: {frappe.db.count('Annual Assessment')})"
	)
	timed_sweep("sweep, first run (opens the cases)")
	timed_sweep("sweep, steady state")
