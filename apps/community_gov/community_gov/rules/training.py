"""Training rules (BRIEF R6): time clashes, capacity, a cadre's yearly training compliance and statistics.

Pure functions of plain data, shared by the session controller, the portal, the compliance report and the tests.
The caller loads sessions, attendances and settings; this module decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from community_gov.rules.common import round1, round2, settings_from_mapping

LEVELS = ("Sub District", "District", "City")  # ascending rank
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS, start=1)}
ATTENDANCE_STATUSES = ("Enrolled", "Attended", "Absent", "Excused")
ATTENDED = "Attended"
SEAT_HOLDING_STATUSES = ("Enrolled", "Attended")  # the attendance statuses that take a seat
CATEGORIES = ("Key", "General")  # report order: key training (重点培训) before general (普遍培训)
STATISTIC_KEYS = ("year", "level", "category", "month")
SHORTFALLS = ("central", "rotation", "hours")

# Absorbs float error when summing hours (0.1 + 0.2 != 0.3) so a met requirement is not reported as short.
_EPSILON = 1e-9


@dataclass(frozen=True)
class TrainingSettings:
	"""The training numbers of Governance Settings, with the BRIEF defaults."""

	secretary_min_central_trainings: int = 1
	central_training_min_level: str = "District"
	rotation_period_years: int = 2
	require_yearly_hours: bool = False
	yearly_hours_required: float = 56.0

	def __post_init__(self):
		# Fail loudly on a bad setting: a silent fallback would mark cadres compliant or not by accident.
		if self.central_training_min_level not in LEVEL_RANK:
			raise ValueError(f"Unknown training level {self.central_training_min_level!r}")
		if self.rotation_period_years < 1:
			raise ValueError("rotation_period_years must be at least 1")
		if self.secretary_min_central_trainings < 0:
			raise ValueError("secretary_min_central_trainings must not be negative")
		if self.yearly_hours_required < 0:
			raise ValueError("yearly_hours_required must not be negative")

	@classmethod
	def from_mapping(cls, values: Mapping) -> TrainingSettings:
		"""Build from e.g. ``frappe.get_single(...).as_dict()``: unknown keys and empty values keep the default."""
		return settings_from_mapping(cls, values)


def overlaps(start_a: datetime, end_a: datetime, start_b: datetime, end_b: datetime) -> bool:
	"""Whether two half-open intervals share time: back-to-back sessions (one ends at 10:00, the next starts
	at 10:00) do not clash."""
	return start_a < end_b and start_b < end_a


def find_clash(
	start: datetime, end: datetime, others: Iterable[tuple[str, datetime, datetime]]
) -> str | None:
	"""Name of the first session in ``others`` (``(name, start, end)``, in the given order) that overlaps
	``[start, end)``, else None. The caller leaves the session being checked out of ``others``."""
	for name, other_start, other_end in others:
		if overlaps(start, end, other_start, other_end):
			return name
	return None


def session_hours(start: datetime, end: datetime) -> float:
	"""Length of a session in hours, rounded to 2 decimals; an empty or reversed session is an error."""
	if end <= start:
		raise ValueError("A session must end after it starts")
	return round2((end - start).total_seconds() / 3600)


# A session's life: the statuses, the moves `set_status` makes (Completed comes only from submitting the
# session) and the desk's indicator colours. The desk's scripts read these through the boot.
SESSION_STATUSES = ("Planned", "Enrolling", "In Progress", "Completed", "Cancelled")
SESSION_STATUS_MOVES = {
	"Planned": ("Enrolling", "In Progress", "Cancelled"),
	"Enrolling": ("In Progress", "Cancelled"),
	"In Progress": ("Cancelled",),
}
SESSION_STATUS_COLOURS = {
	"Planned": "gray",
	"Enrolling": "blue",
	"In Progress": "orange",
	"Completed": "green",
	"Cancelled": "red",
}


def can_move_session(status: str, to_status: str) -> bool:
	"""Whether `set_status` may move a session from `status` to `to_status`."""
	return to_status in SESSION_STATUS_MOVES.get(status, ())


def seats_left(capacity: int, taken: int) -> int:
	"""Free seats; never negative, so an over-full session (e.g. capacity lowered later) shows 0."""
	return max(0, int(capacity) - int(taken))


@dataclass(frozen=True)
class AttendanceRecord:
	"""One Training Attendance row of a cadre, joined with its session's year and level."""

	year: int
	level: str  # one of LEVELS
	status: str  # one of ATTENDANCE_STATUSES
	hours: float = 0.0
	is_rotation: bool = False  # the session is part of the rotation training (轮训)
	session: str | None = None


