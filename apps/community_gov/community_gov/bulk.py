"""Bulk inserts from named records: each record is a dataclass whose field names are the table's columns.

Frappe's `db.bulk_insert` takes a list of column names and rows of positional values; building those rows by
hand (row[7] meaning the full name) breaks silently when a column is added. A dataclass names each value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

import frappe
from frappe.utils import now as stamp_now
from pypika.terms import Parameter

# Who and when, as Frappe stamps a document it inserts.
STAMP_COLUMNS = ("creation", "modified", "owner", "modified_by")
ROWS_PER_INSERT = 5000


def insert_records(doctype: str, records: Sequence) -> None:
	"""One INSERT (per 5,000 rows) of `records`, all of one dataclass, stamped now by the session user.

	The values travel as parameters of the statement: Frappe's `db.bulk_insert` has the query builder write
	every value into the SQL text, which at 10,000 rows takes longer than the database takes to insert them."""
	if not records:
		return
	columns = [*STAMP_COLUMNS, *(field.name for field in fields(records[0]))]
	now, user = stamp_now(), frappe.session.user
	rows = [
		(now, now, user, user, *(getattr(record, column) for column in columns[4:])) for record in records
	]
	placeholders = [Parameter("%s")] * len(columns)
	table = frappe.qb.DocType(doctype)
	for start in range(0, len(rows), ROWS_PER_INSERT):
		chunk = rows[start : start + ROWS_PER_INSERT]
		query = frappe.qb.into(table).columns(*columns).insert(*[placeholders] * len(chunk))
		frappe.db.sql(query.get_sql(), [value for row in chunk for value in row])
