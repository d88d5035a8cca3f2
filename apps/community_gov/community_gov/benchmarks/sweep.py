"""Benchmark of the adjustment sweep at province scale.

	./manage.sh bench-sweep                       # 100,000 cadres x 5 years on a separate bench site
	(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site S execute \
		community_gov.benchmarks.sweep.run --kwargs "{'cadres': 100000, 'years': 5}")

Rows are inserted in bulk (named BENCH-…) once and reused by later runs. Prints the data set's size,
the sweep's wall time, its query count and what it decided: first on the raw data (it opens the cases),
then again in the steady state (nothing to change); then the obvious per-cadre ORM loop on a sample,
extrapolated to every cadre, and the ratio; then the queries of approving one assessment; each against
issue 13's targets.
"""

from __future__ import annotations

import random
import resource
import time

import frappe
from frappe.utils import now_datetime

from community_gov.assessment.adjustment_rule import RuleOutcome, apply_adjustment_rule
from community_gov.assessment.common import get_covered_positions, get_rule_settings
from community_gov.query_counter import QueryCounter
from community_gov.rules.assessment import HAND_OPENED_BASES, CaseRef, YearResult, evaluate

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


SWEEP_TARGET_S = 5.0
LOOP_RATIO_TARGET = 100
APPROVAL_QUERY_TARGET = 30
MEMORY_TARGET_MIB = 1024
LOOP_SAMPLE = 2000


def peak_mib() -> float:
	"""The process's peak resident memory so far: the kernel's VmHWM of this process image (getrusage's maxrss
	keeps the peak of the process that forked it, so a report measured in a child of a big build read the
	build's peak)."""
	try:
		with open("/proc/self/status") as status:
			return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
	except (OSError, StopIteration):
		return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_sweep(label: str) -> tuple[float, RuleOutcome]:
	with QueryCounter() as counter:
		started = time.perf_counter()
		outcome = apply_adjustment_rule(None)
		elapsed = time.perf_counter() - started
	frappe.db.commit()
	print(
		f"{label}: {elapsed:.2f} s, {counter.count} queries, process peak RSS {peak_mib():.0f} MiB; "
		f"cadres evaluated {outcome.evaluated}, cases opened {len(outcome.opened)}, "
		f"withdrawn {len(outcome.withdrawn)}, at risk {len(outcome.at_risk)}"
	)
	return elapsed, outcome


def per_cadre_loop(cadres: list[str]) -> set[str]:
	"""The obvious way to write the rule: for each cadre, read its history and its cases through the ORM and
	decide. Decides only (writes nothing), so it is compared with the sweep's steady state. Returns the
	cadres it finds at risk, to check it agrees with the sweep."""
	settings = get_rule_settings()
	covered = set(get_covered_positions())
	at_risk = set()
	for name in cadres:
		if frappe.db.get_value("Cadre", name, "position") not in covered:
			continue
		history = [
			YearResult(year=row.year, grade=row.grade, satisfaction_rate=row.satisfaction_rate,
				total_score=row.total_score, assessment=row.name)
			for row in frappe.get_all(
				"Annual Assessment",
				filters={"cadre": name, "docstatus": 1},
				fields=["name", "year", "grade", "satisfaction_rate", "total_score"],
				order_by="year asc, modified asc",
			)
		]  # fmt: skip
		cases = [
			CaseRef(name=row.name, trigger_year=row.trigger_year, status=row.status,
				by_hand=row.basis in HAND_OPENED_BASES)
			for row in frappe.get_all(
				"Adjustment Case", filters={"cadre": name}, fields=["name", "trigger_year", "status", "basis"]
			)
		]  # fmt: skip
		if evaluate(history, cases, settings).at_risk:
			at_risk.add(name)
	return at_risk


def time_per_cadre_loop(all_cadres: int, sweep_seconds: float, sweep_at_risk: list[str]) -> float:
	sample = sorted(random.Random(3).sample(bench_cadre_names(), LOOP_SAMPLE))
	started = time.perf_counter()
	at_risk = per_cadre_loop(sample)
	elapsed = time.perf_counter() - started
	whole = elapsed / len(sample) * all_cadres
	ratio = whole / sweep_seconds
	agrees = at_risk == set(sweep_at_risk) & set(sample)
	print(
		f"per-cadre ORM loop on a sample of {len(sample)} cadres: {elapsed:.2f} s "
		f"({elapsed / len(sample) * 1000:.2f} ms a cadre), so {whole:.0f} s for all {all_cadres} cadres: "
		f"the sweep is {ratio:.0f}x faster (goal >= {LOOP_RATIO_TARGET}x); "
		f"at-risk cadres of the sample {'agree' if agrees else 'DIFFER'} ({len(at_risk)})"
	)
	return ratio if agrees else 0.0


def bench_cadre_names() -> list[str]:
	cadre = frappe.qb.DocType("Cadre")
	return frappe.qb.from_(cadre).select(cadre.name).where(cadre.name.like("BENCH-%")).run(pluck=True)


def approval_queries() -> tuple[int, float]:
	"""Approving one assessment, as the department does, in the full-size database: queries and seconds.
	The cadre and its records are made through the workflow (the test factories) and removed afterwards."""
	from frappe.model.workflow import apply_workflow

	from community_gov.tests.factories import COMPETENT, FAIL, make_assessment, make_cadre

	cadre = make_cadre(f"BENCH-C-{SUB_DISTRICTS - 1:03d}-00").name
	for year in (2023, 2024):
		make_assessment(cadre, year, **COMPETENT)
	doc = make_assessment(cadre, 2025, **FAIL, until="Reviewed")
	with QueryCounter() as counter:
		started = time.perf_counter()
		apply_workflow(doc, "Approve")
		elapsed = time.perf_counter() - started
	frappe.db.rollback()
	return counter.count, elapsed


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
	all_cadres = bench_rows("Cadre")
	print(
		f"data set: {all_cadres} cadres, {bench_rows('Annual Assessment')} approved assessments "
		f"(all cadres: {frappe.db.count('Cadre')}, all assessments: {frappe.db.count('Annual Assessment')})"
	)
	first, _outcome = timed_sweep("sweep, first run (opens the cases)")
	steady, outcome = timed_sweep("sweep, steady state")
	ratio = time_per_cadre_loop(all_cadres, steady, outcome.at_risk)
	queries, seconds = approval_queries()
	print(f"approving one assessment: {queries} queries, {seconds * 1000:.0f} ms")
	peak = peak_mib()
	figures = [
		("two-year sweep, first run", f"{first:.2f} s", f"<= {SWEEP_TARGET_S:g} s", first <= SWEEP_TARGET_S),
		("two-year sweep, steady state", f"{steady:.2f} s", f"<= {SWEEP_TARGET_S:g} s", steady <= SWEEP_TARGET_S),
		("sweep vs per-cadre ORM loop", f"{ratio:.0f}x", f">= {LOOP_RATIO_TARGET}x", ratio >= LOOP_RATIO_TARGET),
		("approving one assessment", f"{queries} queries", f"<= {APPROVAL_QUERY_TARGET}",
			queries <= APPROVAL_QUERY_TARGET),
		("peak memory of the process", f"{peak:.0f} MiB", f"<= {MEMORY_TARGET_MIB} MiB", peak <= MEMORY_TARGET_MIB),
	]  # fmt: skip
	print(f"{'target':<30} | {'measured':>12} | {'goal':>10} |")
	for label, measured, goal, met in figures:
		print(f"{label:<30} | {measured:>12} | {goal:>10} | {'ok' if met else 'MISSED'}")
