"""Cadre Pay (干部待遇): for each active cadre on a date, the pay standard in force for its post and its
community's type, the monthly pay due under it by component, the pay on record and the difference, and the
social insurances not paid for it; or per sub-district, the totals. The rules: `community_gov.rules.pay`.

Pay is personal data: only the Organization Department (and System Manager) may run it, by the report's
roles and by the check in `execute`, which holds whatever path calls it.

Set-based: three queries whatever the number of cadres: the cadres joined to their communities, every pay
standard (a few per post), and the cadres' approved assessments up to the year of the date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import getdate, today

from community_gov.cadres import cadre_criterion
from community_gov.permissions import require_roles
from community_gov.rules.pay import (
	INSURANCE_FIELDS,
	CadrePay,
	PayStandard,
	latest_grades,
	missing_insurances,
	pay_due,
	standard_in_force,
	standards_by_post,
)

PAY_ROLES = ("Organization Department", "System Manager")
# Cadre field → its label, for the insurances a row lacks (养老、失业、工伤、医疗、生育).
INSURANCE_LABELS = {
	"pension_insurance": "Pension Insurance",
	"unemployment_insurance": "Unemployment Insurance",
	"work_injury_insurance": "Work Injury Insurance",
	"medical_insurance": "Medical Insurance",
	"maternity_insurance": "Maternity Insurance",
}
CADRE_VIEW, SUB_DISTRICT_VIEW = "Cadre", "Sub District"


def execute(filters: dict | None = None):
	require_roles(*PAY_ROLES)
	filters = frappe._dict(filters or {})
	as_on_date = getdate(filters.as_on_date or today())
	rows = get_rows(filters, as_on_date)
	summary = get_report_summary(rows)
	if filters.group_by == SUB_DISTRICT_VIEW:
		return sub_district_columns(), sub_district_rows(rows), None, None, summary
	if filters.below_standard_only:
		rows = [row for row in rows if row["below_standard"]]
	return cadre_columns(), rows, None, None, summary


def get_rows(filters, as_on_date: date) -> list[dict]:
	"""A row per active cadre within the filters, with its pay due on `as_on_date`."""
	cadres = get_cadres(filters)
	standards = standards_by_post(get_standards())
	grades = get_grades(filters, as_on_date.year)
	return [cadre_row(cadre, standards, grades.get(cadre.name), as_on_date) for cadre in cadres]


def get_cadres(filters) -> list[frappe._dict]:
	"""The active cadres of the filters with their community's type: one query (Cadre joined to Community)."""
	cadre = frappe.qb.DocType("Cadre")
	community = frappe.qb.DocType("Community")
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
			cadre.monthly_pay,
			*(cadre[fieldname] for fieldname in INSURANCE_FIELDS),
		)
		.where(cadre_criterion(cadre, cadre_filters(filters), "Active"))
		.orderby(cadre.sub_district, cadre.community, cadre.position, cadre.full_name, cadre.name)
		.run(as_dict=True)
	)


def cadre_filters(filters) -> dict:
	return {key: filters.get(key) for key in ("sub_district", "community", "position")}


def get_standards() -> list[PayStandard]:
	"""Every pay standard: one query (a district has a few per post)."""
	return [PayStandard.from_mapping(row) for row in frappe.get_all("Pay Standard", fields=["*"])]


def get_grades(filters, up_to_year: int) -> dict[str, tuple[int, str]]:
	"""Cadre → (year, grade) of its latest approved assessment up to `up_to_year`: one query over the
	approved assessments of the report's cadres (Annual Assessment joined to Cadre)."""
	cadre = frappe.qb.DocType("Cadre")
	assessment = frappe.qb.DocType("Annual Assessment")
	rows = (
		frappe.qb.from_(assessment)
		.join(cadre)
		.on(cadre.name == assessment.cadre)
		.select(assessment.cadre, assessment.year, assessment.grade)
		.where(
			(assessment.docstatus == 1)
			& (assessment.year <= up_to_year)
			& cadre_criterion(cadre, cadre_filters(filters), "Active")
		)
		.run()
	)
	return latest_grades(rows, up_to_year)