@dataclass(frozen=True)
class Compliance:
	year: int
	is_secretary: bool
	central_required: int  # 0 for non-secretaries
	central_attended: int  # Attended sessions of the year at or above the minimum level
	rotation_required_since: int  # first year of the rotation window: year - rotation_period_years + 1
	last_rotation_year: int | None  # latest year with an Attended rotation session, up to `year`
	rotation_ok: bool  # an Attended rotation session inside the window
	hours: float  # Attended hours in the year (hours count only for Attended)
	hours_required: float | None  # None when the yearly-hours requirement is off
	compliant: bool
	shortfalls: tuple[str, ...]  # machine codes among "central", "rotation", "hours", in this order


def compliance(
	records: Iterable[AttendanceRecord], year: int, is_secretary: bool, settings: TrainingSettings
) -> Compliance:
	"""R6 for one cadre and year.

	Only Attended counts: enrolling, being absent or excused never meets a requirement (seed 004 §三.1 asks
	that secretaries take part, not sign up). Records from other years count only for the rotation window.
	"""
	attended = [record for record in records if record.status == ATTENDED]
	this_year = [record for record in attended if record.year == year]

	min_rank = LEVEL_RANK[settings.central_training_min_level]
	# One session listed twice (e.g. two attendance rows) is still one training; unnamed records each count.
	central_sessions = set()
	for index, record in enumerate(this_year):
		if LEVEL_RANK.get(record.level, 0) >= min_rank:
			central_sessions.add(record.session if record.session is not None else ("#", index))
	rotation_years = [record.year for record in attended if record.is_rotation and record.year <= year]
	hours = sum(float(record.hours or 0) for record in this_year)
	return compliance_from_totals(
		year,
		is_secretary,
		len(central_sessions),
		max(rotation_years) if rotation_years else None,
		hours,
		settings,
	)


def compliance_from_totals(
	year: int,
	is_secretary: bool,
	central_attended: int,
	last_rotation_year: int | None,
	hours: float,
	settings: TrainingSettings,
) -> Compliance:
	"""R6 from what a cadre attended, already totalled (e.g. by the database for a whole province):
	centralized sessions at or above the minimum level in `year`, the latest year with a rotation
	session up to `year`, and the year's attended hours."""
	central_required = settings.secretary_min_central_trainings if is_secretary else 0
	rotation_required_since = year - settings.rotation_period_years + 1
	rotation_ok = last_rotation_year is not None and rotation_required_since <= last_rotation_year <= year
	hours = round2(hours or 0)
	hours_required = settings.yearly_hours_required if settings.require_yearly_hours else None

	shortfalls = []
	if central_attended < central_required:
		shortfalls.append("central")
	if not rotation_ok:
		shortfalls.append("rotation")
	if hours_required is not None and hours + _EPSILON < hours_required:
		shortfalls.append("hours")

	return Compliance(
		year=year,
		is_secretary=is_secretary,
		central_required=central_required,
		central_attended=central_attended,
		rotation_required_since=rotation_required_since,
		last_rotation_year=last_rotation_year,
		rotation_ok=rotation_ok,
		hours=hours,
		hours_required=hours_required,
		compliant=not shortfalls,
		shortfalls=tuple(shortfalls),
	)


