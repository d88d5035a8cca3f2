"""Honours recorded before they had a kind and a year: the kind their title names (else Other) and the year
they were awarded in (community_gov.rules.honours), as a save now sets them. Set-based: one update per kind
and one for the years."""

import frappe
from pypika.enums import DatePart
from pypika.functions import Extract, Trim

from community_gov.rules.honours import OTHER, TITLE_KINDS


def execute():
	honour = frappe.qb.DocType("Cadre Honour")
	unset = honour.kind.isnull() | (honour.kind == "")
	for title, kind in TITLE_KINDS.items():
		frappe.qb.update(honour).set(honour.kind, kind).where(unset & (Trim(honour.honour) == title)).run()
	frappe.qb.update(honour).set(honour.kind, OTHER).where(unset).run()
	frappe.qb.update(honour).set(honour.year, Extract(DatePart.year, honour.awarded_on)).where(
		(honour.year.isnull() | (honour.year == 0)) & honour.awarded_on.isnotnull()
	).run()
