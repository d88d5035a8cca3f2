"""Conferring the Top Ten title (十佳社区党组织书记, seed 004) from the year's ranking in one action.

Organization Department confers it from the Top Ten Secretaries report ("Confer Title"): the ten secretaries
the ranking places first (`community_gov.assessment.top_ten`, district-wide, with the report's window and
weights) or some of them, by a body on a date. Each gets one Cadre Honour row (kind Top Ten Secretary, level
District, the ranking's year) through the Cadre's own save, so its validation, permission check and version
history apply. Conferring twice for a year writes nothing new; a cadre outside the ranking refuses the whole
request, naming it. Who gets what: `community_gov.rules.honours.plan_conferral`.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from community_gov.assessment.common import ORGANIZATION_ROLE
from community_gov.assessment.issuing import as_list
from community_gov.assessment.top_ten import DEFAULT_LIMIT, get_ranking, ranked_rows
from community_gov.exceptions import NotInTopTenError
from community_gov.permissions import require_roles
from community_gov.report_filters import report_year
from community_gov.rules import honours
from community_gov.text import bold, clean_text


@frappe.whitelist(methods=["POST"])
def confer_top_ten(
	year: int,
	awarding_body: str,
	awarded_on: str | None = None,
	cadres: list[str] | str | None = None,
	reference: str | None = None,
	window_years: int | None = None,
	score_weight: float | None = None,
	satisfaction_weight: float | None = None,
	training_weight: float | None = None,
) -> dict:
	"""Confer `year`'s Top Ten title on `cadres` (none named: the whole top ten of the ranking). Returns the
	cadres that got it now and those that held it for the year already."""
	require_roles(ORGANIZATION_ROLE)
	year = report_year({"year": year}, "year", _("Year"), None)
	if not year:
		frappe.throw(_("{0} is required").format(_("Year")), title=_("Missing Value"))
	awarding_body = clean_text(awarding_body)
	if not awarding_body:
		frappe.throw(_("{0} is required").format(_("Awarding Body")), title=_("Missing Value"))
	awarded_on = getdate(awarded_on or today())
	validate_award_date(year, awarded_on)

	ranking = get_ranking(
		frappe._dict(
			year=year,
			window_years=window_years,
			score_weight=score_weight,
			satisfaction_weight=satisfaction_weight,
			training_weight=training_weight,
			limit=DEFAULT_LIMIT,
		)
	)
	ranked = {row["cadre"]: row["full_name"] for row in ranked_rows(ranking)}
	if not ranked:
		frappe.throw(
			_("No secretary is ranked for {0}: there is nobody to confer the title on").format(bold(year)),
			NotInTopTenError,
		)
	requested = as_list(cadres) or None
	# Locked first, so a second request at the same time (a double click) waits and then finds them conferred.
	lock_cadres(list(ranked))
	plan = honours.plan_conferral(ranked, requested, conferred_already(year, [*ranked, *(requested or ())]))
	if plan.not_ranked:
		refuse_unranked(plan.not_ranked, year)
	for cadre in plan.to_confer:
		confer(cadre, year, awarded_on, awarding_body, clean_text(reference))
	return {
		"year": year,
		"conferred": [{"cadre": name, "full_name": ranked[name]} for name in plan.to_confer],
		"already_conferred": [{"cadre": name, "full_name": ranked[name]} for name in plan.already_conferred],
	}


def validate_award_date(year: int, awarded_on) -> None:
	if awarded_on > getdate(today()):
		frappe.throw(
			_("{0} {1} is in the future").format(_("Awarded On"), bold(awarded_on)), title=_("Invalid Date")
		)
	if year > awarded_on.year:  # a title is for a year gone by or the current one (rules.honours)
		frappe.throw(
			_("The title for {0} cannot be awarded on {1}, before that year").format(
				bold(year), bold(awarded_on)
			),
			title=_("Invalid Date"),
		)


def lock_cadres(names: list[str]) -> None:
	cadre = frappe.qb.DocType("Cadre")
	frappe.qb.from_(cadre).select(cadre.name).where(cadre.name.isin(names)).for_update().run()


def conferred_already(year: int, cadres: list[str]) -> set[str]:
	"""The cadres holding the Top Ten title for `year` already (one query)."""
	honour = frappe.qb.DocType("Cadre Honour")
	return set(
		frappe.qb.from_(honour)
		.select(honour.parent)
		.distinct()
		.where(
			(honour.parenttype == "Cadre")
			& (honour.parentfield == "honours")
			& honour.parent.isin(cadres)
			& (honour.kind == honours.TOP_TEN_SECRETARY)
			& (honour.year == year)
		)
		.run(pluck=True)
	)


def refuse_unranked(names: tuple[str, ...], year: int) -> None:
	cadre = frappe.qb.DocType("Cadre")
	full_names = dict(
		frappe.qb.from_(cadre).select(cadre.name, cadre.full_name).where(cadre.name.isin(list(names))).run()
	)
	frappe.throw(
		_("Not among the Top Ten Secretaries of {0}: {1}").format(
			bold(year),
			", ".join(bold(f"{full_names[name]} ({name})" if name in full_names else name) for name in names),
		),
		NotInTopTenError,
		title=_("Not in the Ranking"),
	)


def confer(cadre: str, year: int, awarded_on, awarding_body: str, reference: str) -> None:
	"""One Top Ten honour written into the cadre's record through its save (permission and validation)."""
	doc = frappe.get_doc("Cadre", cadre)
	doc.append(
		"honours",
		{
			"honour": honours.TOP_TEN_TITLE,
			"kind": honours.TOP_TEN_SECRETARY,
			"level": honours.TOP_TEN_LEVEL,
			"year": year,
			"awarded_on": awarded_on,
			"awarding_body": awarding_body,
			"reference": reference,
		},
	)
	doc.save()
