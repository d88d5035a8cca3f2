"""Honours recorded before they had a kind and a year: the kind their title names (else Other) and the year
they were awarded in, a Top Ten title awarded in January to March the year before (community_gov.rules.honours),
as a save now sets them. Set-based: one update per kind and two for the years."""

import frappe
from pypika.enums import DatePart
from pypika.functions import Extract, Trim

from community_gov.rules.honours import OTHER, TITLE_KINDS, TOP_TEN_AWARD_MONTHS, TOP_TEN_SECRETARY


def execute():
	honour = frappe.qb.DocType("Cadre Honour")
	unset = honour.kind.isnull() | (honour.kind == "")
	for title, kind in TITLE_KINDS.items():
		frappe.qb.update(honour).set(honour.kind, kind).where(unset & (Trim(honour.honour) == title)).run()
	frappe.qb.update(honour).set(honour.kind, OTHER).where(unset).run()
	no_year = (honour.year.isnull() | (honour.year == 0)) & honour.awarded_on.isnotnull()
	top_ten_early = (honour.kind == TOP_TEN_SECRETARY) & Extract(DatePart.month, honour.awarded_on).isin(
		TOP_TEN_AWARD_MONTHS
	)
	frappe.qb.update(honour).set(honour.year, Extract(DatePart.year, honour.awarded_on) - 1).where(
		no_year & top_ten_early
	).run()
	frappe.qb.update(honour).set(honour.year, Extract(DatePart.year, honour.awarded_on)).where(no_year).run()
