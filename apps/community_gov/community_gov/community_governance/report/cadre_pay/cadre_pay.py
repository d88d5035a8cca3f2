"""Cadre Pay (干部待遇): for each cadre in post on a date, the pay standard in force that day for the post it
held and its community's type, the monthly pay due under it by component, the pay on record that day (its
Cadre Pay Record in force) and the difference, and the social insurances not paid for it; or per
sub-district, the totals by the month and by the year. The rules: `community_gov.rules.pay`.

On a past date everything is as of that date: the pay record in force then (the latest effective on or
before it; none: "not recorded"), the standard in force then, the performance pay of that year (the grade of
the year before; none: "not assessed"), and the post and community the cadre held then by its terms (Cadre
Term in force; a cadre without one that day is taken in its current post and community). The cadres are those
active now whose community service had begun by the date, and those who have left since but held a term on
it. Filters (sub-district, community, position) apply to the post and community held on the date.

Pay is personal data: only the Organization Department (and System Manager) may run it, by the report's
roles and by the check in `execute`, which holds whatever path calls it.

Set-based: five queries whatever the number of cadres: the terms in force on the date, the cadres (joined to
their communities), their pay records in force on the date, every pay standard (a few per post), and the
approved assessments of the year before the date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import format_date, getdate, today
from pypika.terms import Criterion

from community_gov.constants import cadre_positions
from community_gov.permissions import PAY_ROLES, cadre_scope_criterion, require_roles
from community_gov.query_utils import in_names
from community_gov.rules.pay import (
	INSURANCE_FIELDS,
	CadrePay,
	PayStandard,
	annual,
	grades_for_pay,
	missing_insurances,
	money,
	pay_due,
	performance_year,
	standard_in_force,
	standards_by_post,
	term_in_force,
)
from community_gov.text import bold

# Cadre Pay Record field → its label, for the insurances a row lacks (养老、失业、工伤、医疗、生育).
INSURANCE_LABELS = {
	"pension_insurance": "Pension Insurance",
	"unemployment_insurance": "Unemployment Insurance",
	"work_injury_insurance": "Work Injury Insurance",
	"medical_insurance": "Medical Insurance",
	"maternity_insurance": "Maternity Insurance",
}
CADRE_VIEW, SUB_DISTRICT_VIEW = "Cadre", "Sub District"
# Filters narrowing the rows by what the cadre held on the date: the Cadre field → the Cadre Term field.
HELD_FIELDS = {"sub_district": "sub_district", "community": "community", "position": "post"}
HELD_FILTERS = tuple(HELD_FIELDS)


def execute(filters: dict | None = None):
	require_roles(*PAY_ROLES)
	filters = get_filters(filters)
	rows = get_rows(filters, filters.as_on_date)
	summary = get_report_summary(rows)
	if filters.group_by == SUB_DISTRICT_VIEW:
		return sub_district_columns(), sub_district_rows(rows), None, None, summary
	if filters.below_standard_only:
		rows = [row for row in rows if row["below_standard"]]
	return cadre_columns(), rows, None, None, summary


def get_filters(filters: dict | None) -> frappe._dict:
	filters = frappe._dict(filters or {})
	filters.as_on_date = getdate(filters.as_on_date or today())
	if filters.cadre and not frappe.db.exists("Cadre", filters.cadre):
		frappe.throw(
			_("{0} {1} does not exist").format(_("Cadre"), bold(filters.cadre)), title=_("Invalid Filter")
		)
	return filters


def get_rows(filters, on: date) -> list[dict]:
	"""A row per cadre in post on `on` within the filters, with its pay due and on record that day."""
	terms = get_terms(filters, on)
	cadres = [
		cadre
		for cadre in (held_on(cadre, terms.get(cadre.name)) for cadre in get_cadres(filters, on))
		if all(not filters.get(key) or cadre[key] == filters[key] for key in HELD_FILTERS)
	]
	# In the order of the post and community held then (the query sorts by the current ones).
	cadres.sort(key=lambda c: (c.sub_district or "", c.community or "", c.position, c.full_name, c.name))
	names = [cadre.name for cadre in cadres]
	records = get_records(names, on) if cadres else {}
	standards = standards_by_post(get_standards())
	grades = get_grades(names, on) if cadres else {}
	return [
		cadre_row(cadre, records.get(cadre.name), standards, grades.get(cadre.name), on) for cadre in cadres
	]


def terms_in_force(term, on: date) -> Criterion:
	"""The terms of `term` (a Cadre Term table) a cadre held on `on` (`rules.pay.term_in_force`)."""
	return (
		(term.status != "Cancelled")
		& (term.start_date <= on)
		& (term.ended_on.isnull() | (term.ended_on > on))
	)


def get_terms(filters, on: date) -> dict[str, frappe._dict]:
	"""Cadre → the term it held on `on` (its most senior post then), with its community's type and
	sub-district: one query (Cadre Term joined to Community)."""
	term, community = frappe.qb.DocType("Cadre Term"), frappe.qb.DocType("Community")
	query = (
		frappe.qb.from_(term)
		.join(community)
		.on(community.name == term.community)
		.select(
			term.cadre,
			term.post,
			term.community,
			term.start_date,
			term.ended_on,
			term.status,
			community.community_type,
			community.sub_district,
		)
		.where(terms_in_force(term, on))
	)
	if filters.cadre:
		query = query.where(term.cadre == filters.cadre)
	cadre = frappe.qb.DocType("Cadre")
	for key, field in HELD_FIELDS.items():
		if filters.get(key):
			# Terms held there, and the terms of the cadres there now (which may have been elsewhere then).
			there_now = frappe.qb.from_(cadre).select(cadre.name).where(cadre[key] == filters[key])
			query = query.where((term[field] == filters[key]) | term.cadre.isin(there_now))
	by_cadre: dict[str, list] = {}
	for row in query.run(as_dict=True):
		by_cadre.setdefault(row.cadre, []).append(row)
	posts = cadre_positions()
	return {cadre: term_in_force(rows, on, posts) for cadre, rows in by_cadre.items()}


def get_cadres(filters, on: date) -> list[frappe._dict]:
	"""The cadres in post on `on`: active now with their community service begun by then, or holding a term
	then (left since); with their current community's type. One query (Cadre joined to Community), narrowed
	by the filters on the current or the held post and community (the rows are matched exactly afterwards)."""
	cadre, community = frappe.qb.DocType("Cadre"), frappe.qb.DocType("Community")
	term = frappe.qb.DocType("Cadre Term")
	held = frappe.qb.from_(term).select(term.cadre).where(terms_in_force(term, on))
	for key, field in HELD_FIELDS.items():
		if filters.get(key):
			held = held.where(term[field] == filters[key])
	in_post = (cadre.status == "Active") & (
		cadre.service_start_date.isnull() | (cadre.service_start_date <= on)
	)
	for key in HELD_FILTERS:
		if filters.get(key):
			in_post &= cadre[key] == filters[key]
	criterion = in_post | cadre.name.isin(held)
	scope = cadre_scope_criterion(cadre)
	if scope is not None:
		criterion &= scope
	if filters.cadre:
		criterion &= cadre.name == filters.cadre
	return (
		frappe.qb.from_(cadre)
		.left_join(community)
		.on(community.name == cadre.community)
		.select(
			cadre.name,
			cadre.full_name,
			cadre.sub_district,
			cadre.community,
			community.community_type,
			cadre.position,
			cadre.also_director,
			cadre.service_start_date,
			cadre.appointment_date,
		)
		.where(criterion)
		.orderby(cadre.sub_district, cadre.community, cadre.position, cadre.full_name, cadre.name)
		.run(as_dict=True)
	)


def held_on(cadre: frappe._dict, term: frappe._dict | None) -> frappe._dict:
	"""The cadre with the post, community, its type and sub-district it held on the report's date: its term
	then (`term`, from `get_terms`), else the current ones (`from_term` says which)."""
	if term:
		cadre.update(
			position=term.post,
			community=term.community,
			community_type=term.community_type,
			sub_district=term.sub_district,
			from_term=1,
		)
	else:
		cadre.from_term = 0
	return cadre


def get_records(names: list[str], on: date) -> dict[str, frappe._dict]:
	"""Cadre → its pay record in force on `on` (the latest effective on or before it; `rules.pay
	.record_in_force`): one query, each cadre's latest date joined back to its record."""
	record = frappe.qb.DocType("Cadre Pay Record")
	latest = (
		frappe.qb.from_(record)
		.select(record.cadre, Max(record.effective_from).as_("effective_from"))
		.where((record.effective_from <= on) & in_names(record.cadre, names))
		.groupby(record.cadre)
	).as_("latest")
	rows = (
		frappe.qb.from_(record)
		.join(latest)
		.on((latest.cadre == record.cadre) & (latest.effective_from == record.effective_from))
		.select(
			record.name,
			record.cadre,
			record.effective_from,
			record.monthly_pay,
			*(record[fieldname] for fieldname in INSURANCE_FIELDS),
		)
		.run(as_dict=True)
	)
	return {row.cadre: row for row in rows}


