"""Plain pytest for community_gov.rules.terms (terms and elections, issue 14); no Frappe needed."""

import json
from datetime import date
from pathlib import Path

import pytest

from community_gov.rules.terms import (
	APPOINTABLE_RESERVE_STATUSES,
	ELECTABLE_RESERVE_STATUSES,
	ELECTED,
	ELECTION_BODIES,
	LEAVING_STATUSES,
	MORE_FOR_THAN_CAST,
	NEGATIVE_VOTES_FOR,
	NO_VOTES_CAST,
	NOT_ELECTED,
	TERM_CANCELLED,
	TERM_CURRENT,
	TERM_ENDED,
	TermSettings,
	add_years,
	alert_due,
	alert_window_end,
	days_left,
	election_result,
	quarter_label,
	quarter_of,
	term_end,
	vote_problem,
)


def test_default_settings_are_five_years_and_ninety_days():
	assert (TermSettings().term_years, TermSettings().term_alert_days) == (5, 90)


@pytest.mark.parametrize(
	("votes_for", "votes_cast", "result"),
	[
		(41, 41, ELECTED),
		(21, 41, ELECTED),  # 21 of 41: more than half
		(20, 41, NOT_ELECTED),
		(21, 40, ELECTED),
		(20, 40, NOT_ELECTED),  # exactly half is not more than half
		(0, 12, NOT_ELECTED),
		(1, 1, ELECTED),
	],
)
def test_elected_with_more_than_half_of_the_votes_cast(votes_for, votes_cast, result):
	assert election_result(votes_for, votes_cast) == result


@pytest.mark.parametrize(
	("votes_for", "votes_cast", "problem"),
	[
		(0, 0, NO_VOTES_CAST),
		(3, -1, NO_VOTES_CAST),
		(None, None, NO_VOTES_CAST),
		(-1, 10, NEGATIVE_VOTES_FOR),
		(11, 10, MORE_FOR_THAN_CAST),
		(10, 10, None),
		(0, 10, None),
	],
)
def test_vote_problems(votes_for, votes_cast, problem):
	assert vote_problem(votes_for, votes_cast) == problem


def test_a_result_of_votes_that_cannot_be_counted_is_refused():
	with pytest.raises(ValueError):
		election_result(11, 10)


def test_term_ends_five_years_after_it_starts():
	assert term_end(date(2021, 12, 6), 5) == date(2026, 12, 6)
	assert term_end(date(2021, 12, 6), 3) == date(2024, 12, 6)


def test_a_term_from_29_february_ends_on_28_february():
	assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)
	assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_a_term_lasts_at_least_a_year():
	with pytest.raises(ValueError):
		term_end(date(2026, 1, 1), 0)


def test_days_left_counts_to_the_end():
	assert days_left(date(2027, 2, 21), date(2026, 11, 23)) == 90
	assert days_left(date(2026, 11, 20), date(2026, 11, 23)) == -3


def test_alert_at_ninety_days_not_at_ninety_one_and_only_once():
	today = date(2026, 11, 23)
	assert alert_due(date(2027, 2, 21), today, 90, already_alerted=False)  # 90 days left
	assert not alert_due(date(2027, 2, 22), today, 90, already_alerted=False)  # 91 days left
	assert not alert_due(date(2027, 2, 21), today, 90, already_alerted=True)
	assert alert_due(date(2026, 11, 1), today, 90, already_alerted=False)  # overdue, entered late
	assert alert_window_end(today, 90) == date(2027, 2, 21)


@pytest.mark.parametrize(
	("day", "quarter", "label"),
	[
		(date(2026, 1, 1), (2026, 1), "2026 Q1"),
		(date(2026, 3, 31), (2026, 1), "2026 Q1"),
		(date(2026, 4, 1), (2026, 2), "2026 Q2"),
		(date(2026, 12, 31), (2026, 4), "2026 Q4"),
	],
)
def test_quarters(day, quarter, label):
	assert quarter_of(day) == quarter
	assert quarter_label(day) == label


# --- the names agree with the DocTypes ---------------------------------------------------------------

DOCTYPES = (
	Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov/community_governance/doctype"
)


def options(doctype: str, fieldname: str) -> list[str]:
	folder = doctype.lower().replace(" ", "_")
	meta = json.loads((DOCTYPES / folder / f"{folder}.json").read_text())
	field = next(field for field in meta["fields"] if field["fieldname"] == fieldname)
	return [option for option in field["options"].split("\n") if option]


def test_the_rule_names_are_the_doctype_options():
	assert options("Election Record", "body") == list(ELECTION_BODIES)
	assert options("Election Record", "result") == [ELECTED, NOT_ELECTED]
	assert options("Cadre Term", "status") == [TERM_CURRENT, TERM_ENDED, TERM_CANCELLED]
	assert options("Cadre Term", "how") == [ELECTED, "Appointed"]
	assert set(LEAVING_STATUSES) == set(options("Cadre", "status")) - {"Active"}
	reserve = options("Reserve Candidate", "status")
	# 选 comes after the training: Elected right after Qualified; both appointable.
	assert reserve.index("Elected") == reserve.index("Qualified") + 1
	assert set(ELECTABLE_RESERVE_STATUSES) | set(APPOINTABLE_RESERVE_STATUSES) <= set(reserve)
