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

Set-based: four queries whatever the number of cadres: the cadres whose terms then differ from the register
and those terms; the cadres joined to
their communities, their pay records in force on the date and their approved assessments of the year before;
every pay standard (a few per post). A province's figures travel packed, one string per row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import format_date, getdate, today
from pypika import Order
from pypika.terms import Criterion

from community_gov.constants import DIRECTOR, SECRETARY, cadre_positions
from community_gov.permissions import PAY_ROLES, cadre_scope_criterion, require_roles
from community_gov.query_utils import PACK_SEPARATOR, in_names, packed
from community_gov.rules.career import completed_years
from community_gov.rules.pay import (
	INSURANCE_FIELDS,
	CadrePay,
	PayStandard,
	annual,
	missing_insurances,
	money,
	pay_due,
	performance_year,
	standard_in_force,
	standards_by_post,
	term_in_force,
)
from community_gov.text import Translations, bold

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
	held_filters = [(key, filters[key]) for key in HELD_FILTERS if filters.get(key)]
	cadres = [
		cadre
		for cadre in (held_on(cadre, terms.get(cadre.name)) for cadre in get_cadres(filters, on))
		if all(cadre[key] == value for key, value in held_filters)
	]
	# In the order of the post and community held then.
	cadres.sort(key=lambda c: (c.sub_district or "", c.community or "", c.position, c.full_name, c.name))
	standards = standards_by_post(get_standards())
	words, memo = Translations(), {}
	return [cadre_row(cadre, standards, on, words, memo) for cadre in cadres]


def terms_in_force(term, on: date) -> Criterion:
	"""The terms of `term` (a Cadre Term table) a cadre held on `on` (`rules.pay.term_in_force`)."""
	return (
		(term.status != "Cancelled")
		& (term.start_date <= on)
		& (term.ended_on.isnull() | (term.ended_on > on))
	)


