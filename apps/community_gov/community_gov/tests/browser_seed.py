"""Data for the browser test of the trainees' portal, created on the test site and committed."""

import json

import frappe
from frappe.utils import add_days, now_datetime
from frappe.utils.password import update_password

from community_gov.tests.factories import (
	make_cadre,
	make_community,
	make_program,
	make_session,
	make_sub_district,
)

PASSWORD = "Browser@2026"


def seed() -> None:
	frappe.set_user("Administrator")
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	email = f"browser.{frappe.generate_hash(length=6)}@test.localhost"
	user = frappe.get_doc(
		{"doctype": "User", "email": email, "first_name": "浏览器测试学员", "user_type": "Website User",
			"language": "zh", "send_welcome_email": 0, "roles": [{"role": "Cadre"}]}
	)  # fmt: skip
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	community = make_community(make_sub_district().name).name
	cadre = make_cadre(community, user=email, full_name="李晓梅")
	program = make_program(title="社区治理菜单式课程").name
	start = f"{add_days(now_datetime().date(), 9)} 14:00:00"
	session = make_session(program, start, hours=3, capacity=20, mode="Menu", status="Enrolling")
	past = make_session(program, f"{add_days(now_datetime().date(), -20)} 09:00:00",
		attendees=[{"cadre": cadre.name}], status="Completed")  # fmt: skip
	frappe.db.commit()
	print(json.dumps({"email": email, "password": PASSWORD, "session": session.name, "title": session.title,
		"past": past.title}, ensure_ascii=False))  # fmt: skip


# Script-injection payloads, one marker per field so a failure names the field that ran. The browser test
# fails when any of them runs (window.__xss is set) and checks that the text shows as text.
def payload(marker: str, kind: int = 0) -> str:
	return (
		f"<img src=x onerror=\"window.__xss='{marker}'\">",
		f"<script>window.__xss='{marker}'</script>",
		f'"><svg onload="window.__xss=\'{marker}\'">',
	)[kind % 3]


def login_user(email: str, first_name: str, user_type: str, role: str) -> str:
	user = frappe.get_doc(
		{"doctype": "User", "email": email, "first_name": first_name, "user_type": user_type, "language": "zh",
			"send_welcome_email": 0, "roles": [{"role": role}]}
	)  # fmt: skip
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	return email