def get_standards() -> list[PayStandard]:
	"""Every pay standard: one query (a district has a few per post)."""
	return [PayStandard.from_mapping(row) for row in frappe.get_all("Pay Standard", fields=["*"])]


def get_grades(names: list[str], on: date) -> dict[str, str]:
	"""Cadre → the grade that sets its performance pay on `on` (the approved assessment of the year before;
	`rules.pay.grades_for_pay`): one query over the approved assessments of that year."""
	assessment = frappe.qb.DocType("Annual Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.select(assessment.cadre, assessment.year, assessment.grade)
		.where(
			(assessment.docstatus == 1)
			& (assessment.year == performance_year(on))
			& in_names(assessment.cadre, names)
		)
		.run()
	)
	return grades_for_pay(rows, on)


def cadre_row(cadre, record, standards: dict[str, list[PayStandard]], grade: str | None, on: date) -> dict:
	missing = missing_insurances(record) if record else ()
	recorded = money(record.monthly_pay) if record and record.monthly_pay else None
	row = {
		"cadre": cadre.name,
		"full_name": cadre.full_name,
		"sub_district": cadre.sub_district,
		"community": cadre.community,
		"community_type": _(cadre.community_type) if cadre.community_type else None,
		"position": _(cadre.position),
		"pay_record": record.name if record else None,
		"recorded": float(recorded) if recorded is not None else None,
		"missing_insurance_count": len(missing),
		"missing_insurances": "、".join(_(INSURANCE_LABELS[fieldname]) for fieldname in missing),
		"not_recorded": int(record is None),
		"below_standard": 0,
		"shortfall": 0,
	}
	notes = [_("No pay on record")] if record is None else []
	if not cadre.from_term and cadre.appointment_date and getdate(cadre.appointment_date) > on:
		# Before its current post the register knows the cadre's post only from its terms: none then.
		notes.append(_("Post as now (held since {0})").format(format_date(cadre.appointment_date)))
	standard = standard_in_force(standards.get(cadre.position, ()), cadre.position, cadre.community_type, on)
	if not standard:
		row["standard"] = None
		row["note"] = "; ".join([_("No pay standard in force"), *notes])
		return row
	due = pay_due(
		standard,
		CadrePay(
			post=cadre.position,
			community_type=cadre.community_type,
			service_start_date=cadre.service_start_date,
			also_director=bool(cadre.also_director),
			grade=grade,
			recorded_pay=recorded,
		),
		on,
	)
	if not grade:
		notes.append(_("Not assessed for {0}: no performance pay").format(performance_year(on)))
	row.update(
		{
			"standard": standard.name,
			"effective_from": standard.effective_from,
			"post_pay": float(due.post_pay),
			"service_years": due.service_years,
			"service_pay": float(due.service_pay),
			"work_subsidy": float(due.work_subsidy + due.director_supplement),
			"grade": _(grade) if grade else _("Not Assessed"),
			"grade_year": performance_year(on),
			"performance_pay": float(due.performance_pay),
			"due": float(due.total),
			"difference": None if due.difference is None else float(due.difference),
			"below_standard": int(due.below_standard),
			"shortfall": float(due.shortfall),
			"note": "; ".join(notes),
		}
	)
	return row


