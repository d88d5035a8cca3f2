"""Staffing and filing watch (配备和备案): the gaps an organization department closes, as rules on plain data,
shared by the Staffing Watch report and its number card (which feed them the database's rows) and the plain
tests. Each gap has the day it opened, so the watch shows how long it has been open.

- Vacant Secretary Post: a community with no active Secretary (seed 004: "为每个社区配备了专职书记"). Open since
  the last secretary left it, else since the community was registered.
- Two Secretaries in Post: a community with more than one active Secretary in the register (a successor
  appointed, the predecessor's record not yet moved on: the appointment ends the predecessor's term, the
  register's position is the department's to change). One gap per community, naming the secretary longest in
  post; open since the day the second came into post.
- Key Community Without First Secretary: a key community (`is_key_community`) with no active First Secretary
  (seed 002: 第一书记 for key communities). Open since the later of the day it became key (else its
  registration) and the day its last first secretary left.
- Secretary Not Filed with County: an active secretary without a county filing number (seed 001: 县级备案).
  Open since the appointment to the post (else the start of community service, else the record's creation).
- Secretary Not Full-time: an active secretary not marked full-time (seed 004: 专职书记); open as above.
- Reserve Below College: an in-pool reserve candidate whose education is below College (seed 004: reserves
  are trained "从……大专以上学历……的人员中"). Open since the nomination. An unknown education is not a gap.

A cadre leaves a post of a community when it stops being active there (Adjusted, Retired, Resigned) or when an
approved appointment moves it to another post or community (`Departure`). The day it left (`left_post_on`): the
day its term in the post ended (Cadre Term.ended_on: an adjusted cadre's on the decision's date); without a
term, the adjustment decision's date for an adjusted cadre, else the planned end of its appointment's term
where it had passed when the record last changed, else the day the record was last changed (never earlier
than the leaving).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SECRETARY = "Secretary"
FIRST_SECRETARY = "First Secretary"
ACTIVE = "Active"

VACANT_SECRETARY = "Vacant Secretary Post"
TWO_SECRETARIES = "Two Secretaries in Post"
NO_FIRST_SECRETARY = "Key Community Without First Secretary"
UNFILED_SECRETARY = "Secretary Not Filed with County"
PART_TIME_SECRETARY = "Secretary Not Full-time"
RESERVE_BELOW_COLLEGE = "Reserve Below College"
# In the order the watch lists them.
GAP_KINDS = (
	VACANT_SECRETARY,
	TWO_SECRETARIES,
	NO_FIRST_SECRETARY,
	UNFILED_SECRETARY,
	PART_TIME_SECRETARY,
	RESERVE_BELOW_COLLEGE,
)

# Reserve Candidate.education below College (大专), the reserves' standard of seed 004.
BELOW_COLLEGE = ("Technical Secondary", "High School", "Junior High or Below")


@dataclass(frozen=True)
class Community:
	name: str
	sub_district: str
	registered_on: date
	is_key: bool = False
	key_since: date | None = None


@dataclass(frozen=True)
class Cadre:
	name: str
	full_name: str
	community: str | None
	sub_district: str | None
	position: str
	status: str = ACTIVE
	full_time: bool = True
	county_filing_number: str | None = None
	appointment_date: date | None = None
	service_start_date: date | None = None
	registered_on: date | None = None
	# When the record last changed: for a cadre no longer active, no earlier than the day it left.
	last_changed_on: date | None = None

	@property
	def in_post_since(self) -> date | None:
		return self.appointment_date or self.service_start_date or self.registered_on


@dataclass(frozen=True)
class Reserve:
	name: str
	full_name: str
	community: str | None
	sub_district: str | None
	status: str
	education: str | None
	nomination_date: date | None


@dataclass(frozen=True)
class Departure:
	"""A cadre left `position` of `community` on `left_on`."""

	community: str
	position: str
	left_on: date


@dataclass(frozen=True)
class Gap:
	kind: str
	sub_district: str | None
	community: str | None
	open_since: date | None
	person_doctype: str | None = None
	person: str | None = None
	person_name: str | None = None

	def days_open(self, on: date) -> int | None:
		"""Whole days from the day the gap opened to `on` (0 on the day itself; never negative)."""
		if self.open_since is None:
			return None
		return max((on - self.open_since).days, 0)


def left_post_on(
	last_changed_on: date,
	term_ended_on: date | None = None,
	adjusted_on: date | None = None,
	planned_end: date | None = None,
) -> date:
	"""The day a cadre no longer active left its post (see the module's docstring): its term's end, else the
	adjustment decision, else its appointment's planned end if passed by the last change, else that change."""
	if term_ended_on:
		return term_ended_on
	if adjusted_on:
		return adjusted_on
	if planned_end and planned_end <= last_changed_on:
		return planned_end
	return last_changed_on


def last_departures(departures: Iterable[Departure]) -> dict[tuple[str, str], date]:
	"""(community, position) → the latest day someone left that post."""
	latest: dict[tuple[str, str], date] = {}
	for departure in departures:
		key = (departure.community, departure.position)
		if key not in latest or departure.left_on > latest[key]:
			latest[key] = departure.left_on
	return latest


def staffing_gaps(
	communities: Iterable[Community],
	cadres: Iterable[Cadre],
	departures: Iterable[Departure],
	reserves: Iterable[Reserve],
	in_pool_statuses: Iterable[str],
) -> list[Gap]:
	"""Every gap, in the order of GAP_KINDS, then sub-district, community and person.

	`cadres` are the cadres of the watched positions in any status (only active ones fill a post)."""
	communities = list(communities)
	active = [cadre for cadre in cadres if cadre.status == ACTIVE]
	filled = {(cadre.community, cadre.position) for cadre in active}
	left = last_departures(departures)
	gaps: list[Gap] = []

	for community in communities:
		if (community.name, SECRETARY) not in filled:
			gaps.append(
				Gap(
					VACANT_SECRETARY,
					community.sub_district,
					community.name,
					left.get((community.name, SECRETARY)) or community.registered_on,
				)
			)
		if community.is_key and (community.name, FIRST_SECRETARY) not in filled:
			since = [community.key_since or community.registered_on]
			if (community.name, FIRST_SECRETARY) in left:
				since.append(left[(community.name, FIRST_SECRETARY)])
			gaps.append(Gap(NO_FIRST_SECRETARY, community.sub_district, community.name, max(since)))

	secretaries: dict[str, list[Cadre]] = {}
	for cadre in active:
		if cadre.position == SECRETARY and cadre.community:
			secretaries.setdefault(cadre.community, []).append(cadre)
	for in_post in secretaries.values():
		if len(in_post) < 2:
			continue
		by_start = sorted(in_post, key=lambda cadre: (cadre.in_post_since or date.max, cadre.name))
		first = by_start[0]
		gaps.append(
			Gap(
				TWO_SECRETARIES,
				first.sub_district,
				first.community,
				by_start[1].in_post_since,
				person_doctype="Cadre",
				person=first.name,
				person_name=first.full_name,
			)
		)

	for cadre in active:
		if cadre.position != SECRETARY:
			continue
		person = {"person_doctype": "Cadre", "person": cadre.name, "person_name": cadre.full_name}
		if not (cadre.county_filing_number or "").strip():
			gaps.append(
				Gap(UNFILED_SECRETARY, cadre.sub_district, cadre.community, cadre.in_post_since, **person)
			)
		if not cadre.full_time:
			gaps.append(
				Gap(PART_TIME_SECRETARY, cadre.sub_district, cadre.community, cadre.in_post_since, **person)
			)

	pool = set(in_pool_statuses)
	for reserve in reserves:
		if reserve.status in pool and reserve.education in BELOW_COLLEGE:
			gaps.append(
				Gap(
					RESERVE_BELOW_COLLEGE,
					reserve.sub_district,
					reserve.community,
					reserve.nomination_date,
					person_doctype="Reserve Candidate",
					person=reserve.name,
					person_name=reserve.full_name,
				)
			)

	return sorted(
		gaps,
		key=lambda gap: (
			GAP_KINDS.index(gap.kind),
			gap.sub_district or "",
			gap.community or "",
			gap.person or "",
		),
	)


def count_by_kind(gaps: Iterable[Gap]) -> dict[str, int]:
	"""Every kind, with 0 for a kind without gaps, in the order of GAP_KINDS."""
	counts = dict.fromkeys(GAP_KINDS, 0)
	for gap in gaps:
		counts[gap.kind] += 1
	return counts
