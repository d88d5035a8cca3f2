"""Nothing outside the report folders imports a report module (plain pytest): what a report computes and
something else needs too lives in a service module (e.g. community_gov.scorecard), so a report can change
its columns without breaking a print format or a controller. Tests and Frappe's own hooks may."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov"
REPORTS = APP / "community_governance" / "report"
REPORT_IMPORT = re.compile(
	r"^\s*(from\s+community_gov\.community_governance\.report[\.\s]|import\s+community_gov\.community_governance\.report\b)",
	re.MULTILINE,
)


def is_test(path: Path) -> bool:
	return path.name.startswith("test_") or "tests" in path.relative_to(APP).parts


def test_no_report_module_is_imported_outside_the_reports():
	offenders = [
		str(path.relative_to(APP))
		for path in APP.rglob("*.py")
		if REPORTS not in path.parents and not is_test(path) and REPORT_IMPORT.search(path.read_text())
	]
	assert offenders == []


def test_the_check_finds_a_report_import():
	assert REPORT_IMPORT.search(
		"def f():\n\tfrom community_gov.community_governance.report.cadre_scorecard.cadre_scorecard import x\n"
	)
