"""Reading the cells of an uploaded sheet: what HR types into Excel, turned into values or refused.

Framework-free; the batch imports (community_gov/batch) say what a refusal means to the user.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from decimal import Decimal, InvalidOperation

# Excel shows the header in row 1: the first data row is row 2.
FIRST_DATA_ROW = 2


def excel_row(index: int) -> int:
	"""The row number Excel shows for the data row at `index` (0-based, below one header row)."""
	return index + FIRST_DATA_ROW


def is_blank(value) -> bool:
	"""An empty cell: nothing, an empty or all-space text, or the NaN pandas reads from an empty cell."""
	if value is None:
		return True
	if isinstance(value, float) and math.isnan(value):
		return True
	return isinstance(value, str) and not value.strip()


def as_text(value) -> str:
	"""A cell as text: blank is "", whole numbers lose their ".0" (an ID or a year read as a float)."""
	if is_blank(value):
		return ""
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	return str(value).strip()


class NotANumber(ValueError):
	"""A cell that should hold a number and holds something else."""


def as_number(value) -> float | None:
	"""A number typed into a cell (a number, or text such as " 85 " or "85.5"); None when blank.

	Raises NotANumber for anything else (text, True/False, infinity)."""
	if is_blank(value):
		return None
	if isinstance(value, bool):
		raise NotANumber(value)
	if isinstance(value, int | float):
		number = float(value)
	else:
		try:
			number = float(Decimal(str(value).strip().replace(",", "")))
		except (InvalidOperation, ValueError):
			raise NotANumber(value) from None
	if math.isnan(number) or math.isinf(number):
		raise NotANumber(value)
	return number


def as_whole_number(value) -> int | None:
	"""A whole number (a year); None when blank. Raises NotANumber for text or a fraction."""
	number = as_number(value)
	if number is None:
		return None
	if not number.is_integer():
		raise NotANumber(value)
	return int(number)


def shown(number: float) -> str:
	"""A number as a message shows it: 30, not 30.0; 27.5 as it is."""
	return f"{number:g}" if isinstance(number, float) else str(number)


def within(number: float, low: float, high: float, tolerance: float = 1e-9) -> bool:
	"""`low` <= `number` <= `high`, forgiving the float noise of a spreadsheet (29.999999999)."""
	return low - tolerance <= number <= high + tolerance


def choice(value, choices: dict[str, str]) -> str | None:
	"""The option a cell names, matched against its labels case- and space-insensitively; None when blank.

	`choices` maps each accepted label (e.g. the Chinese and the English word) to the option. Raises KeyError
	for a label that is not there."""
	if is_blank(value):
		return None
	wanted = as_text(value).casefold().replace(" ", "")
	for label, option in choices.items():
		if label.casefold().replace(" ", "") == wanted:
			return option
	raise KeyError(value)


def repeated(keys: Iterable[Hashable]) -> list[int]:
	"""Positions of the keys seen before (the second and later occurrences), in order."""
	seen, again = set(), []
	for position, key in enumerate(keys):
		if key in seen:
			again.append(position)
		seen.add(key)
	return again
