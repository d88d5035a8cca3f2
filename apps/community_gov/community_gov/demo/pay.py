"""The demo district's pay standards and its cadres' pay on record (the Cadre Pay report's data).

Standards (PAY_STANDARDS): the secretaries' pay of seed 004, by community type, as before the raise (城市社区
1,600, 村改居社区 600 a month) and after it (2,487 and 2,368.5). Seed 004, a speech of 2020, gives no date
for the raise: the demo dates the old standard 2017-01-01 and the raise 2020-01-01. Seed 003's work subsidies
(两委正职 1,100, 副职 1,000, 其他社区工作者 900) go with the raised standards. The seeds name, but do not
quantify, years-of-service pay, performance pay by grade and yearly growth, nor the post pay of the other
posts: those figures are illustrative (30 a year of service up to 30 years; 600 / 400 / 200 / 0 by grade;
community workers' post pay growing 2% a year). First secretaries (第一书记) are paid by the office that
dispatches them: no standard.

Pay on record (Cadre Pay Record) comes with the register (fixtures/pay_records.json: the pay since the raise or
the current post, and a secretary's old pay before the raise), recorded by the department when the register
went into the system (or on the day it took effect, if later). Every record has all five social insurances
but those of one community worker, who lacks unemployment and maternity insurance (MISSING_INSURANCE); and
前屯社区's secretary is paid below the standard since the raise (BELOW_STANDARD). Idempotent: a cadre's record
of a date already there is kept; a standard already there (same post, type and date) is kept.
"""

from __future__ import annotations

from collections.abc import Callable

import frappe

from community_gov.rules.pay import INSURANCE_FIELDS

SEED_004 = "X区社区基层党组织带头人队伍建设交流发言材料(2020年):书记工作报酬"
SEED_003 = "社区“两委”工作补助标准:正职1100元/月、副职1000元/月、其他社区工作者900元/月"
ILLUSTRATIVE = "演示数据:工龄工资、绩效工资和年增长率为示例数值"
PERFORMANCE = {
	"performance_excellent": 600,
	"performance_competent": 400,
	"performance_basically_competent": 200,
	"performance_fail": 0,
}
SERVICE = {"service_pay_per_year": 30, "service_years_cap": 30}
PAY_STANDARDS = (
	# Before the raise (seed 004: 原来1600元/月和600元/月).
	{"post": "Secretary", "community_type": "Urban", "effective_from": "2017-01-01", "post_pay": 1600, "basis": SEED_004},
	{"post": "Secretary", "community_type": "Village-to-Residential", "effective_from": "2017-01-01", "post_pay": 600, "basis": SEED_004},
	# After it (seed 004: 提高到2487元/月和2368.5元/月), with seed 003's head-post subsidy.
	{
		"post": "Secretary", "community_type": "Urban", "effective_from": "2020-01-01", "post_pay": 2487,
		"work_subsidy": 1100, **SERVICE, **PERFORMANCE, "basis": f"{SEED_004};{SEED_003};{ILLUSTRATIVE}",
	},
	{
		"post": "Secretary", "community_type": "Village-to-Residential", "effective_from": "2020-01-01",
		"post_pay": 2368.5, "work_subsidy": 1100, **SERVICE, **PERFORMANCE,
		"basis": f"{SEED_004};{SEED_003};{ILLUSTRATIVE}",
	},
	{
		"post": "Deputy Secretary", "community_type": None, "effective_from": "2020-01-01", "post_pay": 2200,
		"work_subsidy": 1000, **SERVICE, **PERFORMANCE, "basis": f"{SEED_003};{ILLUSTRATIVE}",
	},
	{
		"post": "Committee Member", "community_type": None, "effective_from": "2020-01-01", "post_pay": 2000,
		"work_subsidy": 900, **SERVICE, **PERFORMANCE, "basis": f"{SEED_003};{ILLUSTRATIVE}",
	},
	{
		"post": "Community Worker", "community_type": None, "effective_from": "2020-01-01", "post_pay": 1800,
		"work_subsidy": 900, **SERVICE, **PERFORMANCE, "yearly_growth_percent": 2,
		"basis": f"{SEED_003};{ILLUSTRATIVE}",
	},
)  # fmt: skip
# 姜敏莉, secretary of 前屯社区 (村改居), Basically Competent in 2025: due 4,568.5 a month in 2026, paid 4,300
# since the raise.
BELOW_STANDARD = {"id_number": "370102196904093887", "monthly_pay": 4300, "since": "2020-01-01"}
# 潘红玉, community worker of 十里河社区: no unemployment or maternity insurance.
MISSING_INSURANCE = {
	"id_number": "370102199905029944",
	"missing": ("unemployment_insurance", "maternity_insurance"),
}
DEMO_HR_USER = "orgdept@community.localhost"


def load_pay(read_fixture: Callable[[str], list[dict]], dated: Callable, go_live: str) -> dict[str, int]:
	"""Insert the missing standards and pay records, each dated when the department entered it: at go-live
	(`go_live`, inside the loader's dating context `dated`) or on the day it took effect, if later."""
	existing = {
		(row.post, row.community_type or None, str(row.effective_from))
		for row in frappe.get_all("Pay Standard", fields=["post", "community_type", "effective_from"])
	}
	counts = {"Pay Standard": 0, "Cadre Pay Record": 0}
	with dated(go_live):
		for values in PAY_STANDARDS:
			if (values["post"], values["community_type"], values["effective_from"]) in existing:
				continue
			frappe.get_doc({"doctype": "Pay Standard", **values}).insert(ignore_permissions=True)
			counts["Pay Standard"] += 1
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	recorded = {
		(row.cadre, str(row.effective_from))
		for row in frappe.get_all("Cadre Pay Record", fields=["cadre", "effective_from"])
	}
	acting = DEMO_HR_USER if frappe.db.exists("User", DEMO_HR_USER) else frappe.session.user
	previous = frappe.session.user
	frappe.set_user(acting)
	try:
		for spec in read_fixture("pay_records"):
			cadre = cadre_of.get(spec["id_number"])
			if not cadre or (cadre, spec["effective_from"]) in recorded:
				continue
			with dated(max(go_live, spec["effective_from"])):
				frappe.get_doc(pay_record(cadre, spec)).insert()
			counts["Cadre Pay Record"] += 1
	finally:
		frappe.set_user(previous)
	return counts


def pay_record(cadre: str, spec: dict) -> dict:
	"""A Cadre Pay Record of the fixture's `spec`, with the planted cases."""
	record = {
		"doctype": "Cadre Pay Record",
		"cadre": cadre,
		**{key: spec[key] for key in ("effective_from", "monthly_pay", "reason", "note")},
		**dict.fromkeys(INSURANCE_FIELDS, 1),
	}
	if spec["id_number"] == MISSING_INSURANCE["id_number"]:
		record.update(dict.fromkeys(MISSING_INSURANCE["missing"], 0))
	if spec["id_number"] == BELOW_STANDARD["id_number"] and spec["effective_from"] >= BELOW_STANDARD["since"]:
		record["monthly_pay"] = BELOW_STANDARD["monthly_pay"]
	return record
