"""Commendations (表彰, seed 004): what kind an honour is, the year it counts in, which honours make a cadre a
role model (先进典型), the counts the Honours report shows, and what conferring the Top Ten title writes.

Kinds: Role Model (先进典型), Outstanding Party Member (优秀共产党员), Outstanding Party Worker (优秀党务工作者),
Top Ten Secretary (十佳社区党组织书记), Two Representatives One Member Recommendation (两代表一委员推荐: a
recommendation as a party congress deputy, people's congress deputy or CPPCC member) and Other (every other
title: 三八红旗手, 先进工作者, ...). Seed 004 names 十佳, 优秀共产党员 and 优秀党务工作者 side by side as the
district's commendations of its secretaries (开展"十佳社区党组织书记"、优秀共产党员、优秀党务工作者等评选活动).

Role models: seed 004 counts the 先进典型 the district "dug out and set up" (挖掘选树先进典型30余名) - people held
up as examples. A cadre is one when it holds a title conferred as an example: Role Model, Outstanding Party
Member, Outstanding Party Worker or Top Ten Secretary (`ROLE_MODEL_KINDS`). A recommendation as a deputy is an
honour of standing, not an exemplar title, and "Other" is whatever the district has not classified; neither
counts. The seed's figure counts people, so the role-model figure counts cadres, each once however many such
titles it holds.

Recommendations (两代表一委员, seed 004: 推荐…为各级"两代表一委员"; 被选为洛阳市第十一次党代会代表): a
recommendation records what it is for (`REPRESENTATIVE_POSTS`: 党代会代表, 人大代表, 政协委员; read from the
title when not given) and its outcome (`OUTCOMES`: Recommended until the vote, then Elected or Not Elected).
The Honours report counts the recommendations and, of them, those elected.

Year: the year the honour is for (年度), which is what the counts go by. A title for a year is often
awarded early the next one, so the year may be before the award date's year, never after it. Left blank it is
the award date's year, except for a Top Ten title awarded in January to March: the Top Ten of a year are
chosen from its assessments, approved in January, and awarded in February (the Top Ten of 2025 on 26 February
2026), so such a title is for the year before its award (`honour_year`).

Who records what: the Organization Department confers the district's titles and records those of the city,
province and state; a sub-district's reviewers record the Sub District honours of their cadres. So an honour
above Sub District level, without a level, or a Top Ten title at any level is added, changed and removed by the
department alone (`reserved_changes`); a reviewer saving a cadre may touch only its Sub District honours.

No Frappe here: plain data in, plain data out (tests/unit/test_honours_rules.py).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ROLE_MODEL = "Role Model"
OUTSTANDING_PARTY_MEMBER = "Outstanding Party Member"
OUTSTANDING_PARTY_WORKER = "Outstanding Party Worker"
TOP_TEN_SECRETARY = "Top Ten Secretary"
TWO_REPRESENTATIVES = "Two Representatives One Member Recommendation"
OTHER = "Other"
KINDS = (
	ROLE_MODEL,
	OUTSTANDING_PARTY_MEMBER,
	OUTSTANDING_PARTY_WORKER,
	TOP_TEN_SECRETARY,
	TWO_REPRESENTATIVES,
	OTHER,
)
ROLE_MODEL_KINDS = frozenset(
	{ROLE_MODEL, OUTSTANDING_PARTY_MEMBER, OUTSTANDING_PARTY_WORKER, TOP_TEN_SECRETARY}
)

# The Cadre Honour levels, lowest first (the report lists the highest first).
SUB_DISTRICT_LEVEL = "Sub District"
LEVELS = (SUB_DISTRICT_LEVEL, "District", "City", "Province", "National")

# Honours go back further than the register's assessments (community_gov.assessment.common.EARLIEST_YEAR):
# the form takes and the Honours report filters years from this one.
EARLIEST_HONOUR_YEAR = 1950
# A Top Ten title awarded in these months without a year is for the year before (module docstring).
TOP_TEN_AWARD_MONTHS = (1, 2, 3)

# A recommendation as one of the 两代表一委员, and how it came out.
PARTY_CONGRESS, PEOPLES_CONGRESS, CPPCC = REPRESENTATIVE_POSTS = (
	"Party Congress Deputy",
	"People's Congress Deputy",
	"CPPCC Member",
)
RECOMMENDED, ELECTED, NOT_ELECTED = OUTCOMES = ("Recommended", "Elected", "Not Elected")
# Words of a recommendation's title that name what it is for (推荐为X区政协委员, 推荐为山东省人大代表, ...).
REPRESENTATIVE_POST_WORDS = {"党代会代表": PARTY_CONGRESS, "人大代表": PEOPLES_CONGRESS, "政协委员": CPPCC}

TOP_TEN_TITLE = "十佳社区党组织书记"
TOP_TEN_LEVEL = "District"
# Titles whose kind is plain from the title itself: an honour entered without a kind gets it (and the
# honours recorded before kinds existed, by the patch). Anything else is Other until someone classifies it.
TITLE_KINDS = {
	TOP_TEN_TITLE: TOP_TEN_SECRETARY,
	"优秀共产党员": OUTSTANDING_PARTY_MEMBER,
	"优秀党务工作者": OUTSTANDING_PARTY_WORKER,
	"先进典型": ROLE_MODEL,
}


def kind_of(kind: str | None, honour: str | None) -> str:
	"""The honour's kind: as given, else the kind its title names (`TITLE_KINDS`), else Other."""
	if kind:
		return kind
	return TITLE_KINDS.get((honour or "").strip(), OTHER)


