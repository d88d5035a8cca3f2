"""The demo's 2026 training plan (community_gov.demo.team) covers the demo's 2026 programs, against the 7
classes and 928 person-times held (plain pytest)."""

import json
from pathlib import Path

from community_gov.demo.team import PLAN, YEAR

TRAINING = Path(__file__).resolve().parents[2] / "fixtures" / "training.json"


def test_the_plan_names_every_program_of_the_year():
	sessions = json.loads(TRAINING.read_text(encoding="utf-8"))
	programs = {s["program"]["title"] for s in sessions if s["program"]["year"] == YEAR}
	assert set(PLAN) == programs


def test_plan_against_held():
	sessions = json.loads(TRAINING.read_text(encoding="utf-8"))
	completed = [s for s in sessions if s["status"] == "Completed"]
	held = sum(1 for row in (r for s in completed for r in s["attendees"]) if row["status"] == "Attended")
	assert (len(completed), held) == (7, 928)
	assert sum(classes for classes, _people in PLAN.values()) == 11
	assert sum(people for _classes, people in PLAN.values()) == 1076
	planned_for_held = [PLAN[s["program"]["title"]] for s in completed]
	assert (sum(c for c, _p in planned_for_held), sum(p for _c, p in planned_for_held)) == (8, 971)
