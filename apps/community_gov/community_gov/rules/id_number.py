"""Chinese resident identity card number (身份证号), GB 11643-1999.

18 characters: 6-digit region code, 8-digit birth date (YYYYMMDD), 3-digit sequence
(odd = male, even = female) and an ISO 7064 MOD 11-2 check character (0-9 or X).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import Enum

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
EARLIEST_BIRTH_YEAR = 1900
_BODY_PATTERN = re.compile(r"^\d{17}[\dX]$")


class IdNumberProblem(str, Enum):
	EMPTY = "empty"
	LENGTH = "length"
	CHARACTERS = "characters"
	BIRTH_DATE = "birth_date"
	CHECK_DIGIT = "check_digit"


class InvalidIdNumber(ValueError):
	def __init__(self, problem: IdNumberProblem, value: str):
		super().__init__(f"{problem.value}: {value!r}")
		self.problem = problem
		self.value = value


@dataclass(frozen=True)
class IdNumberInfo:
	number: str
	date_of_birth: datetime.date
	gender: str  # "Male" / "Female"
	region_code: str


def normalize(value: str | None) -> str:
	"""Strip spaces and upper-case the check character (a lower-case x is common in typed data)."""
	return (value or "").strip().replace(" ", "").upper()


def check_character(first_17_digits: str) -> str:
	total = sum(int(digit) * weight for digit, weight in zip(first_17_digits, WEIGHTS, strict=True))
	return CHECK_CHARACTERS[total % 11]


def parse(value: str | None, today: datetime.date | None = None) -> IdNumberInfo:
	"""Validate an ID number and return what it encodes; raise InvalidIdNumber naming the problem."""
	number = normalize(value)
	if not number:
		raise InvalidIdNumber(IdNumberProblem.EMPTY, number)
	if len(number) != 18:
		raise InvalidIdNumber(IdNumberProblem.LENGTH, number)
	if not _BODY_PATTERN.match(number):
		raise InvalidIdNumber(IdNumberProblem.CHARACTERS, number)

	try:
		date_of_birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		raise InvalidIdNumber(IdNumberProblem.BIRTH_DATE, number) from None
	if date_of_birth.year < EARLIEST_BIRTH_YEAR or date_of_birth > (today or datetime.date.today()):
		raise InvalidIdNumber(IdNumberProblem.BIRTH_DATE, number)

	if check_character(number[:17]) != number[17]:
		raise InvalidIdNumber(IdNumberProblem.CHECK_DIGIT, number)

	return IdNumberInfo(
		number=number,
		date_of_birth=date_of_birth,
		gender="Male" if int(number[16]) % 2 else "Female",
		region_code=number[:6],
	)


def build(region_code: str, date_of_birth: datetime.date, sequence: int) -> str:
	"""Compose a valid number (used by the demo data and tests). sequence: 0-999, odd = male."""
	body = f"{region_code}{date_of_birth:%Y%m%d}{sequence:03d}"
	return body + check_character(body)


def mask(number: str) -> str:
	"""Region code and the last four characters, the birth date and sequence hidden: 370102********123X."""
	if len(number or "") != 18:
		return ""
	return number[:6] + "*" * 8 + number[-4:]
