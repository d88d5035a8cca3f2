"""The demo training year reproduces seed 004: 7 classes, 920+ person-times, some cadres not compliant."""

import json
from pathlib import Path

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
SESSIONS = json.loads((FIXTURES_DIR / "training.json").read_text(encoding="utf-8"))


def test_seven_classes_with_920_plus_person_times_in_one_year():
	completed = [s for s in SESSIONS if s["status"] == "Completed"]
	assert len(completed) == 7
	assert {s["program"]["year"] for s in completed} == {2026}
	person_times = sum(1 for s in completed for row in s["attendees"] if row["status"] == "Attended")
	assert person_times >= 920
	for session in SESSIONS:
		assert (
			len([r for r in session["attendees"] if r["status"] in ("Enrolled", "Attended")])
			<= session["capacity"]
		)
		assert len({r["id_number"] for r in session["attendees"]}) == len(session["attendees"])


def test_some_secretaries_missed_the_centralized_training():
	cadres = {
		c["id_number"]: c for c in json.loads((FIXTURES_DIR / "cadres.json").read_text(encoding="utf-8"))
	}
	attended = {
		row["id_number"]
		for s in SESSIONS
		if s["status"] == "Completed" and s["program"]["level"] in ("District", "City")
		for row in s["attendees"]
		if row["status"] == "Attended"
	}
	secretaries = {n for n, c in cadres.items() if c["position"] == "Secretary"}
	missing = secretaries - attended
	assert 0 < len(missing) < len(secretaries) / 4


def test_menu_courses_open_for_the_coming_month():
	menu = [s for s in SESSIONS if s["enrolment_mode"] == "Menu"]
	assert len(menu) >= 3
	assert all(s["status"] == "Enrolling" and "2026-12-01" <= s["start"] < "2027-01-01" for s in menu)
