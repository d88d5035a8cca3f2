"""Team Structure (队伍结构): the make-up of the active cadres in one position (default: secretaries) on a
date — headcount, gender, average age in completed years (周岁) and age bands, education and the share
with college (大专) education or above, party members, the "一肩挑" ratio (secretaries who are also the
residents' committee director) and the average years in the current post; per sub-district with a total
row, or one total row.

Set-based: one permission-aware query over the cadres the user may see (a reviewer: only the own
sub-district); everything else is counted in Python, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import frappe
from frappe import _, _lt
from frappe.utils import getdate, today

from community_gov.cadres import report_cadres
from community_gov.constants import COLLEGE_OR_ABOVE, PARTY_MEMBER_STATUSES, SECRETARY, education_levels
from community_gov.rules.career import completed_years

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
	cadres = get_cadres(filters)
	total = structure_row(cadres, as_on_date, label=_("Total"))
	total["is_total"] = 1
	rows = []
	if filters.group_by == "Sub District":
		by_sub_district: dict[str, list] = defaultdict(list)
		for cadre in cadres:
			by_sub_district[cadre.sub_district].append(cadre)
		rows = [
			structure_row(members, as_on_date, label=sub_district)
			for sub_district, members in by_sub_district.items()
		]
	rows.append(total)
	return rows


def get_cadres(filters) -> list[frappe._dict]:
	return report_cadres(
		{"sub_district": filters.sub_district, "position": filters.position or SECRETARY},
		fields=[
			"sub_district",
			"gender",
			"date_of_birth",
			"education",
			"political_status",
			"position",
			"also_director",
			"appointment_date",
		],
		status="Active",
		order_by="sub_district asc, name asc",
		# Ages are figures: a leader sees the average age, not the dates of birth.
		figure_fields=("date_of_birth",),
	)


def education_field(level: str) -> str:
	return f"education_{frappe.scrub(level)}"


def round1(value: Decimal | float | None) -> float | None:
	"""Half-up to one decimal, as on paper (round() would give 45.4 for 45.45)."""
	if value is None:
		return None
	return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def average(values: list) -> float | None:
	return round1(Decimal(sum(values)) / len(values)) if values else None


def percent(part: int, whole: int) -> float | None:
	return round1(Decimal(part) * 100 / whole) if whole else None


def age_band(age: int) -> str:
	for fieldname, _label, lowest, highest in AGE_BANDS:
		if (lowest is None or age >= lowest) and (highest is None or age <= highest):
			return fieldname
	raise ValueError(age)


def structure_row(cadres: list, as_on_date, label: str) -> dict:
	"""The figures of one group of cadres on ``as_on_date``."""
	ages = [completed_years(getdate(c.date_of_birth), as_on_date) for c in cadres if c.date_of_birth]
	years_in_post = [
		max(Decimal((as_on_date - getdate(c.appointment_date)).days), Decimal(0)) / DAYS_PER_YEAR
		for c in cadres
		if c.appointment_date
	]
	secretaries = [c for c in cadres if c.position == SECRETARY]
	also_director = sum(1 for c in secretaries if c.also_director)
	college = sum(1 for c in cadres if c.education in COLLEGE_OR_ABOVE)
	education_fields = {level: education_field(level) for level in education_levels()}
	row = {
		"sub_district": label,
		"cadres": len(cadres),
		"male": sum(1 for c in cadres if c.gender == "Male"),
		"female": sum(1 for c in cadres if c.gender == "Female"),
		"average_age": average(ages),
		**{fieldname: 0 for fieldname, *_rest in AGE_BANDS},
		**dict.fromkeys(education_fields.values(), 0),
		NO_EDUCATION_FIELD: 0,
		"college_or_above": college,
		"college_or_above_percent": percent(college, len(cadres)),
		"party_members": sum(1 for c in cadres if c.political_status in PARTY_MEMBER_STATUSES),
		"also_director": also_director,
		"also_director_percent": percent(also_director, len(secretaries)),
		"average_years_in_post": average(years_in_post),
	}
	for age in ages:
		row[age_band(age)] += 1
	for cadre in cadres:
		row[education_fields.get(cadre.education, NO_EDUCATION_FIELD)] += 1
	return row


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