def cadre_row(cadre, standards: dict[str, list[PayStandard]], graded, as_on_date: date) -> dict:
	missing = missing_insurances(cadre)
	row = {
		"cadre": cadre.name,
		"full_name": cadre.full_name,
		"sub_district": cadre.sub_district,
		"community": cadre.community,
		"community_type": _(cadre.community_type) if cadre.community_type else None,
		"position": _(cadre.position),
		"recorded": cadre.monthly_pay or None,
		"missing_insurance_count": len(missing),
		"missing_insurances": "、".join(_(INSURANCE_LABELS[fieldname]) for fieldname in missing),
		"below_standard": 0,
		"shortfall": 0,
	}
	standard = standard_in_force(
		standards.get(cadre.position, ()), cadre.position, cadre.community_type, as_on_date
	)
	if not standard:
		row["standard"] = None
		row["note"] = _("No pay standard in force")
		return row
	due = pay_due(
		standard,
		CadrePay(
			post=cadre.position,
			community_type=cadre.community_type,
			service_start_date=cadre.service_start_date,
			also_director=bool(cadre.also_director),
			grade=graded[1] if graded else None,
			recorded_pay=Decimal(str(cadre.monthly_pay)) if cadre.monthly_pay else None,
		),
		as_on_date,
	)
	row.update(
		{
			"standard": standard.name,
			"effective_from": standard.effective_from,
			"post_pay": float(due.post_pay),
			"service_years": due.service_years,
			"service_pay": float(due.service_pay),
			"work_subsidy": float(due.work_subsidy + due.director_supplement),
			"grade": _(graded[1]) if graded else None,
			"grade_year": graded[0] if graded else None,
			"performance_pay": float(due.performance_pay),
			"due": float(due.total),
			"difference": None if due.difference is None else float(due.difference),
			"below_standard": int(due.below_standard),
			"shortfall": float(due.shortfall),
			"note": "" if due.recorded is not None else _("No pay on record"),
		}
	)
	return row


def sub_district_rows(rows: list[dict]) -> list[dict]:
	"""A row per sub-district (in the cadres' order), then the total."""
	totals: dict[str | None, dict] = {}
	for row in rows:
		total = totals.setdefault(row["sub_district"], new_total(row["sub_district"]))
		add_to_total(total, row)
	grand = new_total(_("Total"))
	for total in totals.values():
		for key in (
			"cadres",
			"below_standard",
			"no_standard",
			"missing_insurance",
			"due",
			"recorded",
			"shortfall",
		):
			grand[key] = round(grand[key] + total[key], 2)
	grand["is_total"] = 1
	return [*totals.values(), grand]


def new_total(sub_district) -> dict:
	return {
		"sub_district": sub_district,
		"cadres": 0,
		"below_standard": 0,
		"no_standard": 0,
		"missing_insurance": 0,
		"due": 0.0,
		"recorded": 0.0,
		"shortfall": 0.0,
	}


def add_to_total(total: dict, row: dict) -> None:
	total["cadres"] += 1
	total["below_standard"] += row["below_standard"]
	total["no_standard"] += not row["standard"]
	total["missing_insurance"] += bool(row["missing_insurance_count"])
	if row["standard"]:
		# Due and on record side by side over the cadres a standard applies to.
		total["due"] = round(total["due"] + row["due"], 2)
		total["recorded"] = round(total["recorded"] + (row["recorded"] or 0), 2)
	total["shortfall"] = round(total["shortfall"] + row["shortfall"], 2)


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
		{"fieldname": "recorded", "label": _("Monthly Pay on Record"), "fieldtype": "Currency", "width": 105},
		{"fieldname": "difference", "label": _("Pay Difference"), "fieldtype": "Currency", "width": 95},
		{"fieldname": "missing_insurances", "label": _("Missing Social Insurance"), "fieldtype": "Data", "width": 160},
		{"fieldname": "note", "label": _("Remarks"), "fieldtype": "Data", "width": 130},
	]  # fmt: skip


def sub_district_columns() -> list[dict]:
	return [
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Data", "width": 120},
		{"fieldname": "cadres", "label": _("Cadres"), "fieldtype": "Int", "width": 80},
		{"fieldname": "below_standard", "label": _("Paid Below Standard"), "fieldtype": "Int", "width": 110},
		{"fieldname": "shortfall", "label": _("Total Monthly Shortfall"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "due", "label": _("Monthly Pay Due"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "recorded", "label": _("Monthly Pay on Record"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "no_standard", "label": _("No Pay Standard in Force"), "fieldtype": "Int", "width": 120},
		{"fieldname": "missing_insurance", "label": _("Missing a Social Insurance"), "fieldtype": "Int", "width": 120},
	]  # fmt: skip
