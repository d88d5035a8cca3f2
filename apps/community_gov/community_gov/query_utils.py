"""Query helpers shared by the reports."""

from __future__ import annotations

from pypika.terms import Criterion

# Above this many names it is cheaper to read every row and keep the wanted ones in Python than to send
# a province-sized IN list (100,000 names) to the database, which then cannot use its indexes well.
NAME_FILTER_LIMIT = 5000


def in_names(column, names: list[str]) -> Criterion:
	"""`column IN names`, or just `column IS NOT NULL` for province-sized lists.

	Callers look results up by the names they asked for, so extra rows never reach a user."""
	if len(names) > NAME_FILTER_LIMIT:
		return column.isnotnull()
	return column.isin(names or [""])