@dataclass(frozen=True)
class SessionStat:
	"""One completed session for statistics."""

	session: str
	year: int
	level: str
	category: str  # "Key" or "General"
	month: int  # 1..12
	attended: int  # person-times (人次) = attendances with status Attended


def _sort_value(key: str, value):
	# Known levels and categories in their business order, anything unexpected after them by name, so a
	# report never fails on a stray value.
	if key == "level":
		return (LEVEL_RANK.get(value, len(LEVELS) + 1), str(value))
	if key == "category":
		order = CATEGORIES.index(value) if value in CATEGORIES else len(CATEGORIES)
		return (order, str(value))
	return (value is None, value if value is not None else 0)


def training_statistics(
	sessions: Iterable[SessionStat], by: tuple[str, ...] = ("year", "level", "category")
) -> list[dict]:
	"""Classes and person-times (seed 004: "7 classes, 920+ person-times") grouped by ``by``.

	``by`` takes any of year, level, category, month. Each row holds the key fields plus ``classes`` (number
	of sessions) and ``person_times`` (sum of attended), sorted by the keys in the order given.
	"""
	by = tuple(by)
	unknown = [key for key in by if key not in STATISTIC_KEYS]
	if unknown:
		raise ValueError(f"Cannot group training statistics by {', '.join(unknown)}")

	groups: dict[tuple, dict] = {}
	for stat in sessions:
		group = tuple(getattr(stat, key) for key in by)
		row = groups.get(group)
		if row is None:
			row = groups[group] = {**dict(zip(by, group, strict=True)), "classes": 0, "person_times": 0}
		row["classes"] += 1
		row["person_times"] += int(stat.attended or 0)

	ordered = sorted(
		groups.items(), key=lambda item: [_sort_value(k, v) for k, v in zip(by, item[0], strict=True)]
	)
	return [row for _group, row in ordered]


def plan_against_held(planned: Iterable[Mapping], held: Iterable[Mapping]) -> list[dict]:
	"""The year's training plan against what was held, per level and category (seed 004: "7 classes, 920+
	person-times").

	``planned``: per (level, category), ``planned_classes`` and ``planned_person_times`` (None: no figure
	planned); ``held``: per (level, category), ``held_classes`` (completed sessions), ``person_times``
	(attendances Attended in them) and ``scheduled_classes`` (sessions not yet held nor cancelled). Each row
	adds the share of the plan held (``classes_percent``, ``person_times_percent``: None without a plan),
	sorted by level and category in the business order."""
	rows: dict[tuple, dict] = {}

	def row_of(figures: Mapping) -> dict:
		key = (figures["level"], figures["category"])
		if key not in rows:
			rows[key] = {"level": key[0], "category": key[1], "planned_classes": None, "held_classes": 0,
				"scheduled_classes": 0, "planned_person_times": None, "person_times": 0}  # fmt: skip
		return rows[key]

	for figures in planned:
		row = row_of(figures)
		for field in ("planned_classes", "planned_person_times"):
			if figures.get(field) is not None:
				row[field] = (row[field] or 0) + int(figures[field])
	for figures in held:
		row = row_of(figures)
		for field in ("held_classes", "scheduled_classes", "person_times"):
			row[field] += int(figures.get(field) or 0)
	for row in rows.values():
		row["classes_percent"] = share_of_plan(row["held_classes"], row["planned_classes"])
		row["person_times_percent"] = share_of_plan(row["person_times"], row["planned_person_times"])
	ordered = sorted(
		rows.items(), key=lambda item: (_sort_value("level", item[0][0]), _sort_value("category", item[0][1]))
	)
	return [row for _key, row in ordered]


def share_of_plan(done: int, planned: int | None) -> float | None:
	"""Percent of the plan done, one decimal half up; None when nothing was planned."""
	return round1(Decimal(done) * 100 / planned) if planned else None
