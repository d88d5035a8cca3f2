"""Which of the app's reports run in the background (Frappe's prepared reports) is decided per report, in
its JSON (`prepared_report`), and stays as decided.

Frappe switches any script report whose run once took longer than 15 s into a prepared report, for every
user and every filter, until someone switches it back (`Report.execute_script_report`). Every report of
the app reads what was asked for through indexes and stays within seconds for the whole province (issue
13, `./manage.sh bench-reports`), so one slow run means a busy or cold database, not a report that belongs
in the background: it must not turn every reviewer's sub-district scorecard into a queued job. This puts
each report back to its declared mode after every migrate and every hour, and logs the switch it undid
(an Error Log titled with the report), so that someone can look at why that run was slow."""

from __future__ import annotations

import json
from pathlib import Path

import frappe

MODULE = "Community Governance"


def declared_modes() -> dict[str, int]:
	"""Report name → its `prepared_report` as the app ships it."""
	folder = Path(frappe.get_module_path(MODULE)) / "report"
	modes = {}
	for path in sorted(folder.glob("*/*.json")):
		definition = json.loads(path.read_text())
		if definition.get("doctype") == "Report":
			modes[definition["name"]] = int(definition.get("prepared_report") or 0)
	return modes


def restore_report_modes() -> list[str]:
	"""Put the app's reports back to their declared mode; returns the reports that had been switched."""
	declared = declared_modes()
	report = frappe.qb.DocType("Report")
	stored = dict(
		frappe.qb.from_(report)
		.select(report.name, report.prepared_report)
		.where(report.name.isin(list(declared) or [""]))
		.run()
	)
	switched = sorted(name for name, mode in declared.items() if name in stored and stored[name] != mode)
	for mode in (0, 1):
		names = [name for name in switched if declared[name] == mode]
		if names:
			frappe.qb.update(report).set(report.prepared_report, mode).where(report.name.isin(names)).run()
	if switched:
		# Frappe's own record of each report's last run time (keys come back as bytes).
		times = {
			(key.decode() if isinstance(key, bytes) else key): value
			for key, value in (frappe.cache.hgetall("report_execution_time") or {}).items()
		}
		for name in switched:
			frappe.log_error(
				title=f"Prepared report switched back: {name}",
				message=f"{name} was switched to prepared_report={stored[name]}; its declared mode is "
				f"{declared[name]}. Last run took {times.get(name, '?')} s.",
			)
	return switched
