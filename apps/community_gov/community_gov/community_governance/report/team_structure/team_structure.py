"""Team Structure (队伍结构): the make-up of the active cadres on a date — of one position or of every
position at once (the whole team, 社区干部队伍) — headcount, gender, average age in completed years (周岁) and
age bands, education and the share with college (大专) education or above, party members, the "一肩挑" ratio
(secretaries who are also the residents' committee director, of the secretaries) and the average years in the
current post, the ethnic make-up (民族: Han, ethnic minorities and their share, seed 000), with the communities
and their grid party groups (网格党小组); per sub-district, per community type (urban / 村改居), per position, per
民族, or one total row. Seed 003's figures come out of it (see `community_gov.rules.team`, which does the
arithmetic, and its fixture tests). Every active cadre counts, whatever its community: grouped by community type,
one whose community is not on record (the form requires it; an import around the form may leave it out) shows
under "(No Community)" rather than dropping out of the groups while staying in the total.

Set-based: one grouped query counts and sums over the cadres the user may see (a reviewer: only the own
sub-district), one over the communities; so the province returns a row per group, not its cadres.
"""

from __future__ import annotations

import frappe
from frappe import _, _lt
from frappe.query_builder.functions import Count, Extract, Sum, Trim
from frappe.utils import getdate, today
from pypika.enums import DatePart
from pypika.terms import Case, CustomFunction, ValueWrapper

from community_gov.cadres import cadre_criterion
from community_gov.constants import (
	COLLEGE_OR_ABOVE,
	PARTY_MEMBER_STATUSES,
	SECRETARY,
	cadre_positions,
	doctype_options,
	education_levels,
)
from community_gov.permissions import community_scope_criterion
from community_gov.rules.team import HAN, average, average_years, minority_figures, percent

NO_EDUCATION_FIELD = "education_not_recorded"
# (fieldname, label, lowest age, highest age) in completed years; None: open-ended.
AGE_BANDS = (
	("age_35_or_under", _lt("Aged 35 and Under"), None, 35),
	("age_36_to_45", _lt("Aged 36–45"), 36, 45),
	("age_46_to_55", _lt("Aged 46–55"), 46, 55),
	("age_over_55", _lt("Aged Over 55"), 56, None),
)
SUB_DISTRICT, COMMUNITY_TYPE, POSITION, ETHNICITY, TOTAL = GROUP_BY = (
	"Sub District",
	"Community Type",
	"Position",
	"Ethnicity",
	"Total",
)
# group_by -> the field of the first column (the total row's label goes there too).
GROUP_FIELDS = {
	SUB_DISTRICT: "sub_district",
	COMMUNITY_TYPE: "community_type",
	POSITION: "position",
	ETHNICITY: "ethnicity",
}
# Groupings of the cadres alone: communities have no position or 民族, only the total row counts them.
CADRE_ONLY_GROUPS = (POSITION, ETHNICITY)


def execute(filters: dict | None = None):
	filters = get_filters(filters)
	data = get_data(filters)
	total = data[-1]
	return get_columns(filters), data, None, get_chart_data(total), get_report_summary(filters, total)


def get_filters(filters: dict | None) -> frappe._dict:
	filters = frappe._dict(filters or {})
	if filters.group_by not in GROUP_BY:
		filters.group_by = TOTAL
	filters.group_field = GROUP_FIELDS.get(filters.group_by, "sub_district")
	return filters


def counts_secretaries(filters) -> bool:
	"""Whether the secretaries are among the cadres counted (the "一肩挑" ratio is theirs)."""
	return filters.position in (None, "", SECRETARY)


