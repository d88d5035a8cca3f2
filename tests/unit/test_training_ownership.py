"""Training has one owner: the session controller calls `community_gov.training.sessions`, and nothing
outside the controller's folder (and tests) imports the controller module back (an import circle before)."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "apps" / "community_gov" / "community_gov"
CONTROLLER_FOLDER = APP / "community_governance" / "doctype" / "training_session"
CONTROLLER_IMPORT = re.compile(
	r"(from\s+[\w.]*doctype\.training_session\.training_session\s+import"
	r"|import\s+[\w.]*doctype\.training_session\.training_session\b)"
)


def is_test(path: Path) -> bool:
	return path.name.startswith("test_") or "tests" in path.relative_to(APP).parts


def test_nothing_outside_its_folder_imports_the_session_controller():
	importers = [
		str(path.relative_to(APP))
		for path in APP.rglob("*.py")
		if CONTROLLER_FOLDER not in path.parents
		and not is_test(path)
		and CONTROLLER_IMPORT.search(path.read_text(encoding="utf-8"))
	]
	assert importers == []


def test_the_pattern_finds_an_import():
	assert CONTROLLER_IMPORT.search(
		"from community_gov.community_governance.doctype.training_session.training_session import x"
	)
	assert not CONTROLLER_IMPORT.search(
		'"community_gov.community_governance.doctype.training_session.training_session.X"'
	)


def test_one_clash_check_and_no_second_seat_count():
	sessions = (APP / "training" / "sessions.py").read_text(encoding="utf-8")
	assert "def find_clashes(" in sessions
	for path in APP.rglob("*.py"):
		if (path.name == "sessions.py" and path.parent.name == "training") or is_test(path):
			continue
		text = path.read_text(encoding="utf-8")
		assert "find_clash(" not in text or path.name == "training.py", path  # rules.training defines it
		assert "def seats_taken" not in text, path
