"""Helpers shared by the rule modules: reading settings and rounding as people do on paper."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def to_bool(value) -> bool:
	# Check fields come as 0/1 from the database but as "0"/"1" from forms and imports; bool("0") is True.
	if isinstance(value, str):
		text = value.strip().lower()
		if text in _TRUE:
			return True
		if text in _FALSE:
			return False
		raise ValueError(f"Not a yes/no value: {value!r}")
	return bool(value)


def settings_from_mapping(cls, values: Mapping):
	"""Build a settings dataclass from e.g. ``frappe.get_single(...).as_dict()``: unknown keys and empty
	values keep the default; values are coerced to the field's type."""
	kwargs = {}
	for field in dataclasses.fields(cls):
		value = values.get(field.name)
		if value is None or value == "":
			continue
		# Annotations are strings under ``from __future__ import annotations``.
		if field.type in ("bool", bool):
			value = to_bool(value)
		elif field.type in ("int", int):
			value = int(value)
		elif field.type in ("float", float):
			value = float(value)
		else:
			value = str(value)
		kwargs[field.name] = value
	return cls(**kwargs)


def round1(value) -> float | None:
	"""Half up to one decimal, as on paper (round() would give 45.4 for 45.45); None stays None."""
	if value is None:
		return None
	return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def round2(value) -> float:
	# Half-up on the decimal representation (round() would give 89.99 for 89.995).
	return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