def sub_district_rows(rows: list[dict]) -> list[dict]:
	"""A row per sub-district (in the cadres' order), then the total; the month's figures and the year's
	(× 12, `rules.pay.annual`)."""
	totals: dict[str | None, dict] = {}
	for row in rows:
		total = totals.setdefault(row["sub_district"], new_total(row["sub_district"]))
		add_to_total(total, row)
	grand = new_total(_("Total"))
	for total in totals.values():
		for key in COUNTED:
			grand[key] += total[key]
		for key in SUMMED:
			grand[key] = float(money(grand[key]) + money(total[key]))
	grand["is_total"] = 1
	result = [*totals.values(), grand]
	for total in result:
		total["annual_due"] = float(annual(total["due"]))
		total["annual_recorded"] = float(annual(total["recorded"]))
	return result


COUNTED = ("cadres", "below_standard", "no_standard", "not_recorded", "missing_insurance")
SUMMED = ("due", "recorded", "shortfall")


def new_total(sub_district) -> dict:
	return {"sub_district": sub_district, **dict.fromkeys(COUNTED, 0), **dict.fromkeys(SUMMED, 0.0)}


def add_to_total(total: dict, row: dict) -> None:
	total["cadres"] += 1
	total["below_standard"] += row["below_standard"]
	total["no_standard"] += not row["standard"]
	total["not_recorded"] += row["not_recorded"]
	total["missing_insurance"] += bool(row["missing_insurance_count"])
	if row["standard"]:
		# Due and on record side by side over the cadres a standard applies to.
		total["due"] = float(money(total["due"]) + money(row["due"]))
		total["recorded"] = float(money(total["recorded"]) + money(row["recorded"]))
	total["shortfall"] = float(money(total["shortfall"]) + money(row["shortfall"]))


