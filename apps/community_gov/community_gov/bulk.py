"""Bulk inserts from named records: each record is a dataclass whose field names are the table's columns.

Frappe's `db.bulk_insert` takes a list of column names and rows of positional values; building those rows by
hand (row[7] meaning the full name) breaks silently when a column is added. A dataclass names each value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

import frappe
from frappe.utils import now as stamp_now

# Who and when, as Frappe stamps a document it inserts.
STAMP_COLUMNS = ("creation", "modified", "owner", "modified_by")


def insert_records(doctype: str, records: Sequence) -> None:
	"""One INSERT (per 10,000 rows) of `records`, all of one dataclass, stamped now by the session user."""
	if not records:
		return
	columns = [field.name for field in fields(records[0])]
	now, user = stamp_now(), frappe.session.user
	frappe.db.bulk_insert(
		doctype,
		[*STAMP_COLUMNS, *columns],
		[(now, now, user, user, *(getattr(record, column) for column in columns)) for record in records],
	)