def is_role_model_kind(kind: str | None) -> bool:
	return kind in ROLE_MODEL_KINDS


def honour_year(year: int | None, awarded_on: datetime.date | None, kind: str | None = None) -> int | None:
	"""The year the honour counts in: as given, else the award date's year; for a Top Ten title awarded in
	January to March, the year before (it is for the year whose assessments chose it). None when neither is
	known."""
	if year:
		return int(year)
	if not awarded_on:
		return None
	if kind == TOP_TEN_SECRETARY and awarded_on.month in TOP_TEN_AWARD_MONTHS:
		return awarded_on.year - 1
	return awarded_on.year


def year_problem(year: int, awarded_on: datetime.date | None, earliest: int, latest: int) -> str | None:
	"""Why `year` cannot be the honour's year, or None: "range" (outside earliest..latest) or "after_award"
	(a title is for a year gone by or the current one, never for a year after it was awarded)."""
	if not earliest <= year <= latest:
		return "range"
	if awarded_on and year > awarded_on.year:
		return "after_award"
	return None


def representative_post(post: str | None, honour: str | None) -> str | None:
	"""What a recommendation is for: as given, else what its title names (`REPRESENTATIVE_POST_WORDS`)."""
	if post:
		return post
	return next((value for word, value in REPRESENTATIVE_POST_WORDS.items() if word in (honour or "")), None)


def recommendation_problem(kind: str, outcome: str | None, post: str | None) -> str | None:
	"""Why a recommendation's outcome cannot stand, or None: "post" (elected or not, but to what is not
	said). Outcomes and posts belong to recommendations only (the caller clears them on other kinds)."""
	if kind == TWO_REPRESENTATIVES and outcome in (ELECTED, NOT_ELECTED) and not post:
		return "post"
	return None


# ---------------------------------------------------------------- who may record which honours

# What a change to an honour is compared by: its fields as entered (the name identifies the row).
HONOUR_FIELDS = (
	"honour",
	"kind",
	"level",
	"year",
	"awarded_on",
	"awarding_body",
	"reference",
	"outcome",
	"representative_post",
)
ADDED, CHANGED, REMOVED = "add", "change", "remove"


def is_reserved(level: str | None, kind: str | None) -> bool:
	"""Whether only the Organization Department may add, change or remove an honour: any but a Sub District
	honour (a level above it, or none given) and every Top Ten title."""
	return level != SUB_DISTRICT_LEVEL or kind == TOP_TEN_SECRETARY


@dataclass(frozen=True)
class HonourChange:
	action: str  # ADDED, CHANGED, REMOVED
	honour: str
	level: str | None
	kind: str | None


def _value(value) -> str:
	# Values compare as text: dates as ISO strings, the year 0 and blanks as nothing (a form sends strings).
	if value in (None, "", 0):
		return ""
	return value.isoformat() if isinstance(value, datetime.date) else str(value).strip()


def as_saved(values: Mapping) -> dict:
	"""An honour's values as a save now makes them (kind from the title, year from the award date, a
	recommendation's post and result): a row stored before a rule took effect compares as unchanged when only
	the rule would change it."""
	kind = kind_of(values.get("kind"), values.get("honour"))
	awarded_on = values.get("awarded_on") or None
	if isinstance(awarded_on, str):
		awarded_on = datetime.date.fromisoformat(awarded_on[:10])
	recommendation = kind == TWO_REPRESENTATIVES
	return {
		**values,
		"kind": kind,
		"year": honour_year(values.get("year"), awarded_on, kind) or 0,
		"representative_post": representative_post(values.get("representative_post"), values.get("honour"))
		if recommendation
		else None,
		"outcome": (values.get("outcome") or RECOMMENDED) if recommendation else None,
	}


def reserved_changes(before: Iterable[Mapping], after: Iterable[Mapping]) -> list[HonourChange]:
	"""The changes from a cadre's stored honours `before` (as a save would make them now, `as_saved`) to the
	honours being saved `after` (mappings of `HONOUR_FIELDS` and the row's `name`; a row without a stored name
	is new) that only the department may make (`is_reserved`): a reserved honour added or removed, and a row
	changed that is reserved before or after the change (a Sub District honour cannot be turned into a
	district one either). In `after`'s order, then the removed ones in `before`'s."""
	stored = {row["name"]: as_saved(row) for row in before if row.get("name")}
	seen, changes = set(), []
	for row in after:
		old = stored.get(row.get("name"))
		if old is None:
			if is_reserved(row.get("level") or None, row.get("kind")):
				changes.append(_change(ADDED, row))
			continue
		seen.add(old["name"])
		differs = any(_value(row.get(field)) != _value(old.get(field)) for field in HONOUR_FIELDS)
		if differs and (
			is_reserved(old.get("level") or None, old.get("kind"))
			or is_reserved(row.get("level") or None, row.get("kind"))
		):
			changes.append(
				_change(CHANGED, old if is_reserved(old.get("level") or None, old.get("kind")) else row)
			)
	for name, old in stored.items():
		if name not in seen and is_reserved(old.get("level") or None, old.get("kind")):
			changes.append(_change(REMOVED, old))
	return changes


