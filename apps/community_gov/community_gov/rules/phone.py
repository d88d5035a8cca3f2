"""Chinese phone numbers: an 11-digit mobile number or a landline with its area code."""

from __future__ import annotations

import re

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def normalize(value: str | None) -> str:
	"""Drop the spaces and dashes people type inside mobile numbers, and a +86 country prefix."""
	number = (value or "").strip().replace(" ", "")
	if number.startswith("+86"):
		number = number[3:].lstrip("-")
	if MOBILE.match(number.replace("-", "")):
		return number.replace("-", "")
	return number


def is_valid(value: str | None) -> bool:
	number = normalize(value)
	return bool(MOBILE.match(number) or LANDLINE.match(number))
