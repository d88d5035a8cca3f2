"""Terms and elections (换届 and the fourth selection step 选, seed 004 §三.2: "通过组织换届选举,把有真才实学的
能人'选'出来"): the result of a vote, which body elects which post, a term's length per post and planned end, which
terms an appointment or an election ends, the window of terms ending soon or overdue shared by the alerts, the
workspace card and the Terms Ending report, and the quarter a term ends in. Plain functions: no Frappe needed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Posts (Cadre.position, Cadre Term.post).
SECRETARY = "Secretary"
DEPUTY_SECRETARY = "Deputy Secretary"
COMMITTEE_MEMBER = "Committee Member"  # 两委成员: a member of the party committee or the residents' committee
DIRECTOR = "Director"
FIRST_SECRETARY = "First Secretary"
COMMUNITY_WORKER = "Community Worker"
# The posts one person holds in a community at a time: an approved appointment into one ends the predecessor's
# term, and an election (in a 换届) of someone else into one ends the incumbent's.
SINGLE_HOLDER_POSTS = (SECRETARY, DIRECTOR, FIRST_SECRETARY)
# The posts the 换届 elects (Election Record.post).
ELECTED_POSTS = (SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER, DIRECTOR)

ELECTED, NOT_ELECTED = "Elected", "Not Elected"  # Election Record.result
PARTY_MEMBER_ASSEMBLY = "Party Member Assembly"  # 党员大会
RESIDENTS_REPRESENTATIVES = "Residents' Representatives Meeting"  # 居民代表会议
RESIDENTS_MEETING = "Residents' Meeting"  # 居民会议
ELECTION_BODIES = (PARTY_MEMBER_ASSEMBLY, RESIDENTS_REPRESENTATIVES, RESIDENTS_MEETING)
# Who elects which post: the party members' assembly the community party organization (书记, 副书记, 委员), the
# residents' meeting or their representatives' meeting the residents' committee (主任, 委员). A committee member
# (两委成员) sits on one or the other, so either body elects one.
BODY_POSTS: Mapping[str, tuple[str, ...]] = {
	PARTY_MEMBER_ASSEMBLY: (SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER),
	RESIDENTS_REPRESENTATIVES: (DIRECTOR, COMMITTEE_MEMBER),
	RESIDENTS_MEETING: (DIRECTOR, COMMITTEE_MEMBER),
}

# Reserves that may stand: those past the three selection steps (谈、问、定), in training or qualified.
ELECTABLE_RESERVE_STATUSES = ("In Training", "Qualified")
# Reserves the department may appoint: qualified by training, or elected (选).
APPOINTABLE_RESERVE_STATUSES = ("Qualified", "Elected")
# A cadre in any of these has left: its open terms end.
LEAVING_STATUSES = ("Adjusted", "Retired", "Resigned")
ACTIVE = "Active"

# Cadre Term.status and .how. The values are their own words (not "Current", "Elected", "Appointed"): the desk
# translates a Select value without context in lists and reports, and those words mean something else elsewhere
# (Frappe's "Current" is 当前; a reserve's "Elected" is 已当选).
TERM_CURRENT, TERM_ENDED, TERM_CANCELLED = "In Office", "Ended", "Cancelled"
BY_ELECTION, BY_APPOINTMENT = "By Election", "By Appointment"

# An approved appointment follows an election (选) that put the cadre into the post when the vote was held at
# most this many days before the term starts (a year: a 换届 and the appointments after it), never after it.
PENDING_ELECTION_DAYS = 365

# Why a set of votes cannot be recorded (the controller turns each into a message naming the field).
NO_VOTES_CAST = "no_votes_cast"
NEGATIVE_VOTES_FOR = "negative_votes_for"
MORE_FOR_THAN_CAST = "more_for_than_cast"

# Why a term ends (the lifecycle writes a translated reason for each).
RE_ELECTED = "re_elected"  # the incumbent re-elected: its next term starts the same day
NOT_RE_ELECTED = "not_re_elected"  # 落选: the incumbent stood in the 换届 and was not elected
REPLACED = "replaced"  # someone else elected or appointed into a single-holder post
LEFT_POST = "left_post"  # the cadre appointed to another post or community

# Governance Settings' Term Length by Post, as a new site or a migrated one has it: the other posts serve the
# Term Length (term_years) of the 两委.
DEFAULT_POST_TERM_YEARS: Mapping[str, int] = {
	FIRST_SECRETARY: 2,  # a first secretary is dispatched (选派) for two years
	COMMUNITY_WORKER: 0,  # a community worker (社区专干) is hired, not elected or appointed for a term
}


@dataclass(frozen=True)
class TermSettings:
	term_years: int = 5  # 社区"两委"每届任期五年
	term_alert_days: int = 90
	# post → years, overriding term_years; 0: the post has no term.
	post_term_years: Mapping[str, int] = field(default_factory=dict)


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


def body_elects(body: str, post: str) -> bool:
	"""Whether the body elects the post (BODY_POSTS)."""
	return post in BODY_POSTS.get(body, ())


def bodies_electing(post: str) -> tuple[str, ...]:
	"""The bodies that elect the post, in the order of ELECTION_BODIES."""
	return tuple(body for body in ELECTION_BODIES if body_elects(body, post))


# ---------------------------------------------------------------- term length


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


def term_years_for(post: str, settings: TermSettings) -> int:
	"""The length of a term in the post: its row in Term Length by Post, else the Term Length; 0: no term."""
	return int(settings.post_term_years.get(post, settings.term_years))


def has_term(post: str, settings: TermSettings) -> bool:
	return term_years_for(post, settings) > 0


def planned_term_end(
	start: datetime.date, post: str, settings: TermSettings, fixed_end: datetime.date | None = None
) -> datetime.date | None:
	"""The end an appointment fixes, else the start plus the post's term length; None: the post has no term."""
	if not has_term(post, settings):
		return None
	return fixed_end or term_end(start, term_years_for(post, settings))


