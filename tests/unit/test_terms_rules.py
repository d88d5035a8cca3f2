"""Plain pytest for community_gov.rules.terms (terms and elections, issue 14); no Frappe needed. Every
answer is worked by hand in the comments."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from community_gov.rules.terms import (
	APPOINTABLE_RESERVE_STATUSES,
	BODY_POSTS,
	BY_APPOINTMENT,
	BY_ELECTION,
	COMMITTEE_MEMBER,
	COMMUNITY_WORKER,
	DEFAULT_POST_TERM_YEARS,
	DEPUTY_SECRETARY,
	DIRECTOR,
	ELECTABLE_RESERVE_STATUSES,
	ELECTED,
	ELECTED_POSTS,
	ELECTION_BODIES,
	FIRST_SECRETARY,
	LEAVING_STATUSES,
	LEFT_POST,
	MORE_FOR_THAN_CAST,
	NEGATIVE_VOTES_FOR,
	NO_VOTES_CAST,
	NOT_ELECTED,
	NOT_RE_ELECTED,
	PARTY_MEMBER_ASSEMBLY,
	RE_ELECTED,
	REPLACED,
	RESIDENTS_MEETING,
	RESIDENTS_REPRESENTATIVES,
	SECRETARY,
	SINGLE_HOLDER_POSTS,
	TERM_CANCELLED,
	TERM_CURRENT,
	TERM_ENDED,
	EndingWindow,
	OpenTerm,
	RegisterEntry,
	TermSettings,
	add_years,
	alert_due,
	alert_window_end,
	bodies_electing,
	body_elects,
	days_left,
	election_result,
	election_starts_term,
	ending_soon,
	ends_on_or_before_start,
	holds_post,
	is_overdue,
	pending_election_window,
	planned_term_end,
	quarter_label,
	quarter_of,
	report_window,
	term_end,
	term_years_for,
	terms_ended_by_appointment,
	terms_ended_by_election,
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


def test_the_quarter_label_takes_the_translated_template():
	assert quarter_label(date(2026, 11, 23), "{0}年第{1}季度") == "2026年第4季度"


# --- the electing body -------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("body", "post", "elects"),
	[
		(PARTY_MEMBER_ASSEMBLY, SECRETARY, True),  # 党员大会 elects the party organization
		(PARTY_MEMBER_ASSEMBLY, DEPUTY_SECRETARY, True),
		(PARTY_MEMBER_ASSEMBLY, COMMITTEE_MEMBER, True),
		(PARTY_MEMBER_ASSEMBLY, DIRECTOR, False),  # 居委会主任 is not elected by the party members
		(RESIDENTS_REPRESENTATIVES, DIRECTOR, True),  # 居民代表会议 elects the residents' committee
		(RESIDENTS_REPRESENTATIVES, COMMITTEE_MEMBER, True),
		(RESIDENTS_REPRESENTATIVES, SECRETARY, False),  # 书记 is not elected by the residents
		(RESIDENTS_REPRESENTATIVES, DEPUTY_SECRETARY, False),
		(RESIDENTS_MEETING, DIRECTOR, True),  # 居民会议 likewise
		(RESIDENTS_MEETING, SECRETARY, False),
		("Unknown Body", SECRETARY, False),
	],
)
def test_which_body_elects_which_post(body, post, elects):
	assert body_elects(body, post) is elects


def test_the_bodies_electing_a_post():
	assert bodies_electing(SECRETARY) == (PARTY_MEMBER_ASSEMBLY,)
	assert bodies_electing(DIRECTOR) == (RESIDENTS_REPRESENTATIVES, RESIDENTS_MEETING)
	assert bodies_electing(COMMITTEE_MEMBER) == ELECTION_BODIES
	assert bodies_electing(FIRST_SECRETARY) == ()  # dispatched, never elected
	# Every post the 换届 elects has a body.
	assert all(bodies_electing(post) for post in ELECTED_POSTS)


# --- a term's length per post ------------------------------------------------------------------------

SETTINGS = TermSettings(term_years=5, post_term_years=DEFAULT_POST_TERM_YEARS)


def test_term_length_per_post():
	# The 两委 serve the Term Length (5); a first secretary 2; a community worker none.
	assert [term_years_for(post, SETTINGS) for post in ELECTED_POSTS] == [5, 5, 5, 5]
	assert term_years_for(FIRST_SECRETARY, SETTINGS) == 2
	assert term_years_for(COMMUNITY_WORKER, SETTINGS) == 0
	# A row of the table wins over the Term Length; without rows every post serves it.
	assert term_years_for(SECRETARY, TermSettings(term_years=5, post_term_years={SECRETARY: 3})) == 3
	assert term_years_for(COMMUNITY_WORKER, TermSettings(term_years=4)) == 4


def test_planned_end_per_post():
	start = date(2026, 2, 1)
	assert planned_term_end(start, SECRETARY, SETTINGS) == date(2031, 2, 1)  # + 5 years
	assert planned_term_end(start, FIRST_SECRETARY, SETTINGS) == date(2028, 2, 1)  # + 2 years
	assert planned_term_end(start, COMMUNITY_WORKER, SETTINGS) is None  # no term
	# A fixed end (the appointment's Term End) wins, except for a post without a term.
	assert planned_term_end(start, FIRST_SECRETARY, SETTINGS, date(2027, 8, 1)) == date(2027, 8, 1)
	assert planned_term_end(start, COMMUNITY_WORKER, SETTINGS, date(2027, 8, 1)) is None
	# 29 February + 2 years: 28 February.
	assert planned_term_end(date(2024, 2, 29), FIRST_SECRETARY, SETTINGS) == date(2026, 2, 28)


# --- who holds a post, which terms end -----------------------------------------------------------------


def test_the_incumbent_by_the_register():
	secretary = RegisterEntry("Active", "东风社区", SECRETARY, also_director=True)
	assert holds_post(secretary, SECRETARY, "东风社区")
	assert holds_post(secretary, DIRECTOR, "东风社区")  # 一肩挑: the director's post too
	assert not holds_post(secretary, SECRETARY, "西湖社区")  # another community
	assert not holds_post(RegisterEntry("Active", "东风社区", SECRETARY), DIRECTOR, "东风社区")
	assert not holds_post(RegisterEntry("Retired", "东风社区", SECRETARY), SECRETARY, "东风社区")
	assert not holds_post(RegisterEntry("Active", "东风社区", DEPUTY_SECRETARY), SECRETARY, "东风社区")


OLD_SECRETARY = OpenTerm("TERM-1", "CAD-1", SECRETARY, "东风社区", date(2021, 11, 8))
OLD_DIRECTOR = OpenTerm("TERM-2", "CAD-1", DIRECTOR, "东风社区", date(2021, 11, 8))  # 一肩挑
DEPUTY = OpenTerm("TERM-3", "CAD-2", DEPUTY_SECRETARY, "东风社区", date(2021, 11, 8))
OTHER_DEPUTY = OpenTerm("TERM-4", "CAD-3", DEPUTY_SECRETARY, "东风社区", date(2023, 4, 1))
ELSEWHERE = OpenTerm("TERM-5", "CAD-2", COMMITTEE_MEMBER, "西湖社区", date(2022, 1, 3))
TERMS = (OLD_SECRETARY, OLD_DIRECTOR, DEPUTY, OTHER_DEPUTY, ELSEWHERE)


def ended(pairs):
	return [(term.name, why) for term, why in pairs]


def test_an_appointment_ends_the_posts_it_leaves_and_the_predecessors_in_a_single_holder_post():
	# The deputy CAD-2 appointed secretary of 东风社区 (removing the deputy post): its deputy term and its term
	# in 西湖社区 end (left); CAD-1's secretary term ends (replaced); CAD-1's director term and the other
	# deputy's term stay.
	assert ended(terms_ended_by_appointment(TERMS, "CAD-2", SECRETARY, "东风社区", DEPUTY_SECRETARY)) == [
		("TERM-1", REPLACED),
		("TERM-3", LEFT_POST),
		("TERM-5", LEFT_POST),
	]
	# A new director: CAD-1 (一肩挑) loses the director's term, keeps the secretary's.
	assert ended(terms_ended_by_appointment(TERMS, "CAD-9", DIRECTOR, "东风社区", COMMUNITY_WORKER)) == [
		("TERM-2", REPLACED)
	]
	# A new deputy (several deputies serve): nobody else's term ends.
	assert ended(terms_ended_by_appointment(TERMS, "CAD-9", DEPUTY_SECRETARY, "东风社区")) == []
	# A first secretary elsewhere: only its own post matters (none here).
	assert ended(terms_ended_by_appointment(TERMS, "CAD-9", FIRST_SECRETARY, "西湖社区")) == []


def test_an_election_ends_the_incumbents_term_when_it_re_elects_replaces_or_defeats():
	in_ge, by_election = True, False
	# Re-elected (in a 换届 or not): its own term ends, the next starts.
	assert ended(terms_ended_by_election(TERMS, "CAD-1", SECRETARY, "东风社区", ELECTED, in_ge)) == [
		("TERM-1", RE_ELECTED)
	]
	assert ended(terms_ended_by_election(TERMS, "CAD-1", SECRETARY, "东风社区", ELECTED, by_election)) == [
		("TERM-1", RE_ELECTED)
	]
	# 落选: the incumbent deputy stood in the 换届 and was not elected.
	assert ended(
		terms_ended_by_election(TERMS, "CAD-2", DEPUTY_SECRETARY, "东风社区", NOT_ELECTED, in_ge)
	) == [("TERM-3", NOT_RE_ELECTED)]
	# Not in a 换届 (a by-election that failed): its term stays.
	assert (
		terms_ended_by_election(TERMS, "CAD-2", DEPUTY_SECRETARY, "东风社区", NOT_ELECTED, by_election) == []
	)
	# Someone else elected secretary in the 换届: the incumbent's secretary term ends (not its director's).
	assert ended(terms_ended_by_election(TERMS, "CAD-7", SECRETARY, "东风社区", ELECTED, in_ge)) == [
		("TERM-1", REPLACED)
	]
	# ... elected director: the 一肩挑 secretary's director term ends.
	assert ended(terms_ended_by_election(TERMS, "CAD-7", DIRECTOR, "东风社区", ELECTED, in_ge)) == [
		("TERM-2", REPLACED)
	]
	# ... not elected, or outside a 换届, or into a post with several holders: nothing ends.
	assert terms_ended_by_election(TERMS, "CAD-7", SECRETARY, "东风社区", NOT_ELECTED, in_ge) == []
	assert terms_ended_by_election(TERMS, "CAD-7", SECRETARY, "东风社区", ELECTED, by_election) == []
	assert terms_ended_by_election(TERMS, "CAD-7", DEPUTY_SECRETARY, "东风社区", ELECTED, in_ge) == []


def test_only_the_re_elected_incumbent_starts_a_term_on_the_election_day():
	assert election_starts_term(ELECTED, incumbent=True)
	assert not election_starts_term(ELECTED, incumbent=False)  # its term starts with the appointment
	assert not election_starts_term(NOT_ELECTED, incumbent=True)


def test_a_record_dated_on_or_before_the_start_of_a_term_it_ends_is_found():
	# TERM-1 began 2021-11-08: ending it that day or before would end it before it began.
	assert ends_on_or_before_start([OLD_SECRETARY], date(2021, 11, 8)) == OLD_SECRETARY
	assert ends_on_or_before_start([OLD_SECRETARY], date(2021, 1, 1)) == OLD_SECRETARY
	assert ends_on_or_before_start([OLD_SECRETARY], date(2021, 11, 9)) is None
	assert ends_on_or_before_start([], date(2021, 11, 8)) is None


def test_an_appointment_follows_an_election_of_the_year_before_its_term_starts():
	# 365 days before 2027-02-01 is 2026-02-01.
	assert pending_election_window(date(2027, 2, 1)) == (date(2026, 2, 1), date(2027, 2, 1))
	# Across 29 February 2028: 365 days before 2028-03-01 is 2027-03-02.
	assert pending_election_window(date(2028, 3, 1))[0] == date(2027, 3, 2)


# --- terms ending soon or overdue: one window for the alerts, the card and the report -------------------


def test_ending_soon_is_ninety_days_ahead_and_every_overdue_term():
	today = date(2026, 11, 23)
	soon = ending_soon(today, 90)
	assert soon == EndingWindow(today, date(2027, 2, 21), overdue_before=today)
	assert soon.covers(date(2027, 2, 21))  # 90 days left
	assert not soon.covers(date(2027, 2, 22))  # 91
	assert soon.covers(today)  # ends today: not overdue, but due
	assert soon.covers(date(2026, 5, 1))  # overdue since an earlier quarter (换届 not held)
	assert soon.covers(date(2019, 1, 1))  # however long ago
	assert is_overdue(date(2026, 11, 22), today) and not is_overdue(today, today)


def test_the_report_window_is_four_quarters_and_the_overdue_terms():
	today = date(2026, 11, 23)
	window = report_window(today)
	# This quarter (from 2026-10-01) and the three after it (to 2027-09-30), plus every overdue term.
	assert (window.start, window.end, window.overdue_before) == (date(2026, 10, 1), date(2027, 9, 30), today)
	assert window.covers(date(2026, 5, 1))  # overdue since Q2: on the report as on the card
	assert window.covers(date(2027, 9, 30)) and not window.covers(date(2027, 10, 1))
	# Overdue terms left out: only the window.
	narrow = report_window(today, date(2027, 1, 1), date(2027, 3, 31), include_overdue=False)
	assert not narrow.covers(date(2026, 5, 1)) and narrow.covers(date(2027, 3, 31))
	# Without a To Date: a year from the From Date.
	assert report_window(today, date(2027, 1, 1)).end == date(2027, 12, 31)


def test_every_term_the_card_counts_is_on_the_report_it_opens():
	"""The card opens the report on its own window (from today to 90 days ahead, with the overdue terms):
	both cover exactly the same ends."""
	today = date(2026, 11, 23)
	card = ending_soon(today, 90)
	opened = report_window(today, card.start, card.end, include_overdue=bool(card.overdue_before))
	ends = [today + timedelta(days=offset) for offset in range(-800, 400)]
	assert [end for end in ends if card.covers(end)] == [end for end in ends if opened.covers(end)]
	# Every term on the card is on the report's default view too (it runs from this quarter on).
	assert all(report_window(today).covers(end) for end in ends if card.covers(end))


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
	assert options("Cadre Term", "how") == [BY_ELECTION, BY_APPOINTMENT]
	assert options("Election Record", "post") == list(ELECTED_POSTS)
	posts = options("Cadre Term", "post")
	assert posts == options("Cadre", "position") == options("Post Term Length", "post")
	assert set(SINGLE_HOLDER_POSTS) | set(ELECTED_POSTS) | set(DEFAULT_POST_TERM_YEARS) <= set(posts)
	assert {post for posts_of_body in BODY_POSTS.values() for post in posts_of_body} == set(ELECTED_POSTS)
	assert set(LEAVING_STATUSES) == set(options("Cadre", "status")) - {"Active"}
	reserve = options("Reserve Candidate", "status")
	# 选 comes after the training: Elected right after Qualified; both appointable.
	assert reserve.index("Elected") == reserve.index("Qualified") + 1
	assert set(ELECTABLE_RESERVE_STATUSES) | set(APPOINTABLE_RESERVE_STATUSES) <= set(reserve)
