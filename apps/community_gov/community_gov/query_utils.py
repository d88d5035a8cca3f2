"""Query helpers shared by the reports."""

from __future__ import annotations

from frappe.query_builder.functions import Concat_ws
from pypika.functions import IfNull
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


# A province's figures travel as one string per row: PyMySQL spends its time per value and per row, not per byte
# (issue 13: 4.2 million values took 4 s to read).
PACK_SEPARATOR = "|"


def packed(fields: list) -> Concat_ws:
	"""`fields` as one string, in order, NULL as empty (`str.split(PACK_SEPARATOR)` gives them back): numbers,
	dates, Select values and field names only, never text a user wrote (no separator in them)."""
	return Concat_ws(PACK_SEPARATOR, *(IfNull(field, "") for field in fields))
