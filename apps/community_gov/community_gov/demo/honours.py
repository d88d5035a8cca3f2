"""The demo district's commendations (seed 004): the Top Ten title of the last assessed year conferred from
the ranking, and a spread of honours as the seed tells them, so the Honours report has figures to show.

- Top Ten (十佳社区党组织书记) of the last assessed year: conferred by the department from the Top Ten
  Secretaries ranking in one action (`community_gov.assessment.commendations.confer_top_ten`), by 中共X区委 on
  26 February of the next year, as the register's earlier Top Ten titles were.
- Role models (先进典型, seed 004: "挖掘选树先进典型30余名", publicised through "身边党员", the 党员风采墙 and
  the 百家好人榜): ROLE_MODELS, one a year 2017-2024.
- 两代表一委员 recommendations (seed 004: secretaries recommended as deputies and members, e.g. one to the
  provincial people's congress, one elected to the city's party congress): RECOMMENDATIONS, two of the four
  elected (the district people's congress and the city party congress of 2021).

With the register's own 优秀共产党员 and 十佳 titles this makes the seed's "30余名" role models since 2017 a figure
of the Honours report (From Year 2017: Role Models). The honours go to party-member secretaries and deputies
without an honour in the register, chosen by ID number (every ninth), each once its community work had begun.
Idempotent: an honour a cadre holds for the year already is not added again; conferring again adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import frappe
from frappe.utils import getdate, today

from community_gov.assessment.commendations import confer_top_ten
from community_gov.rules.honours import ELECTED, RECOMMENDED, ROLE_MODEL, TWO_REPRESENTATIVES

DEMO_HR_USER = "orgdept@community.localhost"
DISTRICT_PARTY_COMMITTEE = "中共X区委"
TOP_TEN_DAY = "02-26"
# title, kind, level, awarding body, award date, result (of a recommendation)
ROLE_MODELS = (
	("“身边党员”先进典型", ROLE_MODEL, "District", "中共X区委组织部", "2017-07-01", None),
	("百家好人", ROLE_MODEL, "District", "X区精神文明建设委员会", "2018-09-20", None),
	("党员风采墙先进典型", ROLE_MODEL, "Sub District", "党工委", "2019-07-01", None),
	("“身边党员”先进典型", ROLE_MODEL, "District", "中共X区委组织部", "2020-07-01", None),
	("最美社区工作者", ROLE_MODEL, "City", "中共济南市委组织部", "2021-09-10", None),
	("百家好人", ROLE_MODEL, "District", "X区精神文明建设委员会", "2022-09-20", None),
	("党员风采墙先进典型", ROLE_MODEL, "Sub District", "党工委", "2023-07-01", None),
	("“身边党员”先进典型", ROLE_MODEL, "District", "中共X区委组织部", "2024-07-01", None),
)
RECOMMENDATIONS = (
	("推荐为X区政协委员", TWO_REPRESENTATIVES, "District", "中共X区委统战部", "2021-12-20", RECOMMENDED),
	("推荐为X区人大代表", TWO_REPRESENTATIVES, "District", "中共X区委", "2021-11-15", ELECTED),
	("推荐为济南市党代会代表", TWO_REPRESENTATIVES, "City", "中共济南市委", "2021-06-25", ELECTED),
	("推荐为山东省人大代表", TWO_REPRESENTATIVES, "Province", "中共山东省委", "2022-12-30", RECOMMENDED),
)
POSTS = ("Secretary", "Deputy Secretary")


def load_honours(read_fixture: Callable[[str], list[dict]], dated: Callable) -> dict[str, int]:
	"""`read_fixture` and `dated` are the loader's (community_gov.demo.loader)."""
	counts = {"Cadre Honour": add_honours(read_fixture, dated)}
	year = max(row["year"] for row in read_fixture("assessments"))
	day = min(getdate(f"{year + 1}-{TOP_TEN_DAY}"), getdate(today()))
	previous = frappe.session.user
	acting = DEMO_HR_USER if frappe.db.exists("User", DEMO_HR_USER) else "Administrator"
	with dated(day):
		frappe.set_user(acting)
		try:
			result = confer_top_ten(
				year, DISTRICT_PARTY_COMMITTEE, str(day), reference=f"X区委〔{year + 1}〕5号"
			)
		finally:
			frappe.set_user(previous)
	counts["Cadre Honour (Top Ten)"] = len(result["conferred"])
	frappe.db.commit()
	return counts


def add_honours(read_fixture: Callable[[str], list[dict]], dated: Callable) -> int:
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	added = 0
	specs = ROLE_MODELS + RECOMMENDATIONS
	for (title, kind, level, body, day, outcome), id_number in zip(
		specs, chosen_cadres(read_fixture("cadres"), specs), strict=True
	):
		doc = frappe.get_doc("Cadre", cadre_of[id_number])
		year = getdate(day).year
		if any(row.honour == title and row.year == year for row in doc.honours):
			continue
		with dated(day):
			doc.append(
				"honours",
				{
					"honour": title,
					"kind": kind,
					"level": level,
					"awarded_on": day,
					"awarding_body": f"{doc.sub_district}{body}" if level == "Sub District" else body,
					"outcome": outcome,
				},
			)
			doc.save(ignore_permissions=True)
		added += 1
	return added


def chosen_cadres(cadres: list[dict], honours: tuple) -> Iterator[str]:
	"""For each honour in turn, the next of every ninth party-member secretary or deputy without an honour in
	the register (by ID number) whose community work began before the honour's year."""
	pool = sorted(
		(
			cadre
			for cadre in cadres
			if cadre["status"] == "Active"
			and cadre["position"] in POSTS
			and cadre["political_status"] == "CPC Member"
			and not cadre["honours"]
		),
		key=lambda cadre: cadre["id_number"],
	)[::9]
	for *_rest, day, _outcome in honours:
		cadre = next(c for c in pool if getdate(c["service_start_date"]).year < getdate(day).year)
		pool.remove(cadre)
		yield cadre["id_number"]
