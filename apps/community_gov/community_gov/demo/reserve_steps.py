"""When the demo's reserves went through their selection steps (plain dates, no Frappe: the loader records each
step on its day, and the plain tests recompute the demo's figures from the same dates)."""

from __future__ import annotations

import datetime


def as_date(value) -> datetime.date:
	return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def days_after(value, days: int) -> datetime.date:
	return as_date(value) + datetime.timedelta(days=days)


def reserve_step_dates(spec: dict) -> dict[str, datetime.date]:
	"""When each selection step of a nomination was recorded: the forum talk on its date, the
	questionnaire two weeks and the inspection a month later, training from the first assignment,
	qualification two weeks after the last one ended; a withdrawal a month after the nomination."""
	forum = as_date(spec.get("forum_talk_date") or days_after(spec["nomination_date"], 20))
	assignments = spec.get("assignments") or []
	starts = [as_date(row["start_date"]) for row in assignments]
	ends = [days_after(row["end_date"], 14) for row in assignments if row.get("end_date")]
	training = max(days_after(forum, 31), min(starts)) if starts else days_after(forum, 45)
	return {
		"Nominated": as_date(spec["nomination_date"]),
		"Withdrawn": days_after(spec["nomination_date"], 30),
		"Forum Talk": forum,
		"Questionnaire": days_after(forum, 14),
		"Inspection": days_after(forum, 30),
		"In Training": training,
		"Qualified": max([days_after(training, 60), *ends]),
	}
