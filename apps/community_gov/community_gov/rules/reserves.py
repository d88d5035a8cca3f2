"""The reserve pool (后备干部, seed 004): which reserves count as cultivated (培养), and since when.

Seed 004 reports "2017年以来,培养社区后备干部255名": reserves cultivated since 2017. A nomination is not yet
cultivation: the selection steps (谈、问、定: forum talk, questionnaire, inspection) choose whom to cultivate, and
cultivation begins when the reserve enters training (the Start Training step, `training_started_on`: tasks and
assignments, 交任务、压担子). So:

- cultivated: a reserve that entered training, whatever came after it (qualified, elected, appointed, or
  withdrawn once in training); one withdrawn during the selection steps was nominated, never cultivated;
- cultivated since a year: its training began in or after that year, whatever year it was nominated (a
  nomination of 2016 trained from 2017 is one of 2017's);
- a reserve entered in a cultivated state without the step's date (In Training or later, `training_started_on`
  empty: recorded before the step kept its date, or imported) counts from its nomination date, the earliest its
  training can have begun.

Plain data in, plain data out (tests/unit/test_reserve_rules.py); `community_gov.reserves.pool
.cultivated_criterion` is the same rule as a query condition for the Reserve Pool Status report.
"""

from __future__ import annotations

import datetime

# Statuses a reserve reaches only through training (谈、问、定 come before it).
CULTIVATED_STATUSES = ("In Training", "Qualified", "Elected", "Appointed")


def _day(value) -> datetime.date | None:
	if value is None:
		return None
	return value.date() if isinstance(value, datetime.datetime) else value


def cultivation_began(
	status: str, training_started_on: datetime.datetime | datetime.date | None, nomination_date: datetime.date
) -> datetime.date | None:
	"""The day the reserve's cultivation began: when it entered training; for one in a cultivated status
	without that date, its nomination date; None when it never entered training."""
	if training_started_on:
		return _day(training_started_on)
	if status in CULTIVATED_STATUSES:
		return _day(nomination_date)
	return None


def cultivated_since(
	status: str,
	training_started_on: datetime.datetime | datetime.date | None,
	nomination_date: datetime.date,
	year: int | None = None,
) -> bool:
	"""Whether the reserve was cultivated, its cultivation begun in or after `year` (None: any year)."""
	began = cultivation_began(status, training_started_on, nomination_date)
	return began is not None and (not year or began.year >= year)
