"""Career-establishment eligibility (BRIEF R7, seed 000 篇一 §五): service, consecutive Excellent years, age.

A cadre is eligible on a date when all three hold:
- completed years of service (from the community service start date) ≥ ``min_service_years`` (default 5);
- the longest run of consecutive calendar years graded Excellent in *approved* annual assessments, anywhere
  in the history up to the year of the date, is ≥ ``min_excellent_years`` (default 3); a year without an
  approved Excellent assessment breaks the run;
- age in completed years (周岁) on the date ≤ ``max_age`` (default 45).

Pure functions of plain data, shared by the Career Post Eligibility report and the tests. The caller loads
settings, dates and the approved Excellent years; this module decides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

# Failure codes, in the order the report lists them.
SERVICE = "service"
EXCELLENT = "excellent"
AGE = "age"
FAILURES = (SERVICE, EXCELLENT, AGE)


@dataclass(frozen=True)
class CareerSettings:
	"""The career-establishment numbers of Governance Settings, with the BRIEF defaults."""

	career_min_service_years: int = 5
	career_min_excellent_years: int = 3
	career_max_age: int = 45

	def __post_init__(self):
		# Fail loudly on a bad setting: a silent fallback would declare cadres eligible by accident.
		if self.career_min_service_years < 0:
			raise ValueError("career_min_service_years must not be negative")
		if self.career_min_excellent_years < 0:
			raise ValueError("career_min_excellent_years must not be negative")
		if self.career_max_age < 0:
			raise ValueError("career_max_age must not be negative")

	@classmethod
	def from_mapping(cls, values: Mapping) -> CareerSettings:
		"""Build from e.g. ``frappe.get_single(...).as_dict()``: unknown keys and empty values keep the default."""
		kwargs = {}
		for field in dataclasses.fields(cls):
			value = values.get(field.name)
			if value is None or value == "":
				continue
			kwargs[field.name] = int(value)
		return cls(**kwargs)


def completed_years(start: date | None, on: date) -> int | None:
	"""Whole years from ``start`` to ``on`` (周岁 / 周年): the anniversary must have been reached.

	A 29 February start reaches its anniversary on 1 March in common years. None when ``start`` is
	unknown; 0 when ``start`` is after ``on``.
	"""
	if start is None:
		return None
	years = on.year - start.year - ((on.month, on.day) < (start.month, start.day))
	return max(years, 0)


@dataclass(frozen=True)
class Run:
	"""A run of consecutive calendar years; empty (length 0) when there is none."""

	length: int = 0
	first_year: int | None = None
	last_year: int | None = None


def longest_run(years: Iterable[int]) -> Run:
	"""The longest run of consecutive calendar years among ``years`` (duplicates ignored); the latest wins a tie."""
	best = Run()
	start = previous = None
	for year in sorted(set(years)):
		if previous is None or year != previous + 1:
			start = year
		previous = year
		length = year - start + 1
		if length >= best.length:
			best = Run(length, start, year)
	return best


def excellent_run(excellent_years: Iterable[int], up_to_year: int | None = None) -> Run:
	"""The longest run of consecutive Excellent years, ignoring years after ``up_to_year``."""
	return longest_run(year for year in excellent_years if up_to_year is None or year <= up_to_year)


@dataclass(frozen=True)
class Eligibility:
	"""The outcome for one cadre on one date."""

	service_years: int | None  # None: no service start date recorded
	excellent_run: Run
	age: int | None  # None: no date of birth recorded
	failures: tuple[str, ...]  # codes from FAILURES, empty when eligible

	@property
	def eligible(self) -> bool:
		return not self.failures


def evaluate(
	date_of_birth: date | None,
	service_start_date: date | None,
	excellent_years: Iterable[int],
	on: date,
	settings: CareerSettings | None = None,
) -> Eligibility:
	"""R7 on the date ``on``: the three conditions, and which of them fail. Unknown dates fail their condition.

	``excellent_years`` are the calendar years of the cadre's approved assessments graded Excellent.
	"""
	settings = settings or CareerSettings()
	service = completed_years(service_start_date, on)
	run = excellent_run(excellent_years, up_to_year=on.year)
	age = completed_years(date_of_birth, on)
	failures = []
	if service is None or service < settings.career_min_service_years:
		failures.append(SERVICE)
	if run.length < settings.career_min_excellent_years:
		failures.append(EXCELLENT)
	if age is None or age > settings.career_max_age:
		failures.append(AGE)
	return Eligibility(service_years=service, excellent_run=run, age=age, failures=tuple(failures))
