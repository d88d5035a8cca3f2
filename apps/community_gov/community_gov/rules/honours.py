"""Commendations (表彰, seed 004): what kind an honour is, the year it counts in, which honours make a cadre a
role model (先进典型), the counts the Honours report shows, and what conferring the Top Ten title writes.

Kinds: Role Model (先进典型), Outstanding Party Member (优秀共产党员), Top Ten Secretary (十佳社区党组织书记),
Two Representatives One Member Recommendation (两代表一委员推荐: a recommendation as a party congress deputy,
people's congress deputy or CPPCC member) and Other (every other title: 优秀党务工作者, 三八红旗手, ...).

Role models: seed 004 counts the 先进典型 the district "dug out and set up" (挖掘选树先进典型30余名) - people held
up as examples. A cadre is one when it holds a title conferred as an example: Role Model, Outstanding Party
Member or Top Ten Secretary (`ROLE_MODEL_KINDS`). A recommendation as a deputy is an honour of standing, not
an exemplar title, and "Other" is whatever the district has not classified; neither counts. The seed's figure
counts people, so the role-model figure counts cadres, each once however many such titles it holds.

Year: the year the honour is for (年度), which is what the counts go by. A title for a year is often
awarded early the next one (the Top Ten of 2025 in February 2026), so the year may be before the award date's
year, never after it; left blank it is the award date's year.

No Frappe here: plain data in, plain data out (tests/unit/test_honours_rules.py).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

ROLE_MODEL = "Role Model"
OUTSTANDING_PARTY_MEMBER = "Outstanding Party Member"
TOP_TEN_SECRETARY = "Top Ten Secretary"
TWO_REPRESENTATIVES = "Two Representatives One Member Recommendation"
OTHER = "Other"
KINDS = (ROLE_MODEL, OUTSTANDING_PARTY_MEMBER, TOP_TEN_SECRETARY, TWO_REPRESENTATIVES, OTHER)
ROLE_MODEL_KINDS = frozenset({ROLE_MODEL, OUTSTANDING_PARTY_MEMBER, TOP_TEN_SECRETARY})

# The Cadre Honour levels, lowest first (the report lists the highest first).
LEVELS = ("Sub District", "District", "City", "Province", "National")

TOP_TEN_TITLE = "十佳社区党组织书记"
TOP_TEN_LEVEL = "District"
# Titles whose kind is plain from the title itself: an honour entered without a kind gets it (and the
# honours recorded before kinds existed, by the patch). Anything else is Other until someone classifies it.
TITLE_KINDS = {
	TOP_TEN_TITLE: TOP_TEN_SECRETARY,
	"优秀共产党员": OUTSTANDING_PARTY_MEMBER,
	"先进典型": ROLE_MODEL,
}


def kind_of(kind: str | None, honour: str | None) -> str:
	"""The honour's kind: as given, else the kind its title names (`TITLE_KINDS`), else Other."""
	if kind:
		return kind
	return TITLE_KINDS.get((honour or "").strip(), OTHER)


def is_role_model_kind(kind: str | None) -> bool:
	return kind in ROLE_MODEL_KINDS


def honour_year(year: int | None, awarded_on: datetime.date | None) -> int | None:
	"""The year the honour counts in: as given, else the award date's year (None when neither is known)."""
	if year:
		return int(year)
	return awarded_on.year if awarded_on else None


def year_problem(year: int, awarded_on: datetime.date | None, earliest: int, latest: int) -> str | None:
	"""Why `year` cannot be the honour's year, or None: "range" (outside earliest..latest) or "after_award"
	(a title is for a year gone by or the current one, never for a year after it was awarded)."""
	if not earliest <= year <= latest:
		return "range"
	if awarded_on and year > awarded_on.year:
		return "after_award"
	return None


# ---------------------------------------------------------------- counting (the Honours report)


@dataclass(frozen=True)
class Honour:
	"""One honour as the counts see it."""

	cadre: str
	year: int | None
	level: str | None
	kind: str


@dataclass(frozen=True)
class GroupCount:
	year: int | None
	level: str | None
	kind: str
	honours: int
	cadres: int  # distinct cadres holding these honours


@dataclass(frozen=True)
class HonoursSummary:
	honours: int
	cadres: int  # distinct cadres with any honour
	role_models: int  # distinct cadres with a role-model honour (ROLE_MODEL_KINDS)
	by_kind: dict[str, int]  # honours per kind, every kind present (0 when none)


def _level_order(level: str | None) -> int:
	# Highest level first; a level not given last.
	return -LEVELS.index(level) if level in LEVELS else 1


def _kind_order(kind: str) -> int:
	return KINDS.index(kind) if kind in KINDS else len(KINDS)


def count_by_year_level_kind(honours: Iterable[Honour]) -> list[GroupCount]:
	"""Honours and distinct cadres per (year, level, kind): latest year first (no year last), then highest
	level, then kind in `KINDS` order."""
	counts: Counter = Counter()
	cadres: dict[tuple, set[str]] = defaultdict(set)
	for honour in honours:
		key = (honour.year, honour.level or None, honour.kind)
		counts[key] += 1
		cadres[key].add(honour.cadre)
	keys = sorted(
		counts,
		key=lambda key: (key[0] is None, -(key[0] or 0), _level_order(key[1]), _kind_order(key[2])),
	)
	return [GroupCount(*key, honours=counts[key], cadres=len(cadres[key])) for key in keys]


def summarize(honours: Iterable[Honour]) -> HonoursSummary:
	honours = list(honours)
	by_kind = Counter(honour.kind for honour in honours)
	return HonoursSummary(
		honours=len(honours),
		cadres=len({honour.cadre for honour in honours}),
		role_models=len({honour.cadre for honour in honours if is_role_model_kind(honour.kind)}),
		by_kind={kind: by_kind.get(kind, 0) for kind in KINDS},
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