# ---------------------------------------------------------------- who holds a post, which terms end


@dataclass(frozen=True)
class RegisterEntry:
	"""A cadre as the register (Cadre) has it."""

	status: str
	community: str | None
	position: str
	also_director: bool = False


@dataclass(frozen=True)
class OpenTerm:
	"""A current term (Cadre Term, status In Office)."""

	name: str
	cadre: str
	post: str
	community: str
	start_date: datetime.date


def holds_post(cadre: RegisterEntry, post: str, community: str) -> bool:
	"""The incumbent by the register: an active cadre of the community in the post (a secretary who is also
	director, 一肩挑, holds the director's post too)."""
	if cadre.status != ACTIVE or cadre.community != community:
		return False
	return cadre.position == post or (
		post == DIRECTOR and cadre.position == SECRETARY and bool(cadre.also_director)
	)


def terms_ended_by_appointment(
	terms: Iterable[OpenTerm], cadre: str, post: str, community: str, post_to_remove: str | None = None
) -> list[tuple[OpenTerm, str]]:
	"""The current terms an approved appointment of `cadre` into `post` of `community` ends on its first day,
	each with why: the cadre's own terms in the post it takes and the post it leaves, and in any other
	community (LEFT_POST); in a single-holder post, the predecessor's term there (REPLACED)."""
	ended = []
	for term in terms:
		if term.cadre == cadre:
			if term.community != community or term.post in {post, post_to_remove}:
				ended.append((term, LEFT_POST))
		elif post in SINGLE_HOLDER_POSTS and (term.post, term.community) == (post, community):
			ended.append((term, REPLACED))
	return ended


def terms_ended_by_election(
	terms: Iterable[OpenTerm], cadre: str, post: str, community: str, result: str, in_general_election: bool
) -> list[tuple[OpenTerm, str]]:
	"""The current terms a submitted election of `cadre` for `post` of `community` ends on the election day,
	each with why:

	- the cadre's own term in the post: re-elected (RE_ELECTED, its next term starts), or, standing in a 换届
	  and not elected, 落选 (NOT_RE_ELECTED);
	- in a 换届, someone else elected into a single-holder post (书记, 主任): the incumbent's term (REPLACED).
	  A deputy or committee member elected does not end another's term: those posts have several holders.
	"""
	ended = []
	for term in terms:
		if (term.post, term.community) != (post, community):
			continue
		if term.cadre == cadre:
			if result == ELECTED:
				ended.append((term, RE_ELECTED))
			elif in_general_election:
				ended.append((term, NOT_RE_ELECTED))
		elif result == ELECTED and in_general_election and post in SINGLE_HOLDER_POSTS:
			ended.append((term, REPLACED))
	return ended