def get_data(filters) -> list[dict]:
	"""One row per group (none for Total), then the total row."""
	as_on_date = getdate(filters.as_on_date or today())
	tallies = get_tallies(filters, as_on_date)
	community_tallies = get_community_tallies(filters)
	field = filters.group_field
	total = structure_row(
		sum_tallies([*tallies.values(), *community_tallies.values()]), field, label=_("Total")
	)
	total["is_total"] = 1
	rows = []
	if filters.group_by != TOTAL:
		cadre_only = filters.group_by in CADRE_ONLY_GROUPS
		keys = list(tallies) if cadre_only else [*community_tallies, *tallies]
		for key in group_order(filters.group_by, keys):
			row = structure_row(
				{**tallies.get(key, {}), **({} if cadre_only else community_tallies.get(key, {}))},
				field,
				label=group_label(filters.group_by, key),
			)
			if cadre_only:
				row.update(communities=None, grid_party_groups=None)  # communities have no position or 民族
			rows.append(row)
	rows.append(total)
	return rows


def group_order(group_by: str, keys: list) -> list:
	"""Sub-districts as the database sorts their names (the queries' order), community types and positions
	in their DocType's order; each once."""
	keys = list(dict.fromkeys(keys))
	if group_by == SUB_DISTRICT:
		return keys
	if group_by == ETHNICITY:
		# Han first, then the minorities by name, not recorded last.
		return sorted(keys, key=lambda key: (key is None, key not in HAN, key or ""))
	options = (
		doctype_options("Community", "community_type") if group_by == COMMUNITY_TYPE else cadre_positions()
	)
	rank = {option: index for index, option in enumerate(options)}
	return sorted(keys, key=lambda key: (rank.get(key, len(rank)), key or ""))


def group_label(group_by: str, key: str | None) -> str:
	if key is None:
		# Grouped by community type, a cadre without a community on record (the left join finds none).
		return _("(No Community)") if group_by == COMMUNITY_TYPE else _("Not Recorded")
	return key if group_by in (SUB_DISTRICT, ETHNICITY) else _(key)


def get_tallies(filters, as_on_date) -> dict[str | None, dict[str, int]]:
	"""The counts and sums behind the figures, per group: one grouped query over the cadres the user may see
	(`cadre_criterion`; a sub-district reads its own cadres through the Cadre index on the sub-district), joined
	to their community when the community type groups or filters (a left join when it only groups, so a cadre
	without a community stays in, under "(No Community)"). Ages are figures: a leader gets the average age, not
	the dates of birth."""
	cadre = frappe.qb.DocType("Cadre")
	community = frappe.qb.DocType("Community")
	age = completed_years_sql(cadre.date_of_birth, as_on_date)
	ethnicity = NullIf(Trim(cadre.ethnicity), "")  # a blank 民族 is not recorded
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
		"han": count_if(ethnicity.isin(HAN)),
		"minorities": count_if(ethnicity.isnotnull() & ethnicity.notin(HAN)),
	}
	key = {COMMUNITY_TYPE: community.community_type, POSITION: cadre.position, ETHNICITY: ethnicity}.get(
		filters.group_by, cadre.sub_district
	)
	query = frappe.qb.from_(cadre)
	if filters.community_type:
		query = query.join(community).on(community.name == cadre.community)
		query = query.where(community.community_type == filters.community_type)
	elif filters.group_by == COMMUNITY_TYPE:
		query = query.left_join(community).on(community.name == cadre.community)
	query = (
		query.select(key.as_("group_key"), *(term.as_(name) for name, term in tallies.items()))
		.where(
			cadre_criterion(
				cadre, {"sub_district": filters.sub_district, "position": filters.position}, "Active"
			)
		)
		.groupby(key)
		.orderby(key)
	)
	return {
		row.pop("group_key"): {name: int(value or 0) for name, value in row.items()}
		for row in query.run(as_dict=True)
	}


