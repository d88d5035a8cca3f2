"""The scheduler's entry to the two-year-fail rule (hooks.py `scheduler_events`)."""

from __future__ import annotations

from community_gov.assessment.adjustment_rule import apply_adjustment_rule


def daily_sweep() -> None:
	"""Daily: catches anything the document events could not (e.g. changed settings)."""
	apply_adjustment_rule(None)
