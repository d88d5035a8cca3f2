"""The demo district's staffing and filing (the Staffing Watch report's data): key communities, a secretary not
yet filed with the county and one not full-time.

Key communities (重点社区, seed 002): the six communities the register's first secretaries (第一书记) serve,
key since their first secretary was dispatched, and two village-to-residential communities designated key
since and still waiting for one (KEY_WITHOUT_FIRST_SECRETARY). Planted: 银河社区's secretary, appointed on
2025-04-29, is not yet filed with the county (UNFILED, 县级备案), and 孙家庄社区's secretary is not full-time
(PART_TIME, 专职). The in-pool reserves below College (大专) come with the reserve pool (fixtures/reserves.json).

Every community keeps its secretary: the register's 71 secretaries are seed 004's figures, so the demo has no
vacant secretary post (the tests show one). Idempotent: set once, when none of these communities is key yet.
"""

from __future__ import annotations

import frappe

# community → the day it became key: its first secretary's appointment (fixtures/cadres.json).
KEY_WITH_FIRST_SECRETARY = {
	"向阳社区": "2022-11-15",
	"刘家庄社区": "2022-06-14",
	"十里河社区": "2022-12-30",
	"柳园社区": "2024-12-07",
	"小王庄社区": "2021-10-18",
	"郑家店社区": "2024-12-15",
}
KEY_WITHOUT_FIRST_SECRETARY = {"杨家屯社区": "2026-03-01", "陈家庄社区": "2025-09-01"}
UNFILED = "370104198509177839"  # 崔新亮, secretary of 银河社区
PART_TIME = "370103197407252286"  # 朱云, secretary of 孙家庄社区


def load_staffing() -> dict[str, int]:
	"""Mark the key communities and plant the two secretaries' gaps; returns what it changed."""
	keys = {**KEY_WITH_FIRST_SECRETARY, **KEY_WITHOUT_FIRST_SECRETARY}
	if frappe.db.exists("Community", {"name": ("in", list(keys)), "is_key_community": 1}):
		return {}
	marked = 0
	for community, since in keys.items():
		if frappe.db.exists("Community", community):
			frappe.db.set_value(
				"Community",
				community,
				{"is_key_community": 1, "key_community_since": since},
				update_modified=False,
			)
			marked += 1
	planted = 0
	for id_number, values in (
		(UNFILED, {"county_filing_number": None, "county_filing_date": None}),
		(PART_TIME, {"full_time": 0}),
	):
		cadre = frappe.db.get_value("Cadre", {"id_number": id_number})
		if cadre:
			frappe.db.set_value("Cadre", cadre, values, update_modified=False)
			planted += 1
	return {"Key Community": marked, "Cadre (staffing)": planted}
