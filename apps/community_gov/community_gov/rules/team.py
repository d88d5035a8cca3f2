"""The team as a whole (队伍结构): the figures seed 003 reports of a district's community cadres, as arithmetic
on plain data, shared by the Team Structure report (which feeds it the database's tallies) and the plain
tests (which feed it a fixture).

Whom each figure counts (seed 003: "社区书记、主任'一肩挑'比例94.6%……社区干部队伍平均年龄45岁,85%具有大专以上
学历"; "全区93个社区……483个网格党小组"):
- average age and the share with college (大专) education or above: the community cadre team (社区干部队伍),
  every active cadre of the positions counted; age in completed years (周岁) on a stated date;
- the "一肩挑" ratio: of the secretaries, those who are also the residents' committee director;
- communities and grid party groups (网格党小组): the communities, each with its number of groups;
- the ethnic make-up (民族; seed 000 on a team turning "清一色的少数民族工作人员"): Han and ethnic minorities
  (any recorded 民族 other than 汉族), the minorities' share of the cadres whose 民族 is recorded.

Figures are rounded half up to one decimal, as on paper; a figure of nobody is None (unknown), not 0.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from community_gov.rules.career import completed_years
from community_gov.rules.common import round1, to_bool

SECRETARY = "Secretary"
DAYS_PER_YEAR = Decimal("365.25")
# 民族 as the register writes the majority's (seed 000 worries about the balance between Han and minority staff).
HAN = ("汉族", "汉")


def average(total, count: int) -> float | None:
	return round1(Decimal(total) / count) if count else None


def percent(part: int, whole: int) -> float | None:
	return round1(Decimal(part) * 100 / whole) if whole else None


def average_years(total_days: int, count: int) -> float | None:
	"""The average of `count` spans of `total_days` days together, in years."""
	return average(Decimal(total_days) / DAYS_PER_YEAR, count)


@dataclass(frozen=True)
class TeamFigures:
	communities: int
	grid_party_groups: int
	cadres: int
	average_age: float | None
	college_or_above: int
	college_or_above_percent: float | None
	secretaries: int
	also_director: int
	also_director_percent: float | None


def team_figures(
	communities: Iterable[Mapping],
	cadres: Iterable[Mapping],
	on: date,
	college_levels: Collection[str],
) -> TeamFigures:
	"""Seed 003's figures of a team: `communities` (with `grid_party_groups`) and the active `cadres` (with
	`position`, `date_of_birth` as a date, `education`, `also_director`), ages as on the date `on`;
	`college_levels` are the education levels counted as college (大专) or above."""
	communities = list(communities)
	cadres = list(cadres)
	ages = [age for age in (completed_years(c.get("date_of_birth"), on) for c in cadres) if age is not None]
	college = sum(1 for c in cadres if c.get("education") in college_levels)
	secretaries = [c for c in cadres if c.get("position") == SECRETARY]
	also_director = sum(1 for c in secretaries if to_bool(c.get("also_director") or 0))
	return TeamFigures(
		communities=len(communities),
		grid_party_groups=sum(int(c.get("grid_party_groups") or 0) for c in communities),
		cadres=len(cadres),
		average_age=average(sum(ages), len(ages)),
		college_or_above=college,
		college_or_above_percent=percent(college, len(cadres)),
		secretaries=len(secretaries),
		also_director=also_director,
		also_director_percent=percent(also_director, len(secretaries)),
	)


@dataclass(frozen=True)
class EthnicMakeUp:
	han: int
	minorities: int
	not_recorded: int
	minority_percent: float | None  # of the cadres whose 民族 is recorded


def is_han(ethnicity: str | None) -> bool:
	return (ethnicity or "").strip() in HAN


def ethnic_make_up(ethnicities: Iterable[str | None]) -> EthnicMakeUp:
	"""Han, minorities (another 民族 recorded) and not recorded among the cadres' `ethnicities`."""
	values = [(value or "").strip() for value in ethnicities]
	recorded = [value for value in values if value]
	han = sum(1 for value in recorded if value in HAN)
	return minority_figures(han, len(recorded) - han, len(values) - len(recorded))


def minority_figures(han: int, minorities: int, not_recorded: int) -> EthnicMakeUp:
	return EthnicMakeUp(han, minorities, not_recorded, percent(minorities, han + minorities))