def seed_injection() -> None:
	"""Records whose user-written fields hold script payloads, stored raw with db.set_value / db_set (an old
	or bypassing write: the display must be safe whatever is stored), a desk user of the Organization
	Department and a cadre with a portal login."""
	from community_gov.assessment.common import current_year
	from community_gov.tests.factories import make_agreement, make_assessment, make_reserve

	frappe.set_user("Administrator")
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	suffix = frappe.generate_hash(length=6)
	year = current_year() - 1

	orgdept = login_user(
		f"orgdept.xss.{suffix}@test.localhost", "组织部测试", "System User", "Organization Department"
	)
	cadre_email = login_user(f"cadre.xss.{suffix}@test.localhost", "门户测试学员", "Website User", "Cadre")

	sub_district = make_sub_district().name
	community = make_community(sub_district).name

	# A secretary whose name and native place hold payloads, with a signed agreement and two assessments:
	# one approved (Y-1, for the reports and the personal file), one returned with a payload reason (Y).
	secretary = make_cadre(community, full_name="王注入",
		honours=[{"honour": "优秀党务工作者", "level": "District"}])  # fmt: skip
	approved = make_assessment(secretary.name, year - 1)
	agreement = make_agreement(secretary.name, year)
	returned = make_assessment(secretary.name, year, until="Self Assessed", agreement=agreement.name)
	raw_name = payload("full_name", 0)
	secretary.db_set({"full_name": raw_name, "native_place": payload("native_place", 2),
		"ethnicity": payload("ethnicity", 0)})  # fmt: skip
	frappe.db.set_value("Cadre Honour", secretary.honours[0].name,
		{"honour": payload("honour", 0), "awarding_body": payload("awarding_body", 2)})  # fmt: skip
	frappe.db.set_value("Community", community, "address", payload("community_address", 0))
	frappe.db.set_value("Sub District", sub_district, {
		"address": payload("sub_district_address", 1),
		"party_committee": payload("party_committee", 0),
	})  # fmt: skip
	for doctype, name in (("Target Agreement", agreement.name), ("Target Agreement", approved.target_agreement),
			("Annual Assessment", approved.name), ("Annual Assessment", returned.name)):  # fmt: skip
		frappe.db.set_value(doctype, name, "full_name", raw_name)
	frappe.db.set_value("Target Agreement", agreement.name,
		{"committee_signatory": payload("committee_signatory", 2), "remarks": payload("remarks", 0)})  # fmt: skip
	for i, row in enumerate(agreement.targets):
		frappe.db.set_value("Agreement Target", row.name, {
			"description": payload(f"target_description_{i}", i),
			"indicator": payload(f"indicator_{i}", i + 1),
		})  # fmt: skip
	for i, row in enumerate(returned.scores):
		frappe.db.set_value("Assessment Score", row.name, "description", payload(f"score_description_{i}", i))
	frappe.db.set_value("Annual Assessment", returned.name, {
		"workflow_state": "Returned",
		"return_reason": payload("return_reason", 0),
		"summary_performance": payload("summary_performance", 1),
		"summary_integrity": payload("summary_integrity", 2),
		"reviewer_opinion": payload("reviewer_opinion", 0),
	})  # fmt: skip

	# A reserve withdrawn with a payload reason, and an appointment with payload reason and opinions.
	worker = make_cadre(community, position="Community Worker", full_name="赵后备")
	withdrawn = make_reserve(worker.name, community, until="Forum Talk")
	frappe.db.set_value("Reserve Candidate", withdrawn.name, {
		"status": "Withdrawn",
		"withdrawal_reason": payload("withdrawal_reason", 0),
		"forum_summary": payload("forum_summary", 1),
	})  # fmt: skip
	# A status outside its options (a Select is not checked on a direct write): the list indicator shows it.
	frappe.db.set_value("Cadre", worker.name, "status", payload("cadre_status", 2))
	deputy = make_cadre(community, position="Community Worker", full_name="钱任用")
	qualified = make_reserve(deputy.name, community, until="Qualified")
	appointment = frappe.get_doc(
		{"doctype": "Appointment", "cadre": deputy.name, "reserve_candidate": qualified.name, "post": "Secretary",
			"community": community, "from_date": frappe.utils.today(), "reason": "工作需要"}
	).insert()  # fmt: skip
	deputy.db_set("native_place", payload("appointee_native_place", 0))
	qualified.reload()
	frappe.db.set_value("Reserve Assignment", qualified.assignments[0].name,
		{"task": payload("assignment_task", 0), "assessor_comment": payload("assessor_comment", 2)})  # fmt: skip
	frappe.db.set_value("Reserve Candidate", qualified.name, {
		"full_name": payload("successor_name", 0),
		"inspection_conclusion": payload("inspection_conclusion", 0),
		"inspection_team": payload("inspection_team", 2),
	})  # fmt: skip
	# An adjustment case decided Adjusted, written directly: its reasons hold payloads; its successor dialog
	# lists the qualified reserve above.
	case = frappe.new_doc("Adjustment Case")
	case.update({"cadre": secretary.name, "full_name": raw_name, "position": "Secretary", "community": community,
		"sub_district": sub_district, "status": "Adjusted", "trigger_year": year, "run_start_year": year - 1,
		"reason": payload("case_reason", 0), "decision_reason": payload("decision_reason", 1)})  # fmt: skip
	case.set_new_name()
	case.db_insert()
	frappe.db.set_value("Appointment", appointment.name, {
		"reason": payload("appointment_reason", 0),
		"sub_district_opinion": payload("sub_district_opinion", 1),
		"approval_opinion": payload("approval_opinion", 2),
	})  # fmt: skip

	# The portal cadre: a completed session with its payload feedback and result, an upcoming one whose
	# title, venue and trainer hold payloads.
	trainee = make_cadre(community, user=cadre_email, full_name="孙学员")
	program = make_program(title="注入测试课程").name
	frappe.db.set_value("Training Program", program, "topics", payload("program_topics", 0))
	past = make_session(program, f"{add_days(now_datetime().date(), -15)} 09:00:00",
		attendees=[{"cadre": trainee.name}, {"cadre": secretary.name}], status="Completed")  # fmt: skip
	for row in past.attendees:
		frappe.db.set_value("Training Attendance", row.name, {
			"feedback_comment": payload(f"feedback_comment_{row.idx}", 0),
			"result": payload(f"result_{row.idx}", 2),
			"feedback_rating": 0.8,
		})  # fmt: skip
	upcoming = make_session(program, f"{add_days(now_datetime().date(), 12)} 14:00:00",
		attendees=[{"cadre": trainee.name}])  # fmt: skip
	frappe.db.set_value("Training Session", past.name, "title", payload("past_session_title", 1))
	frappe.db.set_value("Training Session", upcoming.name, {
		"title": payload("session_title", 0),
		"venue": payload("session_venue", 1),
		"trainer": payload("session_trainer", 2),
	})  # fmt: skip
	frappe.db.commit()
	print(json.dumps({
		"orgdept": orgdept, "cadre_user": cadre_email, "password": PASSWORD,
		"sub_district": sub_district, "community": community, "year": year,
		"secretary": secretary.name, "worker": worker.name, "assessment": returned.name,
		"approved_assessment": approved.name, "agreement": agreement.name, "reserve": withdrawn.name,
		"qualified_reserve": qualified.name, "appointment": appointment.name, "adjustment_case": case.name,
		"past_session": past.name, "upcoming_session": upcoming.name, "program": program,
	}, ensure_ascii=False))  # fmt: skip
