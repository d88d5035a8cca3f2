"""The scheduler's entry to the two-year-fail rule (hooks.py `scheduler_events`, "daily_long").

It reads every approved assessment (500,000 of them in about 10 s, README), so it runs on the long queue
(1,500 s time limit), where it does not hold up the default queue's short jobs (300 s).
"""

from __future__ import annotations

from community_gov.assessment.adjustment_rule import apply_adjustment_rule


def daily_sweep() -> None:
	"""Daily: catches anything the document events could not (e.g. changed settings)."""
	apply_adjustment_rule(None)