def get_report_summary(rows: list[dict]) -> list[dict]:
	below = [row for row in rows if row["below_standard"]]
	shortfall = float(sum(Decimal(str(row["shortfall"])) for row in below))
	return [
		{"label": _("Cadres"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{"label": _("Paid Below Standard"), "value": len(below), "datatype": "Int", "indicator": "Red"},
		{
			"label": _("Total Monthly Shortfall"),
			"value": shortfall,
			"datatype": "Currency",
			"indicator": "Red",
		},
		{
			"label": _("No Pay Standard in Force"),
			"value": sum(1 for row in rows if not row["standard"]),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"label": _("Missing a Social Insurance"),
			"value": sum(1 for row in rows if row["missing_insurance_count"]),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"label": _("No Pay Record in Force"),
			"value": sum(row["not_recorded"] for row in rows),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]


def cadre_columns() -> list[dict]:
	return [
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 100},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 110},
		{"fieldname": "community_type", "label": _("Community Type"), "fieldtype": "Data", "width": 100},
		# The row's `cadre` (the ID) links the name to the record (cadre_pay.js).
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 90},
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 90},
		{"fieldname": "standard", "label": _("Pay Standard"), "fieldtype": "Link", "options": "Pay Standard", "width": 100},
		{"fieldname": "post_pay", "label": _("Post Pay"), "fieldtype": "Currency", "width": 95},
		{"fieldname": "service_years", "label": _("Years of Service"), "fieldtype": "Int", "width": 70},
		{"fieldname": "service_pay", "label": _("Years-of-Service Pay"), "fieldtype": "Currency", "width": 95},
		{"fieldname": "work_subsidy", "label": _("Work Subsidy"), "fieldtype": "Currency", "width": 95},
		{"fieldname": "grade", "label": _("Annual Grade"), "fieldtype": "Data", "width": 80},
		{"fieldname": "grade_year", "label": _("Year"), "fieldtype": "Data", "width": 60},
		{"fieldname": "performance_pay", "label": _("Performance Pay"), "fieldtype": "Currency", "width": 95},
		{"fieldname": "due", "label": _("Monthly Pay Due"), "fieldtype": "Currency", "width": 105},
		{"fieldname": "pay_record", "label": _("Pay Record"), "fieldtype": "Link", "options": "Cadre Pay Record", "width": 100},
		{"fieldname": "recorded", "label": _("Monthly Pay on Record"), "fieldtype": "Currency", "width": 105},
		{"fieldname": "difference", "label": _("Pay Difference"), "fieldtype": "Currency", "width": 95},
		{"fieldname": "missing_insurances", "label": _("Missing Social Insurance"), "fieldtype": "Data", "width": 160},
		{"fieldname": "note", "label": _("Remarks"), "fieldtype": "Data", "width": 180},
	]  # fmt: skip


def sub_district_columns() -> list[dict]:
	return [
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Data", "width": 120},
		{"fieldname": "cadres", "label": _("Cadres"), "fieldtype": "Int", "width": 80},
		{"fieldname": "below_standard", "label": _("Paid Below Standard"), "fieldtype": "Int", "width": 110},
		{"fieldname": "shortfall", "label": _("Total Monthly Shortfall"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "due", "label": _("Monthly Pay Due"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "recorded", "label": _("Monthly Pay on Record"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "annual_due", "label": _("Annual Pay Due"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "annual_recorded", "label": _("Annual Pay on Record"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "no_standard", "label": _("No Pay Standard in Force"), "fieldtype": "Int", "width": 120},
		{"fieldname": "not_recorded", "label": _("No Pay Record in Force"), "fieldtype": "Int", "width": 120},
		{"fieldname": "missing_insurance", "label": _("Missing a Social Insurance"), "fieldtype": "Int", "width": 120},
	]  # fmt: skip
