"""Career Post Eligibility (事业编制资格, BRIEF R7): for each active cadre in a position (default: secretaries)
on a date — completed years of service since the community service start date, the longest run of
consecutive calendar years graded Excellent in approved annual assessments (anywhere in the history up
to the year of the date), age in completed years (周岁) — and whether all of service ≥ the minimum years,
the run ≥ the minimum Excellent years and age ≤ the maximum age hold (Governance Settings), with the
conditions that fail. The rules themselves are in `community_gov.rules.career`.

Set-based: one query reads the cadres the user may see (a reviewer: only the own sub-district) joined to
their approved Excellent assessments, whatever the number of cadres. The assessments are read for the
person whatever sub-district recorded them, as eligibility follows the person, not the post.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import frappe
from frappe import _, _lt
from frappe.query_builder.functions import GroupConcat
from frappe.utils import getdate, today

from community_gov.cadres import cadre_criterion
from community_gov.constants import SECRETARY
from community_gov.rules.career import AGE, EXCELLENT, SERVICE, CareerSettings, Eligibility, Run, evaluate


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = get_data(filters)
	# The summary and chart describe every cadre checked, also when only the eligible are listed.
	counts = outcome_counts(rows)
	data = [row for row in rows if row["eligible"]] if filters.only_eligible else rows
	return get_columns(filters), data, None, get_chart_data(counts), get_report_summary(counts)


def get_data(filters) -> list[dict]:
	"""Every cadre checked, eligible or not."""
	as_on_date = getdate(filters.as_on_date or today())
	settings = get_settings()
	describe = FailureText(settings)
	return [
		cadre_row(
			cadre,
			evaluate(cadre.date_of_birth, cadre.service_start_date, years, as_on_date, settings),
			describe,
		)
		for cadre, years in get_cadres(filters, as_on_date.year)
	]


def get_settings() -> CareerSettings:
	return CareerSettings.from_mapping(frappe.get_cached_doc("Governance Settings").as_dict())


class CadreFigures(NamedTuple):
	"""A row of `get_cadres` (a tuple: a province has 200,000 of them)."""

	name: str
	full_name: str
	sub_district: str | None
	community: str | None
	date_of_birth: date | None
	service_start_date: date | None


def get_cadres(filters, up_to_year: int) -> list[tuple[CadreFigures, list[int]]]:
	"""The cadres the user may see (`cadre_criterion`), each with the years of its approved assessments
	graded Excellent up to `up_to_year`, wherever they were recorded: one query, a row per cadre (a
	sub-district reads its cadres through the Cadre index on the sub-district, their assessments from the
	Annual Assessment index on (grade, docstatus, cadre, year) alone). R7 needs the age; the date of birth
	itself is shown only to those who may read it."""
	cadre = frappe.qb.DocType("Cadre")
	assessment = frappe.qb.DocType("Annual Assessment")
	rows = (
		frappe.qb.from_(cadre)
		.left_join(assessment)
		.on(
			(assessment.grade == "Excellent")
			& (assessment.docstatus == 1)
			& (assessment.cadre == cadre.name)
			& (assessment.year <= up_to_year)
		)
		.select(*(cadre[field] for field in CadreFigures._fields), GroupConcat(assessment.year))
		.where(
			cadre_criterion(
				cadre,
				{"sub_district": filters.sub_district, "position": filters.position or SECRETARY},
				"Active",
			)
		)
		# A row per cadre (the name is unique), grouped in the order listed: one sort and no temporary table.
		.groupby(cadre.sub_district, cadre.community, cadre.full_name, cadre.name)
		.orderby(cadre.sub_district, cadre.community, cadre.full_name, cadre.name)
		.run()
	)
	return [
		(CadreFigures(*values), [int(year) for year in years.split(",")] if years else [])
		for *values, years in rows
	]


class FailureText:
	"""The conditions a cadre does not meet, in words. Cadres share a few combinations of figures: each is
	put into words once per report (translating 600,000 messages for a province took most of its time)."""

	def __init__(self, settings: CareerSettings):
		self.settings = settings
		self.texts: dict[tuple, str] = {}

	def __call__(self, result: Eligibility) -> str:
		key = (result.failures, result.service_years, result.excellent_run.length, result.age)
		if key not in self.texts:
			self.texts[key] = "; ".join(failure_messages(result, self.settings))
		return self.texts[key]


def failure_messages(result: Eligibility, settings: CareerSettings) -> list[str]:
	messages = []
	if SERVICE in result.failures:
		messages.append(
			_("Service {0} years, fewer than {1}").format(
				result.service_years, settings.career_min_service_years
			)
			if result.service_years is not None
			else _("No community service start date")
		)
	if EXCELLENT in result.failures:
		messages.append(
			_("{0} consecutive Excellent years, fewer than {1}").format(
				result.excellent_run.length, settings.career_min_excellent_years
			)
		)
	if AGE in result.failures:
		messages.append(
			_("Age {0}, over {1}").format(result.age, settings.career_max_age)
			if result.age is not None
			else _("No date of birth")
		)
	return messages


def run_label(run: Run) -> str:
	if not run.length:
		return ""
	return str(run.first_year) if run.length == 1 else f"{run.first_year}–{run.last_year}"


def cadre_row(cadre: CadreFigures, result: Eligibility, describe: FailureText) -> dict:
	run = result.excellent_run
	return {
		"cadre": cadre.name,
		"full_name": cadre.full_name,
		"sub_district": cadre.sub_district,
		"community": cadre.community,
		"age": result.age,
		"service_start_date": cadre.service_start_date,
		"service_years": result.service_years,
		"excellent_years": run.length,
		"excellent_run": run_label(run),
		"eligible": int(result.eligible),
		"failures": describe(result),
		"failure_codes": result.failures,
	}


def get_columns(filters=None) -> list[dict]:
	return [
		# The row's `cadre` (the ID) links the name to the record (career_post_eligibility.js).
		{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 100},
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 110},
		{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 130},
		{"fieldname": "age", "label": _("Age"), "fieldtype": "Int", "width": 60},
		{"fieldname": "service_start_date", "label": _("Community Service Start Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "service_years", "label": _("Years of Service"), "fieldtype": "Int", "width": 90},
		{"fieldname": "excellent_years", "label": _("Consecutive Excellent Years"), "fieldtype": "Int", "width": 110},
		{"fieldname": "excellent_run", "label": _("Years of the Excellent Run"), "fieldtype": "Data", "width": 110},
		{"fieldname": "eligible", "label": _("Eligible"), "fieldtype": "Check", "width": 70},
		{"fieldname": "failures", "label": _("Conditions Not Met"), "fieldtype": "Data", "width": 300},
	]  # fmt: skip


OUTCOMES = (
	("eligible", _lt("Eligible")),
	(SERVICE, _lt("Service Too Short")),
	(EXCELLENT, _lt("Too Few Excellent Years")),
	(AGE, _lt("Over Age Limit")),
)


def outcome_counts(rows: list[dict]) -> dict[str, int]:
	counts = {"cadres": len(rows), "eligible": sum(row["eligible"] for row in rows)}
	for code in (SERVICE, EXCELLENT, AGE):
		counts[code] = sum(code in row["failure_codes"] for row in rows)
	return counts


def get_chart_data(counts: dict[str, int]) -> dict:
	return {
		"data": {
			"labels": [str(label) for _code, label in OUTCOMES],
			"datasets": [{"name": _("Cadres"), "values": [counts[code] for code, _label in OUTCOMES]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(counts: dict[str, int]) -> list[dict]:
	return [
		{"label": _("Cadres Checked"), "value": counts["cadres"], "datatype": "Int", "indicator": "Blue"},
		*(
			{
				"label": str(label),
				"value": counts[code],
				"datatype": "Int",
				"indicator": "Green" if code == "eligible" else "Orange",
			}
			for code, label in OUTCOMES
		),
	]