def get_community_tallies(filters) -> dict[str | None, dict[str, int]]:
	"""The communities the user may see and their grid party groups, per sub-district or community type (all
	together, under the key None, for the other groupings): one query (a sub-district's through the Community
	index on the sub-district)."""
	community = frappe.qb.DocType("Community")
	key = {SUB_DISTRICT: community.sub_district, COMMUNITY_TYPE: community.community_type}.get(
		filters.group_by
	)
	query = frappe.qb.from_(community).select(
		(key if key is not None else ValueWrapper(None)).as_("group_key"),
		Count(community.name).as_("communities"),
		Sum(community.grid_party_groups).as_("grid_party_groups"),
	)
	if key is not None:
		query = query.groupby(key).orderby(key)
	scope = community_scope_criterion(community)
	if scope is not None:
		query = query.where(scope)
	for field in ("sub_district", "community_type"):
		if filters.get(field):
			query = query.where(community[field] == filters[field])
	return {
		row.pop("group_key"): {name: int(value or 0) for name, value in row.items()}
		for row in query.run(as_dict=True)
	}


Greatest = CustomFunction("GREATEST", ["a", "b"])
NullIf = CustomFunction("NULLIF", ["value", "blank"])
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


def structure_row(tally: dict[str, int], group_field: str, label: str) -> dict:
	"""The figures of one group of cadres and communities from its tallies (`get_tallies`,
	`get_community_tallies`), worked out by `community_gov.rules.team`."""
	cadres = tally.get("cadres", 0)
	education_fields = [education_field(level) for level in education_levels()]
	recorded = sum(tally.get(field, 0) for field in education_fields)
	return {
		group_field: label,
		"communities": tally.get("communities", 0),
		"grid_party_groups": tally.get("grid_party_groups", 0),
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
		"secretaries": tally.get("secretaries", 0),
		"also_director": tally.get("also_director", 0),
		"also_director_percent": percent(tally.get("also_director", 0), tally.get("secretaries", 0)),
		"average_years_in_post": average_years(tally.get("days_in_post", 0), tally.get("in_post", 0)),
		**ethnic_columns(tally),
	}


def ethnic_columns(tally: dict[str, int]) -> dict:
	"""Han, ethnic minorities and their share of the cadres with a 民族 on record (`rules.team`)."""
	figures = minority_figures(
		tally.get("han", 0),
		tally.get("minorities", 0),
		tally.get("cadres", 0) - tally.get("han", 0) - tally.get("minorities", 0),
	)
	return {
		"han": figures.han,
		"minorities": figures.minorities,
		"minority_percent": figures.minority_percent,
	}


def get_columns(filters) -> list[dict]:
	columns = [
		group_column(filters),
		{"fieldname": "communities", "label": _("Communities"), "fieldtype": "Int", "width": 90},
		{"fieldname": "grid_party_groups", "label": _("Grid Party Groups"), "fieldtype": "Int", "width": 100},
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
	if counts_secretaries(filters):
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
	columns += [
		{"fieldname": "han", "label": _("Han"), "fieldtype": "Int", "width": 70},
		{"fieldname": "minorities", "label": _("Ethnic Minorities"), "fieldtype": "Int", "width": 90},
		{"fieldname": "minority_percent", "label": _("Ethnic Minority %"), "fieldtype": "Percent", "width": 100},
	]  # fmt: skip
	return columns


def group_column(filters) -> dict:
	if filters.group_by == COMMUNITY_TYPE:
		return {
			"fieldname": "community_type",
			"label": _("Community Type"),
			"fieldtype": "Data",
			"width": 130,
		}
	if filters.group_by == POSITION:
		return {"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 120}
	if filters.group_by == ETHNICITY:
		return {"fieldname": "ethnicity", "label": _("Ethnicity"), "fieldtype": "Data", "width": 100}
	return {"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District",
		"width": 130}  # fmt: skip


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
	if counts_secretaries(filters):
		items.append(
			{
				"label": _("Secretary-and-Director Ratio"),
				"value": total["also_director_percent"],
				"datatype": "Percent",
				"indicator": "Green",
			}
		)
	items += [
		{"label": _("Communities"), "value": total["communities"], "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Grid Party Groups"),
			"value": total["grid_party_groups"],
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"label": _("Ethnic Minority %"),
			"value": total["minority_percent"],
			"datatype": "Percent",
			"indicator": "Blue",
		},
	]
	return items
