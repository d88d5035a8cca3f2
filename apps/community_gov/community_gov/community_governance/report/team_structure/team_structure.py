"""Team Structure (队伍结构): the make-up of the active cadres in one position (default: secretaries) on a
date — headcount, gender, average age in completed years (周岁) and age bands, education and the share
with college (大专) education or above, party members, the "一肩挑" ratio (secretaries who are also the
residents' committee director) and the average years in the current post; per sub-district with a total
row, or one total row.

Set-based: one grouped query counts and sums over the cadres the user may see (a reviewer: only the own
sub-district), so the province returns a row per sub-district, not its cadres; the figures are worked
out from those tallies in Python.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import frappe
from frappe import _, _lt
from frappe.query_builder.functions import Count, Extract, Sum
from frappe.utils import getdate, today
from pypika.enums import DatePart
from pypika.terms import Case, CustomFunction

from community_gov.cadres import cadre_criterion
from community_gov.constants import COLLEGE_OR_ABOVE, PARTY_MEMBER_STATUSES, SECRETARY, education_levels

NO_EDUCATION_FIELD = "education_not_recorded"
# (fieldname, label, lowest age, highest age) in completed years; None: open-ended.
AGE_BANDS = (
	("age_35_or_under", _lt("Aged 35 and Under"), None, 35),
	("age_36_to_45", _lt("Aged 36–45"), 36, 45),
	("age_46_to_55", _lt("Aged 46–55"), 46, 55),
	("age_over_55", _lt("Aged Over 55"), 56, None),
)
DAYS_PER_YEAR = Decimal("365.25")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	total = data[-1]
	return get_columns(filters), data, None, get_chart_data(total), get_report_summary(filters, total)


def is_secretary_report(filters) -> bool:
	return (filters.position or SECRETARY) == SECRETARY


def get_data(filters) -> list[dict]:
	"""One row per sub-district (when grouped), then the total row."""
	as_on_date = getdate(filters.as_on_date or today())
	tallies = get_tallies(filters, as_on_date)
	total = structure_row(sum_tallies(tallies.values()), label=_("Total"))
	total["is_total"] = 1
	rows = []
	if filters.group_by == "Sub District":
		rows = [structure_row(tally, label=sub_district) for sub_district, tally in tallies.items()]
	rows.append(total)
	return rows


def get_tallies(filters, as_on_date) -> dict[str | None, dict[str, int]]:
	"""The counts and sums behind the figures, per sub-district in its order: one grouped query over the
	cadres the user may see (`cadre_criterion`; a sub-district reads its own cadres through the Cadre index
	on the sub-district). Ages are figures: a leader gets the average age, not the dates of birth."""
	cadre = frappe.qb.DocType("Cadre")
	age = completed_years_sql(cadre.date_of_birth, as_on_date)
	secretary = cadre.position == SECRETARY
	tallies = {
		"cadres": Count(cadre.name),
		"male": count_if(cadre.gender == "Male"),
		"female": count_if(cadre.gender == "Female"),
		"ages": Count(cadre.date_of_birth),
		"age_sum": Sum(age),
		**{
			fieldname: count_if(cadre.date_of_birth.isnotnull() & age_condition(age, lowest, highest))
			for fieldname, _label, lowest, highest in AGE_BANDS
		},
		**{education_field(level): count_if(cadre.education == level) for level in education_levels()},
		"college_or_above": count_if(cadre.education.isin(COLLEGE_OR_ABOVE)),
		"party_members": count_if(cadre.political_status.isin(PARTY_MEMBER_STATUSES)),
		"secretaries": count_if(secretary),
		"also_director": count_if(secretary & (cadre.also_director != 0)),
		"in_post": Count(cadre.appointment_date),
		"days_in_post": Sum(Greatest(DateDiff(as_on_date, cadre.appointment_date), 0)),
	}
	query = (
		frappe.qb.from_(cadre)
		.select(cadre.sub_district, *(term.as_(name) for name, term in tallies.items()))
		.where(
			cadre_criterion(
				cadre,
				{"sub_district": filters.sub_district, "position": filters.position or SECRETARY},
				"Active",
			)
		)
		.groupby(cadre.sub_district)
		.orderby(cadre.sub_district)
	)
	return {
		row.pop("sub_district"): {name: int(value or 0) for name, value in row.items()}
		for row in query.run(as_dict=True)
	}


Greatest = CustomFunction("GREATEST", ["a", "b"])
DateDiff = CustomFunction("DATEDIFF", ["end", "start"])


def count_if(condition) -> Sum:
	return Sum(Case().when(condition, 1).else_(0))


def completed_years_sql(start, on):
	"""`rules.career.completed_years` in SQL: whole years from `start` to the date `on`, the anniversary
	reached on the same month and day (a 29 February one on 1 March in common years), never below 0."""
	month_day = Extract(DatePart.month, start) * 100 + Extract(DatePart.day, start)
	anniversary_ahead = Case().when(month_day > on.month * 100 + on.day, 1).else_(0)
	return Greatest(on.year - Extract(DatePart.year, start) - anniversary_ahead, 0)


def age_condition(age, lowest: int | None, highest: int | None):
	if lowest is None:
		return age <= highest
	if highest is None:
		return age >= lowest
	return age.between(lowest, highest)


def sum_tallies(tallies) -> dict[str, int]:
	total: dict[str, int] = {}
	for tally in tallies:
		for name, value in tally.items():
			total[name] = total.get(name, 0) + value
	return total


def education_field(level: str) -> str:
	return f"education_{frappe.scrub(level)}"


def round1(value: Decimal | float | None) -> float | None:
	"""Half-up to one decimal, as on paper (round() would give 45.4 for 45.45)."""
	if value is None:
		return None
	return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def average(total: Decimal | int, count: int) -> float | None:
	return round1(Decimal(total) / count) if count else None


def percent(part: int, whole: int) -> float | None:
	return round1(Decimal(part) * 100 / whole) if whole else None


def structure_row(tally: dict[str, int], label: str) -> dict:
	"""The figures of one group of cadres from its tally (`get_tallies`)."""
	cadres = tally.get("cadres", 0)
	education_fields = [education_field(level) for level in education_levels()]
	recorded = sum(tally.get(field, 0) for field in education_fields)
	return {
		"sub_district": label,
		"cadres": cadres,
		"male": tally.get("male", 0),
		"female": tally.get("female", 0),
		"average_age": average(tally.get("age_sum", 0), tally.get("ages", 0)),
		**{fieldname: tally.get(fieldname, 0) for fieldname, *_rest in AGE_BANDS},
		**{field: tally.get(field, 0) for field in education_fields},
		NO_EDUCATION_FIELD: cadres - recorded,
		"college_or_above": tally.get("college_or_above", 0),
		"college_or_above_percent": percent(tally.get("college_or_above", 0), cadres),
		"party_members": tally.get("party_members", 0),
		"also_director": tally.get("also_director", 0),
		"also_director_percent": percent(tally.get("also_director", 0), tally.get("secretaries", 0)),
		"average_years_in_post": average(
			Decimal(tally.get("days_in_post", 0)) / DAYS_PER_YEAR, tally.get("in_post", 0)
		),
	}


def get_columns(filters) -> list[dict]:
	columns = [
		{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 130},
		{"fieldname": "cadres", "label": _("Headcount"), "fieldtype": "Int", "width": 90},
		{"fieldname": "male", "label": _("Male"), "fieldtype": "Int", "width": 70},
		{"fieldname": "female", "label": _("Female"), "fieldtype": "Int", "width": 70},
		{"fieldname": "average_age", "label": _("Average Age"), "fieldtype": "Float", "precision": 1, "width": 90},
		*({"fieldname": f, "label": str(label), "fieldtype": "Int", "width": 90} for f, label, *_r in AGE_BANDS),
		*(
			{"fieldname": education_field(level), "label": _(level), "fieldtype": "Int", "width": 100}
			for level in education_levels()
		),
		{"fieldname": NO_EDUCATION_FIELD, "label": _("Education Not Recorded"), "fieldtype": "Int", "width": 100},
		{"fieldname": "college_or_above", "label": _("College or Above"), "fieldtype": "Int", "width": 100},
		{"fieldname": "college_or_above_percent", "label": _("College or Above %"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "party_members", "label": _("Party Members"), "fieldtype": "Int", "width": 90},
	]  # fmt: skip
	if is_secretary_report(filters):
		columns += [
			{"fieldname": "also_director", "label": _("Secretaries Also Director"), "fieldtype": "Int", "width": 110},
			{"fieldname": "also_director_percent", "label": _("Secretary-and-Director Ratio"), "fieldtype": "Percent", "width": 110},
		]  # fmt: skip
	columns.append(
		{
			"fieldname": "average_years_in_post",
			"label": _("Average Years in Post"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		}
	)
	return columns


def get_chart_data(total: dict) -> dict:
	levels = education_levels()
	return {
		"data": {
			"labels": [_(level) for level in levels],
			"datasets": [
				{
					"name": _("Headcount"),
					"values": [total[education_field(level)] for level in levels],
				}
			],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(filters, total: dict) -> list[dict]:
	items = [
		{"label": _("Headcount"), "value": total["cadres"], "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Male / Female"),
			"value": f"{total['male']} / {total['female']}",
			"datatype": "Data",
			"indicator": "Blue",
		},
		# No datatype: Frappe would print a Float with the system's three decimals (45.500).
		{"label": _("Average Age"), "value": total["average_age"], "indicator": "Blue"},
		{
			"label": _("College or Above %"),
			"value": total["college_or_above_percent"],
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
	if is_secretary_report(filters):
		items.append(
			{
				"label": _("Secretary-and-Director Ratio"),
				"value": total["also_director_percent"],
				"datatype": "Percent",
				"indicator": "Green",
			}
		)
	return items
