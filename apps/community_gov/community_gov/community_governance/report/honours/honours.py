"""Honours (荣誉表彰, seed 004): the cadres' honours counted by year, level and kind (role models, 优秀共产党员,
优秀党务工作者, 十佳社区党组织书记, 两代表一委员 recommendations and, of them, those elected), or listed one by
one (Detail view), so seed 004's "30+ role models since 2017" is a figure of the report (From Year 2017: the
summary's Role Models), not a count by hand. Its years are those an honour can have (from
`rules.honours.EARLIEST_HONOUR_YEAR` to this year), as the Cadre form takes them.

The year is the honour's own (the year it is for, `community_gov.rules.honours`); honours without a known
year show only when no year is chosen. Cadres of every status count: an honour stays one after its holder
leaves. Which kinds make a role model and how the counts go: `rules.honours`.

Set-based: one query over Cadre Honour joined to its Cadre, limited to the cadres the user may see
(`community_gov.cadres.cadre_criterion`: a reviewer its sub-districts) and to the filters; the counts are
made from those rows (`rules.honours`).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Order

from community_gov.cadres import cadre_criterion
from community_gov.dates import current_year
from community_gov.report_filters import report_year
from community_gov.rules.honours import (
	EARLIEST_HONOUR_YEAR,
	KINDS,
	LEVELS,
	OTHER,
	ROLE_MODEL_KINDS,
	TWO_REPRESENTATIVES,
	Honour,
	count_by_year_level_kind,
	counts_by_year,
	summarize,
)
from community_gov.text import bold

SUMMARY, DETAIL = VIEWS = ("Summary", "Detail")
DETAIL_FIELDS = (
	"full_name",
	"community",
	"sub_district",
	"honour",
	"awarded_on",
	"awarding_body",
	"reference",
)


def execute(filters: dict | None = None):
	filters = get_filters(filters)
	rows = get_honours(filters)
	honours = [as_honour(row) for row in rows]
	data = detail_rows(rows) if filters.view == DETAIL else summary_rows(honours)
	return (
		get_columns(filters),
		data,
		get_message(),
		get_chart_data(honours),
		get_report_summary(honours),
	)


def get_message() -> str:
	return _("Role models: the cadres holding an honour of the kinds {0}").format(
		", ".join(_(kind) for kind in KINDS if kind in ROLE_MODEL_KINDS)
	)


def get_filters(filters: dict | None) -> frappe._dict:
	"""The filters checked: years the data can hold, from not after to, a kind and a level of the lists."""
	filters = frappe._dict(filters or {})
	# The years an honour can be for, as the form takes them (cadre_honour.py).
	years = {"earliest": EARLIEST_HONOUR_YEAR, "latest": current_year()}
	filters.from_year = report_year(filters, "from_year", _("From Year"), None, **years)
	filters.to_year = report_year(filters, "to_year", _("To Year"), None, **years)
	if filters.from_year and filters.to_year and filters.from_year > filters.to_year:
		frappe.throw(
			_("{0} {1} is after {2} {3}").format(
				_("From Year"), bold(filters.from_year), _("To Year"), bold(filters.to_year)
			),
			title=_("Invalid Filter"),
		)
	for fieldname, label, options in (("kind", _("Kind"), KINDS), ("level", _("Level"), LEVELS)):
		if filters.get(fieldname) and filters[fieldname] not in options:
			frappe.throw(
				_("{0} is not one of {1}").format(
					f"{label} {bold(filters[fieldname])}", ", ".join(_(option) for option in options)
				),
				title=_("Invalid Filter"),
			)
	filters.view = filters.view if filters.view in VIEWS else SUMMARY
	return filters


def get_honours(filters) -> list[frappe._dict]:
	"""The honours of the cadres the user may see, narrowed by the filters: one query."""
	honour, cadre = frappe.qb.DocType("Cadre Honour"), frappe.qb.DocType("Cadre")
	detail = filters.view == DETAIL
	criterion = (
		(honour.parenttype == "Cadre")
		& (honour.parentfield == "honours")
		& cadre_criterion(cadre, {"sub_district": filters.sub_district, "community": filters.community}, None)
	)
	if filters.from_year or filters.to_year:
		criterion &= honour.year > 0  # an honour without a known year is in no range of years
	if filters.from_year:
		criterion &= honour.year >= filters.from_year
	if filters.to_year:
		criterion &= honour.year <= filters.to_year
	if filters.kind:
		criterion &= honour.kind == filters.kind
	if filters.level:
		criterion &= honour.level == filters.level
	query = (
		frappe.qb.from_(honour)
		.join(cadre)
		.on(cadre.name == honour.parent)
		.select(honour.parent.as_("cadre"), honour.year, honour.level, honour.kind, honour.outcome)
		.where(criterion)
	)
	if detail:
		query = query.select(
			cadre.full_name,
			cadre.community,
			cadre.sub_district,
			honour.honour,
			honour.awarded_on,
			honour.awarding_body,
			honour.reference,
			honour.representative_post,
		)
		query = query.orderby(honour.year, order=Order.desc).orderby(
			cadre.sub_district, cadre.community, cadre.full_name, honour.awarded_on
		)
	return query.run(as_dict=True)


def as_honour(row) -> Honour:
	return Honour(
		cadre=row.cadre,
		year=row.year or None,
		level=row.level or None,
		kind=row.kind or OTHER,
		outcome=row.outcome or None,
	)


def summary_rows(honours: list[Honour]) -> list[dict]:
	return [
		{
			"year": group.year,
			"level": _(group.level) if group.level else "",
			"kind": _(group.kind),
			"honours": group.honours,
			"cadres": group.cadres,
			# Of recommendations only: how many came to election.
			"elected": group.elected if group.kind == TWO_REPRESENTATIVES else None,
		}
		for group in count_by_year_level_kind(honours)
	]


def detail_rows(rows: list[frappe._dict]) -> list[dict]:
	return [
		{
			"year": row.year or None,
			"cadre": row.cadre,
			**{field: row[field] for field in DETAIL_FIELDS},
			"kind": _(row.kind or OTHER),
			"level": _(row.level) if row.level else "",
			"representative_post": _(row.representative_post) if row.representative_post else "",
			"outcome": _(row.outcome) if row.outcome else "",
		}
		for row in rows
	]


def get_columns(filters) -> list[dict]:
	if filters.view == DETAIL:
		return [
			{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70},
			# The row's `cadre` (the ID) links the name to the record (honours.js).
			{"fieldname": "full_name", "label": _("Cadre"), "fieldtype": "Data", "width": 100},
			{"fieldname": "community", "label": _("Community"), "fieldtype": "Link", "options": "Community", "width": 140},
			{"fieldname": "sub_district", "label": _("Sub District"), "fieldtype": "Link", "options": "Sub District", "width": 120},
			{"fieldname": "honour", "label": _("Honour"), "fieldtype": "Data", "width": 160},
			{"fieldname": "kind", "label": _("Kind"), "fieldtype": "Data", "width": 130},
			{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 70},
			{"fieldname": "awarded_on", "label": _("Awarded On"), "fieldtype": "Date", "width": 100},
			{"fieldname": "awarding_body", "label": _("Awarding Body"), "fieldtype": "Data", "width": 140},
			{"fieldname": "reference", "label": _("Document No."), "fieldtype": "Data", "width": 140},
			{"fieldname": "representative_post", "label": _("Recommended As"), "fieldtype": "Data", "width": 110},
			{"fieldname": "outcome", "label": _("Result"), "fieldtype": "Data", "width": 80},
		]  # fmt: skip
	return [
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 80},
		{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 90},
		{"fieldname": "kind", "label": _("Kind"), "fieldtype": "Data", "width": 180},
		{"fieldname": "honours", "label": _("Honours"), "fieldtype": "Int", "width": 90},
		{"fieldname": "cadres", "label": _("Cadres"), "fieldtype": "Int", "width": 90},
		{"fieldname": "elected", "label": _("Elected"), "fieldtype": "Int", "width": 90},
	]


def get_chart_data(honours: list[Honour]) -> dict | None:
	"""Honours per year, stacked by kind (the kinds present)."""
	years, series = counts_by_year(honours)
	if not years:
		return None
	return {
		"data": {
			"labels": [str(year) for year in years],
			"datasets": [
				{"name": _(kind), "values": values} for kind, values in series.items() if any(values)
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def get_report_summary(honours: list[Honour]) -> list[dict]:
	summary = summarize(honours)
	return [
		{"label": _("Honours"), "value": summary.honours, "indicator": "Blue"},
		{"label": _("Cadres Honoured"), "value": summary.cadres, "indicator": "Blue"},
		{"label": _("Role Models (Cadres)"), "value": summary.role_models, "indicator": "Green"},
		*(
			{"label": _(kind), "value": summary.by_kind[kind], "indicator": "Green"}
			for kind in KINDS
			if kind != OTHER
		),
		# Of the recommendations (两代表一委员推荐), those elected (seed 004: 被选为…党代会代表).
		{"label": _("Elected as Deputies or Members"), "value": summary.elected, "indicator": "Green"},
	]
