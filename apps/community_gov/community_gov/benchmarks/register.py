"""The rest of a province's register for the report benchmark (community_gov.benchmarks.reports): every bench
cadre's current term, its pay records under a pay standard, and honours for one cadre in ten, so the Terms
Ending, Staffing Watch, Cadre Pay and Honours reports read what a real province holds, not empty tables.

Inserted in bulk (named BENCH-…) once; whatever an interrupted build left is removed first.
"""

from __future__ import annotations

import datetime
import random

import frappe
from frappe.utils import now_datetime

from community_gov.benchmarks.sweep import bulk

FIRST_TERM_START = datetime.date(2021, 1, 1)
TERM_START_SPREAD_DAYS = 730  # terms began over 2021-2022: a province's 换届 runs over months
HONOUR_SHARE = 10  # one cadre in ten holds an honour
HONOURS = (
	("十佳社区党组织书记", "Top Ten Secretary", "District"),
	("优秀共产党员", "Outstanding Party Member", "City"),
	("优秀党务工作者", "Outstanding Party Worker", "District"),
	("先进典型", "Role Model", "Sub District"),
)


def build_register(seed: int = 13) -> None:
	rng = random.Random(seed)
	now, user = now_datetime(), "Administrator"
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	frappe.db.delete("Cadre Term", {"name": ("like", "BENCH-%")})
	frappe.db.delete("Cadre Pay Record", {"name": ("like", "BENCH-%")})
	frappe.db.delete("Pay Standard", {"name": ("like", "BENCH-%")})
	frappe.db.delete("Cadre Honour", {"name": ("like", "BENCH-%")})
	cadres = frappe.get_all(
		"Cadre",
		filters={"name": ("like", "BENCH-%")},
		fields=["name", "full_name", "community", "sub_district"],
		order_by="name",
	)
	terms, pay, honours = [], [], []
	for number, cadre in enumerate(cadres):
		start = FIRST_TERM_START + datetime.timedelta(days=rng.randrange(TERM_START_SPREAD_DAYS))
		end = start.replace(year=start.year + 5)
		terms.append((f"BENCH-TERM-{number:07d}", now, now, user, user, 0, cadre.name, cadre.full_name, "Secretary",
			cadre.community, cadre.sub_district, "In Office", "By Election", start, end))  # fmt: skip
		# The 2020 raise for everyone, a later adjustment for a third; a few below the standard or uninsured.
		pay.append((f"BENCH-PAY-{number:07d}-1", now, now, user, user, 0, cadre.name, cadre.full_name,
			cadre.sub_district, datetime.date(2020, 1, 1), "Standard Adjustment", 3487, 1, 1, 1, 1, 1))  # fmt: skip
		if number % 3 == 0:
			monthly = 3387 if number % 30 == 0 else 3687
			pay.append((f"BENCH-PAY-{number:07d}-2", now, now, user, user, 0, cadre.name, cadre.full_name,
				cadre.sub_district, datetime.date(2024, 1, 1), "Annual Adjustment", monthly, 1,
				int(number % 50 != 0), 1, 1, 1))  # fmt: skip
		if number % HONOUR_SHARE == 0:
			title, kind, level = HONOURS[(number // HONOUR_SHARE) % len(HONOURS)]
			year = 2017 + rng.randrange(9)
			honours.append((f"BENCH-HON-{number:07d}", now, now, user, user, 0, 1, cadre.name, "honours", "Cadre",
				title, kind, level, year, datetime.date(year, 12, 1)))  # fmt: skip
	bulk(
		"Cadre Term",
		[*common, "cadre", "full_name", "post", "community", "sub_district", "status", "how", "start_date",
			"end_date"],
		terms,
	)  # fmt: skip
	bulk(
		"Cadre Pay Record",
		[*common, "cadre", "full_name", "sub_district", "effective_from", "reason", "monthly_pay",
			"pension_insurance", "unemployment_insurance", "work_injury_insurance", "medical_insurance",
			"maternity_insurance"],
		pay,
	)  # fmt: skip
	bulk(
		"Pay Standard",
		[*common, "post", "community_type", "effective_from", "post_pay", "work_subsidy", "service_pay_per_year",
			"performance_excellent", "performance_competent", "performance_basically_competent"],
		[("BENCH-PS-1", now, now, user, user, 0, "Secretary", "Urban", datetime.date(2020, 1, 1), 2487, 1100, 30,
			400, 300, 200)],
	)  # fmt: skip
	bulk(
		"Cadre Honour",
		[*common, "idx", "parent", "parentfield", "parenttype", "honour", "kind", "level", "year", "awarded_on"],
		honours,
	)  # fmt: skip
