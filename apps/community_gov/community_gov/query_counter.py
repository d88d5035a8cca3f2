"""Counting SQL statements: for query-count tests and the benchmark commands."""

import frappe


class QueryCounter:
	"""Counts the SQL statements run inside a `with` block."""

	def __enter__(self):
		self.queries: list[str] = []
		self._original = frappe.db.__class__.sql
		counter = self

		def counting_sql(db, *args, **kwargs):
			counter.queries.append(str(args[0])[:200] if args else "")
			return counter._original(db, *args, **kwargs)

		frappe.db.__class__.sql = counting_sql
		return self

	def __exit__(self, *exc):
		frappe.db.__class__.sql = self._original

	@property
	def count(self) -> int:
		return len(self.queries)