def election_starts_term(result: str, incumbent: bool) -> bool:
	"""Re-electing the incumbent starts its next term on the election day; anyone else elected starts its term
	with the appointment that follows (`pending_election_window`)."""
	return result == ELECTED and incumbent


def ends_on_or_before_start(terms: Iterable[OpenTerm], day: datetime.date) -> OpenTerm | None:
	"""The first of the terms that would end on or before its own start if ended on `day` (a vote dated on or
	before the term it renews began is a typo)."""
	return next((term for term in terms if day <= term.start_date), None)


def pending_election_window(term_start: datetime.date) -> tuple[datetime.date, datetime.date]:
	"""The election days an appointment starting a term on `term_start` follows (PENDING_ELECTION_DAYS)."""
	return term_start - datetime.timedelta(days=PENDING_ELECTION_DAYS), term_start


# ---------------------------------------------------------------- terms ending soon or overdue


def days_left(end: datetime.date, today: datetime.date) -> int:
	"""Days from today to the end (negative: the term is overdue)."""
	return (end - today).days


def is_overdue(end: datetime.date, today: datetime.date) -> bool:
	"""A current term past its end: the 换届 or the appointment that renews it is late."""
	return end < today


@dataclass(frozen=True)
class EndingWindow:
	"""The current terms a view of terms ending lists: those ending from `start` to `end`, and, when
	`overdue_before` is set (today), every one that ended before it and is still current, however long ago."""

	start: datetime.date
	end: datetime.date
	overdue_before: datetime.date | None = None

	def covers(self, term_end_date: datetime.date) -> bool:
		if self.overdue_before and term_end_date < self.overdue_before:
			return True
		return self.start <= term_end_date <= self.end


def ending_soon(today: datetime.date, lead_days: int) -> EndingWindow:
	"""Ending soon or overdue: the terms the alerts announce and the workspace card counts (an end at most
	`lead_days` away, or past)."""
	return EndingWindow(today, alert_window_end(today, lead_days), overdue_before=today)


def first_day_of_quarter(day: datetime.date) -> datetime.date:
	return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def report_window(
	today: datetime.date,
	from_date: datetime.date | None = None,
	to_date: datetime.date | None = None,
	include_overdue: bool = True,
) -> EndingWindow:
	"""The Terms Ending report's window: from the first day of this quarter through four quarters unless the
	filters say otherwise, and every overdue term unless left out."""
	start = from_date or first_day_of_quarter(today)
	end = to_date or add_years(start, 1) - datetime.timedelta(days=1)
	return EndingWindow(start, end, overdue_before=today if include_overdue else None)


def alert_due(end: datetime.date, today: datetime.date, lead_days: int, already_alerted: bool) -> bool:
	"""A term is announced once, as soon as it is ending soon (`ending_soon`: its end `lead_days` days away or
	less, also when it is entered late, already inside the window or overdue)."""
	return not already_alerted and ending_soon(today, lead_days).covers(end)


def alert_window_end(today: datetime.date, lead_days: int) -> datetime.date:
	"""The last end date an alert sent today covers."""
	return today + datetime.timedelta(days=lead_days)


# ---------------------------------------------------------------- quarters


def quarter_of(day: datetime.date) -> tuple[int, int]:
	return day.year, (day.month - 1) // 3 + 1


def quarter_label(day: datetime.date, template: str = "{0} Q{1}") -> str:
	"""'2026 Q4'; the report passes the translated template (zh: 2026年第4季度)."""
	year, quarter = quarter_of(day)
	return template.format(year, quarter)