def _change(action: str, row: Mapping) -> HonourChange:
	return HonourChange(action, row.get("honour") or "", row.get("level") or None, row.get("kind") or None)


# ---------------------------------------------------------------- counting (the Honours report)


@dataclass(frozen=True)
class Honour:
	"""One honour as the counts see it."""

	cadre: str
	year: int | None
	level: str | None
	kind: str
	outcome: str | None = None  # of a recommendation (OUTCOMES)

	@property
	def elected(self) -> bool:
		"""A recommendation that came to election (两代表一委员 elected)."""
		return self.kind == TWO_REPRESENTATIVES and self.outcome == ELECTED


@dataclass(frozen=True)
class GroupCount:
	year: int | None
	level: str | None
	kind: str
	honours: int
	cadres: int  # distinct cadres holding these honours
	elected: int = 0  # of recommendations: those elected


@dataclass(frozen=True)
class HonoursSummary:
	honours: int
	cadres: int  # distinct cadres with any honour
	role_models: int  # distinct cadres with a role-model honour (ROLE_MODEL_KINDS)
	by_kind: dict[str, int]  # honours per kind, every kind present (0 when none)
	elected: int = 0  # recommendations (两代表一委员) elected


def _level_order(level: str | None) -> int:
	# Highest level first; a level not given last.
	return -LEVELS.index(level) if level in LEVELS else 1


def _kind_order(kind: str) -> int:
	return KINDS.index(kind) if kind in KINDS else len(KINDS)


def count_by_year_level_kind(honours: Iterable[Honour]) -> list[GroupCount]:
	"""Honours and distinct cadres per (year, level, kind): latest year first (no year last), then highest
	level, then kind in `KINDS` order."""
	counts: Counter = Counter()
	elected: Counter = Counter()
	cadres: dict[tuple, set[str]] = defaultdict(set)
	for honour in honours:
		key = (honour.year, honour.level or None, honour.kind)
		counts[key] += 1
		elected[key] += honour.elected
		cadres[key].add(honour.cadre)
	keys = sorted(
		counts,
		key=lambda key: (key[0] is None, -(key[0] or 0), _level_order(key[1]), _kind_order(key[2])),
	)
	return [
		GroupCount(*key, honours=counts[key], cadres=len(cadres[key]), elected=elected[key]) for key in keys
	]


def summarize(honours: Iterable[Honour]) -> HonoursSummary:
	honours = list(honours)
	by_kind = Counter(honour.kind for honour in honours)
	return HonoursSummary(
		honours=len(honours),
		cadres=len({honour.cadre for honour in honours}),
		role_models=len({honour.cadre for honour in honours if is_role_model_kind(honour.kind)}),
		by_kind={kind: by_kind.get(kind, 0) for kind in KINDS},
		elected=sum(honour.elected for honour in honours),
	)


def counts_by_year(honours: Iterable[Honour]) -> tuple[list[int], dict[str, list[int]]]:
	"""For a chart: the years with honours (ascending, honours without a year left out) and per kind the
	number of honours in each of them."""
	counts = Counter((honour.year, honour.kind) for honour in honours if honour.year is not None)
	years = sorted({year for year, _kind in counts})
	return years, {kind: [counts.get((year, kind), 0) for year in years] for kind in KINDS}


# ---------------------------------------------------------------- conferring the Top Ten title


@dataclass(frozen=True)
class ConferralPlan:
	to_confer: tuple[str, ...]  # cadres that get the title now
	already_conferred: tuple[str, ...]  # cadres that hold it for the year already (left alone)
	not_ranked: tuple[str, ...]  # requested cadres outside the ranking (the request is refused)


def plan_conferral(
	ranked: Iterable[str], requested: Iterable[str] | None, already_conferred: Iterable[str]
) -> ConferralPlan:
	"""Who gets the Top Ten title of a year: the requested cadres (all `ranked` when none are named), each
	once, in the ranking's order; those holding the title for the year already are left alone, so conferring
	twice writes nothing new. Requested cadres outside `ranked` are reported, in the order asked."""
	ranked = list(dict.fromkeys(ranked))
	wanted = set(ranked if requested is None else requested)
	not_ranked = tuple(dict.fromkeys(name for name in (requested or ()) if name not in set(ranked)))
	already = set(already_conferred)
	chosen = [name for name in ranked if name in wanted]
	return ConferralPlan(
		to_confer=tuple(name for name in chosen if name not in already),
		already_conferred=tuple(name for name in chosen if name in already),
		not_ranked=not_ranked,
	)