def get_terms(filters, on: date) -> dict[str, dict]:
	"""Cadre → the term it held on `on` (its most senior post then), with its community's type and
	sub-district: two queries (the cadres `held_elsewhere`, then their terms joined to Community), the figures
	packed (`query_utils.packed`).

	Only the cadres whose terms then say something the register does not are read: the others held then what
	they hold now, which is most of a province on most dates."""
	term, community = frappe.qb.DocType("Cadre Term"), frappe.qb.DocType("Community")
	query = (
		frappe.qb.from_(term)
		.join(community)
		.on(community.name == term.community)
		.select(
			term.cadre,
			term.community,
			community.sub_district,
			packed([term.post, community.community_type, term.start_date, term.ended_on, term.status]),
		)
		.where(terms_in_force(term, on) & in_names(term.cadre, held_elsewhere(filters, on)))
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
	for name, community_name, sub_district, figures in query.run():
		by_cadre.setdefault(name, []).append((community_name, sub_district, figures))
	posts = cadre_positions()
	return {name: held_term(terms, on, posts) for name, terms in by_cadre.items()}


def held_term(terms: list[tuple], on: date, posts: tuple[str, ...]) -> dict:
	"""The term a cadre held on `on` among its terms in force then, from their packed figures: the only one,
	or the most senior (`rules.pay.term_in_force`; the dates are read only then)."""
	unpacked = []
	for community_name, sub_district, figures in terms:
		post, community_type, start, ended, status = figures.split(PACK_SEPARATOR)
		term = {
			"post": post,
			"community": community_name,
			"sub_district": sub_district,
			"community_type": community_type or None,
		}
		if len(terms) > 1:
			term.update(
				start_date=date.fromisoformat(start),
				ended_on=date.fromisoformat(ended) if ended else None,
				status=status,
			)
		unpacked.append(term)
	return unpacked[0] if len(unpacked) == 1 else term_in_force(unpacked, on, posts)


def held_elsewhere(filters, on: date) -> list[str]:
	"""The cadres with a term in force on `on` other than in their current post (the director's post counting
	for a secretary who is also director, 一肩挑) and community, or who have left since, or who took their
	current post after `on`: for them the terms tell what was held (`from_term`); for every other cadre with a
	term then, the term and the register agree."""
	term, cadre = frappe.qb.DocType("Cadre Term"), frappe.qb.DocType("Cadre")
	current_post = (term.post == cadre.position) | (
		(term.post == DIRECTOR) & (cadre.position == SECRETARY) & (cadre.also_director == 1)
	)
	divergent = (
		(cadre.status != "Active")
		| (cadre.appointment_date > on)
		| (term.community != cadre.community)
		| cadre.community.isnull()
		| ~current_post
	)

	def divergent_terms(*narrowing: Criterion):
		return (
			frappe.qb.from_(term)
			.join(cadre)
			.on(cadre.name == term.cadre)
			.select(term.cadre)
			.where(Criterion.all([terms_in_force(term, on), divergent, *narrowing]))
		)

	one_cadre = [term.cadre == filters.cadre] if filters.cadre else []
	held_there = [term[field] == filters[key] for key, field in HELD_FIELDS.items() if filters.get(key)]
	if not held_there:
		return divergent_terms(*one_cadre).distinct().run(pluck=True)
	# Terms held there, and the terms of the cadres there now: each through its own index (a UNION, distinct).
	there_now = [cadre[key] == filters[key] for key in HELD_FIELDS if filters.get(key)]
	return (divergent_terms(*held_there, *one_cadre) + divergent_terms(*there_now, *one_cadre)).run(
		pluck=True
	)


def get_cadres(filters, on: date) -> list[frappe._dict]:
	"""The cadres in post on `on`: active now with their community service begun by then, or holding a term
	then (left since); with their current community's type, their pay record in force on `on`
	(`record_in_force`) and the grade that sets their performance pay then (the approved assessment of the year
	before; `rules.pay.grades_for_pay`). One query (Cadre joined to Community, the records and the assessments),
	narrowed by the filters on the current or the held post and community (the rows are matched exactly
	afterwards and sorted by what was held, not here), the figures packed."""
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
	assessment = frappe.qb.DocType("Annual Assessment")
	rows = (
		frappe.qb.from_(cadre)
		.left_join(community)
		.on(community.name == cadre.community)
		.left_join(assessment)
		.on(
			(assessment.cadre == cadre.name)
			& (assessment.year == performance_year(on))
			& (assessment.docstatus == 1)
		)
		.select(
			cadre.name,
			cadre.full_name,
			cadre.sub_district,
			cadre.community,
			packed(
				[
					community.community_type,
					cadre.position,
					cadre.also_director,
					cadre.service_start_date,
					cadre.appointment_date,
					assessment.grade,
					record_in_force(cadre, on),  # itself packed: last, as it is one value or several
				]
			),
		)
		.where(criterion)
		.run()
	)
	cadres = []
	for name, full_name, sub_district, community_name, figures in rows:
		community_type, position, director, service_start, appointed, grade, record = figures.split(
			PACK_SEPARATOR, 6
		)
		cadres.append(
			frappe._dict(
				name=name,
				full_name=full_name,
				sub_district=sub_district,
				community=community_name,
				community_type=community_type or None,
				position=position,
				also_director=int(director or 0),
				# ISO dates as text: compared as text, parsed once per distinct date (cadre_row)
				service_start_date=service_start or None,
				appointment_date=appointed or None,
				grade=grade or None,
				record=record,  # `record_in_force`, still packed: "" when none
			)
		)
	return cadres


def held_on(cadre: frappe._dict, term: dict | None) -> frappe._dict:
	"""The cadre with the post, community, its type and sub-district it held on the report's date: its term
	then (`term`, from `get_terms`), else the current ones (`from_term` says which)."""
	if term:
		cadre.position = term["post"]
		cadre.community = term["community"]
		cadre.community_type = term["community_type"]
		cadre.sub_district = term["sub_district"]
	cadre.from_term = int(bool(term))
	return cadre


def record_in_force(cadre, on: date):
	"""The pay record in force on `on` of the cadre of the row (`cadre`, the Cadre table of the query), packed:
	the latest effective on or before `on` (`rules.pay.record_in_force`), found through the (cadre,
	effective_from) index, as a subquery of the cadre's row (a derived table of every cadre's newest record
	is built once per cadre by MariaDB's lateral split)."""
	record = frappe.qb.DocType("Cadre Pay Record")
	return (
		frappe.qb.from_(record)
		.select(
			packed([record.name, record.monthly_pay, *(record[fieldname] for fieldname in INSURANCE_FIELDS)])
		)
		.where((record.cadre == cadre.name) & (record.effective_from <= on))
		.orderby(record.effective_from, order=Order.desc)
		.limit(1)
	)


def get_standards() -> list[PayStandard]:
	"""Every pay standard: one query (a district has a few per post)."""
	return [PayStandard.from_mapping(row) for row in frappe.get_all("Pay Standard", fields=["*"])]


def cadre_row(cadre, standards: dict[str, list[PayStandard]], on: date, words, memo: dict) -> dict:
	"""The cadre's row: who it is, its record, and what it shares with every cadre of the same post, community
	type, years of service, grade and pay on record (`pay_figures`, kept in `memo`: a province's cadres share a
	few thousand such combinations, and working each out per cadre took most of a province's run)."""
	record_name, _separator, recorded = cadre.record.partition(PACK_SEPARATOR)
	if ("years", cadre.service_start_date) not in memo:
		start = date.fromisoformat(cadre.service_start_date) if cadre.service_start_date else None
		memo["years", cadre.service_start_date] = completed_years(start, on)
	key = (
		cadre.position,
		cadre.community_type,
		memo["years", cadre.service_start_date],  # the cadres of the same years of service share their pay
		cadre.also_director,
		cadre.grade,
		recorded if record_name else None,
	)
	if key not in memo:
		memo[key] = pay_figures(cadre, key[-1], standards, on, words)
	figures, notes_before, notes_after = memo[key]
	row = {
		"cadre": cadre.name,
		"full_name": cadre.full_name,
		"sub_district": cadre.sub_district,
		"community": cadre.community,
		"pay_record": record_name or None,
		**figures,
	}
	if not cadre.from_term and cadre.appointment_date and cadre.appointment_date > on.isoformat():
		# Before its current post the register knows the cadre's post only from its terms: none then.
		held_since = _("Post as now (held since {0})").format(format_date(cadre.appointment_date))
		row["note"] = "; ".join([*notes_before, held_since, *notes_after])
	return row


def pay_figures(cadre, recorded: str | None, standards, on: date, words) -> tuple[dict, list, list]:
	"""What a row shows for the cadre's post, community type, years of service, grade and pay on record
	(`recorded`: its record's packed pay and insurances, None without a record in force), with the remarks
	that go before and after a row's own."""
	if recorded is None:
		missing, pay = (), None
	else:
		monthly_pay, *flags = recorded.split(PACK_SEPARATOR)
		missing = missing_insurances(
			{field: int(flag or 0) for field, flag in zip(INSURANCE_FIELDS, flags, strict=True)}
		)
		pay = money(monthly_pay) if monthly_pay else None
	figures = {
		"community_type": words[cadre.community_type] or None,
		"position": words[cadre.position],
		"recorded": float(pay) if pay is not None else None,
		"missing_insurance_count": len(missing),
		"missing_insurances": "、".join(words[INSURANCE_LABELS[fieldname]] for fieldname in missing),
		"not_recorded": int(recorded is None),
		"below_standard": 0,
		"shortfall": 0,
	}
	before = [words["No pay on record"]] if recorded is None else []
	standard = standard_in_force(standards.get(cadre.position, ()), cadre.position, cadre.community_type, on)
	if not standard:
		before.insert(0, words["No pay standard in force"])
		figures.update(standard=None, note="; ".join(before))
		return figures, before, []
	start = date.fromisoformat(cadre.service_start_date) if cadre.service_start_date else None
	due = pay_due(
		standard,
		CadrePay(
			post=cadre.position,
			community_type=cadre.community_type,
			service_start_date=start,
			also_director=bool(cadre.also_director),
			grade=cadre.grade,
			recorded_pay=pay,
		),
		on,
	)
	after = (
		[] if cadre.grade else [_("Not assessed for {0}: no performance pay").format(performance_year(on))]
	)
	figures.update(
		{
			"standard": standard.name,
			"effective_from": standard.effective_from,
			"post_pay": float(due.post_pay),
			"service_years": due.service_years,
			"service_pay": float(due.service_pay),
			"work_subsidy": float(due.work_subsidy + due.director_supplement),
			"grade": words[cadre.grade] if cadre.grade else words["Not Assessed"],
			"grade_year": performance_year(on),
			"performance_pay": float(due.performance_pay),
			"due": float(due.total),
			"difference": None if due.difference is None else float(due.difference),
			"below_standard": int(due.below_standard),
			"shortfall": float(due.shortfall),
			"note": "; ".join([*before, *after]),
		}
	)
	return figures, before, after


def sub_district_rows(rows: list[dict]) -> list[dict]:
	"""A row per sub-district (in the cadres' order), then the total; the month's figures and the year's
	(× 12, `rules.pay.annual`). Amounts are summed in fen, as integers: exact, and a province's 200,000 rows
	summed as Decimals took a second."""
	totals: dict[str | None, dict] = {}
	for row in rows:
		total = totals.setdefault(row["sub_district"], new_total(row["sub_district"]))
		add_to_total(total, row)
	grand = new_total(_("Total"))
	for total in totals.values():
		for key in (*COUNTED, *SUMMED):
			grand[key] += total[key]
	grand["is_total"] = 1
	result = [*totals.values(), grand]
	for total in result:
		for key in SUMMED:
			total[key] = total[key] / 100
		total["annual_due"] = float(annual(total["due"]))
		total["annual_recorded"] = float(annual(total["recorded"]))
	return result


COUNTED = ("cadres", "below_standard", "no_standard", "not_recorded", "missing_insurance")
SUMMED = ("due", "recorded", "shortfall")  # in fen while summed


def new_total(sub_district) -> dict:
	return {"sub_district": sub_district, **dict.fromkeys(COUNTED, 0), **dict.fromkeys(SUMMED, 0)}


def fen(amount: float | None) -> int:
	"""A row's amount (yuan, already to the fen) in fen."""
	return round((amount or 0) * 100)


def add_to_total(total: dict, row: dict) -> None:
	total["cadres"] += 1
	total["below_standard"] += row["below_standard"]
	total["no_standard"] += not row["standard"]
	total["not_recorded"] += row["not_recorded"]
	total["missing_insurance"] += bool(row["missing_insurance_count"])
	if row["standard"]:
		# Due and on record side by side over the cadres a standard applies to.
		total["due"] += fen(row["due"])
		total["recorded"] += fen(row["recorded"])
	total["shortfall"] += fen(row["shortfall"])


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
