"""EXPLAIN checks for the reports: a query narrowed to one sub-district reads the tables that matter through
their indexes instead of reading the province and dropping what it does not want.

	with captured_queries() as queries:
		execute({"sub_district": sd})
	assert_uses_index(self, queries, ("Cadre", "Annual Assessment"))

or for one query: `assert_uses_index(self, query.get_sql(), ("Cadre",))`. A table is read in full when
EXPLAIN shows it with access type ALL (every row) or index (every entry of an index).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe.database.utils import EmptyQueryValues

FULL_SCANS = ("ALL", "index")


@dataclass(frozen=True)
class Query:
	sql: str
	values: object = EmptyQueryValues


@contextmanager
def captured_queries():
	"""The SELECT statements run inside the block (with their values), for `assert_uses_index`."""
	queries: list[Query] = []
	original = frappe.db.__class__.sql

	def capturing_sql(db, query, values=EmptyQueryValues, *args, **kwargs):
		if str(query).lstrip().lower().startswith(("select", "with")):
			queries.append(Query(str(query), values))
		return original(db, query, values, *args, **kwargs)

	frappe.db.__class__.sql = capturing_sql
	try:
		yield queries
	finally:
		frappe.db.__class__.sql = original


def explain(sql: str, values=EmptyQueryValues) -> list[dict]:
	return frappe.db.sql(f"EXPLAIN {sql}", values, as_dict=True)


def full_scans(queries, tables: tuple[str, ...]) -> list[str]:
	"""Where `tables` (DocType names, or aliases as written in the query) are read in full: one line per
	query and table, with the plan's row."""
	if isinstance(queries, str | Query):
		queries = [queries]
	names = {f"tab{table}" for table in tables} | set(tables)
	found = []
	for query in queries:
		sql, values = (query.sql, query.values) if isinstance(query, Query) else (query, EmptyQueryValues)
		if not any(name in sql for name in names):
			continue
		for row in explain(sql, values):
			if row.get("table") in names and row.get("type") in FULL_SCANS:
				found.append(
					f"{row['table']}: type {row['type']}, {row.get('rows')} rows, key {row.get('key')}, "
					f"possible keys {row.get('possible_keys')}\n\tin: {' '.join(sql.split())[:400]}"
				)
	return found


def assert_uses_index(test, queries, tables: tuple[str, ...]) -> None:
	"""Fails `test` when one of the queries (captured ones, or SQL strings) reads one of `tables` in full."""
	if isinstance(queries, str | Query):
		queries = [queries]
	test.assertTrue(
		any(f"tab{table}" in (q.sql if isinstance(q, Query) else q) for q in queries for table in tables),
		f"no query read any of {', '.join(tables)}",
	)
	scans = full_scans(queries, tables)
	test.assertEqual(scans, [], "tables read in full instead of through an index:\n" + "\n".join(scans))
