"""Two corrections of honours recorded before them (community_gov.rules.honours):

- 优秀党务工作者 is a kind of its own (Outstanding Party Worker, a role-model title, seed 004): honours with that
  title left as Other (by hand or by the patch that gave honours their kinds) take it.
- A Top Ten title is for the year whose assessments chose it, awarded the next February: one awarded in January
  to March whose year is its award date's year got that year from the award date (the kinds patch, or a save
  with the year left empty) and is moved to the year before. One conferred from the ranking carries the ranking's
  year and is left alone.

Set-based: one update each."""

import frappe
from pypika.enums import DatePart
from pypika.functions import Extract, Trim

from community_gov.rules.honours import (
	OTHER,
	OUTSTANDING_PARTY_WORKER,
	TITLE_KINDS,
	TOP_TEN_AWARD_MONTHS,
	TOP_TEN_SECRETARY,
)

PARTY_WORKER_TITLE = next(title for title, kind in TITLE_KINDS.items() if kind == OUTSTANDING_PARTY_WORKER)


def execute():
	honour = frappe.qb.DocType("Cadre Honour")
	frappe.qb.update(honour).set(honour.kind, OUTSTANDING_PARTY_WORKER).where(
		(Trim(honour.honour) == PARTY_WORKER_TITLE)
		& (honour.kind.isnull() | (honour.kind == "") | (honour.kind == OTHER))
	).run()
	frappe.qb.update(honour).set(honour.year, honour.year - 1).where(
		(honour.kind == TOP_TEN_SECRETARY)
		& Extract(DatePart.month, honour.awarded_on).isin(TOP_TEN_AWARD_MONTHS)
		& (honour.year == Extract(DatePart.year, honour.awarded_on))
	).run()
