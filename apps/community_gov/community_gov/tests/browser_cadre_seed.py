"""Data for the browser test of a secretary's year on its phone (tests/browser_cadre_year.py), created on the
test site and committed: a secretary with a portal login (its mobile number), this year's agreement waiting
for its signature, last year's assessment waiting for its self-summary, and the sub-district's reviewer and a
department user who return, review and approve it (`act`, run by the test between its steps)."""

import json
import random

import frappe
from frappe.model.workflow import apply_workflow

from community_gov.api import set_reason
from community_gov.dates import current_year
from community_gov.setup.website import set_up_website
from community_gov.tests.browser_seed import PASSWORD, chinese_suffix, login_user
from community_gov.tests.factories import (
	add_reviewer,
	make_agreement,
	make_assessment,
	make_cadre,
	make_community,
	make_sub_district,
)


def unused_mobile() -> str:
	while True:
		number = f"138{random.randrange(10**8):08d}"
		if not frappe.db.exists("User", {"mobile_no": number}) and not frappe.db.exists(
			"Cadre", {"phone": number}
		):
			return number


def seed() -> None:
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	set_up_website(lang="zh")
	suffix, key = chinese_suffix(), frappe.generate_hash(length=6)
	secretary = login_user(f"cadre.year.{key}@test.localhost", "李晓梅", "Website User", "Cadre")
	reviewer = login_user(
		f"reviewer.year.{key}@test.localhost", "街道审核员", "System User", "Sub District Reviewer"
	)
	orgdept = login_user(
		f"orgdept.year.{key}@test.localhost", "组织部干部科", "System User", "Organization Department"
	)
	sub_district = make_sub_district(sub_district_name=f"明湖街道{suffix}").name
	add_reviewer(sub_district, reviewer)
	community = make_community(sub_district, community_name=f"大明湖社区{suffix}").name
	mobile = unused_mobile()
	cadre = make_cadre(community, user=secretary, full_name="李晓梅", phone=mobile).name
	year = current_year()
	agreement = apply_workflow(make_agreement(cadre, year, sign=False), "Send for Signature").name
	assessment = make_assessment(cadre, year - 1, until="Draft").name
	frappe.db.commit()
	print(json.dumps({"login": mobile, "password": PASSWORD, "agreement": agreement, "assessment": assessment,
		"year": year, "reviewer": reviewer, "orgdept": orgdept}, ensure_ascii=False))  # fmt: skip


def act(assessment: str, action: str, user: str, reason: str | None = None) -> None:
	"""A workflow action on the assessment as a desk user does it (a return with its reason)."""
	frappe.set_user(user)
	frappe.local.lang = "zh"
	if reason:
		set_reason("Annual Assessment", assessment, action, reason)
	apply_workflow(frappe.get_doc("Annual Assessment", assessment), action)
	frappe.db.commit()
	print(
		json.dumps({"workflow_state": frappe.db.get_value("Annual Assessment", assessment, "workflow_state")})
	)
