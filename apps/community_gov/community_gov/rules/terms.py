"""Terms and elections (换届 and the fourth selection step 选, seed 004 §三.2: "通过组织换届选举,把有真才实学的
能人'选'出来"): the result of a vote, a term's planned end, the alert window before it ends and the quarter a
term ends in. Plain functions: no Frappe needed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

ELECTED, NOT_ELECTED = "Elected", "Not Elected"
PARTY_MEMBER_ASSEMBLY = "Party Member Assembly"  # 党员大会: the party committee (secretary, deputies)
RESIDENTS_REPRESENTATIVES = "Residents' Representatives Meeting"  # 居民代表会议: the residents' committee
ELECTION_BODIES = (PARTY_MEMBER_ASSEMBLY, RESIDENTS_REPRESENTATIVES)
# Reserves that may stand: those past the three selection steps (谈、问、定), in training or qualified.
ELECTABLE_RESERVE_STATUSES = ("In Training", "Qualified")
# Reserves the department may appoint: qualified by training, or elected (选).
APPOINTABLE_RESERVE_STATUSES = ("Qualified", "Elected")
# A cadre in any of these has left: its open terms end.
LEAVING_STATUSES = ("Adjusted", "Retired", "Resigned")
TERM_CURRENT, TERM_ENDED, TERM_CANCELLED = "Current", "Ended", "Cancelled"

# Why a set of votes cannot be recorded (the controller turns each into a message naming the field).
NO_VOTES_CAST = "no_votes_cast"
NEGATIVE_VOTES_FOR = "negative_votes_for"
MORE_FOR_THAN_CAST = "more_for_than_cast"


@dataclass(frozen=True)
class TermSettings:
	term_years: int = 5  # 社区"两委"每届任期五年
	term_alert_days: int = 90


def vote_problem(votes_for: int | None, votes_cast: int | None) -> str | None:
	"""None when the votes can be recorded: at least one vote cast, and no more votes for than cast."""
	if votes_cast is None or votes_cast <= 0:
		return NO_VOTES_CAST
	if votes_for is None or votes_for < 0:
		return NEGATIVE_VOTES_FOR
	if votes_for > votes_cast:
		return MORE_FOR_THAN_CAST
	return None


def election_result(votes_for: int, votes_cast: int) -> str:
	"""Elected with more than half of the votes cast (a tie at half is not elected)."""
	if vote_problem(votes_for, votes_cast):
		raise ValueError(f"Votes cannot be counted: {votes_for} for of {votes_cast} cast")
	return ELECTED if votes_for * 2 > votes_cast else NOT_ELECTED


def add_years(day: datetime.date, years: int) -> datetime.date:
	"""The same day `years` later; 29 February becomes 28 February in a year without it."""
	try:
		return day.replace(year=day.year + years)
	except ValueError:
		return day.replace(year=day.year + years, day=28)


def term_end(start: datetime.date, term_years: int) -> datetime.date:
	"""A term's planned end: `term_years` after its start (the next 换届 is due that day)."""
	if term_years <= 0:
		raise ValueError(f"A term lasts at least a year, not {term_years}")
	return add_years(start, term_years)


def days_left(end: datetime.date, today: datetime.date) -> int:
	"""Days from today to the end (negative: the term is overdue)."""
	return (end - today).days


def alert_due(end: datetime.date, today: datetime.date, lead_days: int, already_alerted: bool) -> bool:
	"""A term is announced once, as soon as its end is `lead_days` days away or less (also when it is entered
	late, already inside the window or overdue)."""
	return not already_alerted and days_left(end, today) <= lead_days


def alert_window_end(today: datetime.date, lead_days: int) -> datetime.date:
	"""The last end date an alert sent today covers (`alert_due` as a date bound for a query)."""
	return today + datetime.timedelta(days=lead_days)


def quarter_of(day: datetime.date) -> tuple[int, int]:
	return day.year, (day.month - 1) // 3 + 1


def quarter_label(day: datetime.date) -> str:
	"""'2026 Q4': sorts in time order as text."""
	year, quarter = quarter_of(day)
	return f"{year} Q{quarter}"
