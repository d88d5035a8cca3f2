"""Data for the browser test of the trainees' portal, created on the test site and committed."""

import json
import os

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
	# The secretary's own portal login: its personal space shows its payload targets, summaries, reason, record.
	secretary_email = login_user(
		f"secretary.xss.{suffix}@test.localhost", "门户书记", "Website User", "Cadre"
	)
	frappe.db.set_value("Cadre", secretary.name, "user", secretary_email)
	frappe.db.commit()
	print(json.dumps({
		"orgdept": orgdept, "cadre_user": cadre_email, "secretary_user": secretary_email, "password": PASSWORD,
		"sub_district": sub_district, "community": community, "year": year,
		"secretary": secretary.name, "worker": worker.name, "assessment": returned.name,
		"approved_assessment": approved.name, "agreement": agreement.name, "reserve": withdrawn.name,
		"qualified_reserve": qualified.name, "appointment": appointment.name, "adjustment_case": case.name,
		"past_session": past.name, "upcoming_session": upcoming.name, "program": program,
	}, ensure_ascii=False))  # fmt: skip


# ------------------------------------------------------------------ the crawler's district
CRAWLER_ROLES = {
	"orgdept": ("组织部干部科", "System User", "Organization Department"),
	"reviewer": ("街道审核员", "System User", "Sub District Reviewer"),
	"leader": ("区委领导", "System User", "Leadership"),
	"cadre": ("李秀英", "Website User", "Cadre"),
}
# Field types whose values are data (what users or the seed wrote), not interface text.
DATA_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Link", "Dynamic Link",
	"Read Only", "Phone", "Autocomplete")  # fmt: skip
APP_MODULE = "Community Governance"


def chinese_suffix() -> str:
	"""A random suffix in Chinese characters: unique names that carry no Latin letters."""
	digits = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳"
	return "".join(digits[int(c, 16)] for c in frappe.generate_hash(length=4))


def seed_crawler() -> None:
	"""A small district as the demo has it, for the crawler (tests/browser_crawler.py): the department's
	website in Chinese, one login per role (Chinese, Asia/Shanghai), a sub-district with two communities,
	secretaries with agreements and approved assessments (one failed two years: an adjustment case), a
	qualified reserve appointed, a nominated reserve, training with attendance and an open Menu course, and a
	cadre of another sub-district. Prints JSON: the logins, a record of every DocType for each role, the
	app's pages (from its metadata) and the words of the data (names, e-mails, record names) that the crawler
	does not count as interface text."""
	from frappe.model.workflow import apply_workflow

	from community_gov.assessment.common import current_year
	from community_gov.setup.website import set_up_website
	from community_gov.tests.factories import (
		FAIL,
		add_reviewer,
		make_agreement,
		make_assessment,
		make_reserve,
		make_term,
	)

	frappe.set_user("Administrator")
	# The users are Chinese, the site's language stays as it is: the integration suite may run again on it.
	# What the records' actions write in words (reasons, comments) is written as a Chinese user's would be.
	frappe.local.lang = "zh"
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	set_up_website(lang="zh")
	year = current_year()
	s = chinese_suffix()
	users = {}
	for key, (first_name, user_type, role) in CRAWLER_ROLES.items():
		users[key] = login_user(f"crawler.{key}.{frappe.generate_hash(length=6)}@test.localhost", first_name,
			user_type, role)  # fmt: skip
		frappe.db.set_value("User", users[key], "time_zone", "Asia/Shanghai")

	sub_district = make_sub_district(sub_district_name=f"城关街道{s}", party_committee="城关街道党工委",
		address="城关路1号").name  # fmt: skip
	add_reviewer(sub_district, users["reviewer"])
	urban = make_community(sub_district, community_name=f"北关社区{s}", households=3200, population=9100).name
	village = make_community(sub_district, community_name=f"南庄社区{s}", community_type="Village-to-Residential",
		households=1500, population=4200).name  # fmt: skip

	trainee = make_cadre(urban, full_name="李秀英", user=users["cadre"], also_director=1,
		honours=[{"honour": "优秀党务工作者", "level": "District", "year": year - 1}])  # fmt: skip
	for offset in (3, 2, 1):
		make_assessment(trainee.name, year - offset, target_percent=85, satisfaction=88)
	agreement = make_agreement(trainee.name, year)
	draft = make_assessment(trainee.name, year, until="Draft", agreement=agreement.name)

	failing = make_cadre(village, full_name="张国强")
	make_assessment(failing.name, year - 2, **FAIL)
	make_assessment(failing.name, year - 1, **FAIL)
	case = frappe.db.get_value("Adjustment Case", {"cadre": failing.name})

	deputy = make_cadre(village, full_name="刘海燕", position="Deputy Secretary")
	qualified = make_reserve(deputy.name, village, until="Qualified")
	appointment = frappe.get_doc(
		{"doctype": "Appointment", "cadre": deputy.name, "reserve_candidate": qualified.name, "post": "Secretary",
			"community": village, "from_date": frappe.utils.today(), "reason": "原书记连续两年考核不合格,予以调整",
			"sub_district_opinion": "同意", "approval_opinion": "同意任命"}
	).insert()  # fmt: skip
	appointment = apply_workflow(appointment, "Submit for Approval")
	appointment = apply_workflow(appointment, "Approve")
	worker = make_cadre(urban, full_name="陈静", position="Community Worker")
	nominated = make_reserve(worker.name, urban, target_post="Deputy Secretary")
	# A term ending in 60 days: Terms Ending and its card have a row.
	term_start = frappe.utils.add_days(frappe.utils.add_years(frappe.utils.today(), -5), 60)
	term = make_term(trainee.name, urban, start_date=term_start)

	central = make_program(title=f"社区党组织书记集中轮训班{s}", year=year, is_rotation=1)
	menu_program = make_program(title=f"社区治理菜单式课程{s}", year=year, level="Sub District",
		sub_district=sub_district, category="General", audience="All Cadres")  # fmt: skip
	attendees = [{"cadre": trainee.name}, {"cadre": failing.name}, {"cadre": deputy.name}]
	completed = make_session(central.name, f"{year}-03-15 09:00:00", hours=6, attendees=attendees,
		status="Completed")  # fmt: skip
	menu = make_session(menu_program.name, f"{add_days(now_datetime().date(), 10)} 14:00:00", hours=3,
		capacity=40, mode="Menu", status="Enrolling")  # fmt: skip
	upcoming = make_session(central.name, f"{add_days(now_datetime().date(), 5)} 09:00:00",
		attendees=[{"cadre": trainee.name}, {"cadre": worker.name}])  # fmt: skip
	# Another sub-district, outside the reviewer's: its records are refused to the reviewer.
	other = make_community(
		make_sub_district(sub_district_name=f"西城街道{s}").name, community_name=f"西关社区{s}"
	)
	outsider = make_cadre(other.name, full_name="赵文华")
	# A score sheet's upload refused for one cell (community_gov.batch): its log.
	import_log = frappe.get_doc(
		{"doctype": "Batch Import Log", "import_type": "Scores", "import_mode": "All or Nothing",
			"status": "Refused", "imported_by": users["orgdept"], "imported_on": now_datetime(),
			"sub_district": sub_district, "year": year, "total_rows": 1, "failed_count": 1,
			"errors": [{"row_number": 2, "column_label": "为民服务:为民服务事项按时办结",
				"message": "得分45必须在0到权重40之间"}]}
	).insert(ignore_permissions=True)  # fmt: skip
	frappe.db.commit()

	records = {
		"Sub District": sub_district,
		"Community": urban,
		"Cadre": trainee.name,
		"Target Agreement": agreement.name,
		"Annual Assessment": frappe.db.get_value(
			"Annual Assessment", {"cadre": trainee.name, "year": year - 1, "docstatus": 1}
		),  # fmt: skip
		"Adjustment Case": case,
		"Reserve Candidate": qualified.name,
		"Appointment": appointment.name,
		"Training Program": central.name,
		"Training Session": completed.name,
		"Batch Import Log": import_log.name,
		"Cadre Term": term.name,
	}
	print(json.dumps({
		"users": users, "password": PASSWORD, "year": year, "records": records,
		"filters": {"sub_district": sub_district, "community": urban, "cadre": trainee.name,
			"program": central.name, "year": year - 1},
		"menu_session": menu.name, "menu_title": menu.title, "upcoming_session": upcoming.name,
		"draft_assessment": draft.name, "nominated_reserve": nominated.name,
		"out_of_scope": {"Cadre": outsider.name},
		"pages": app_pages(users), "data_words": sorted(data_words()),
	}, ensure_ascii=False))  # fmt: skip


def app_pages(users: dict[str, str]) -> dict:
	"""The app's pages, from its metadata: a new DocType, report, print format or workspace is crawled
	without changing the crawler. `closed`: per role (of `users`), the DocTypes and reports it may not open
	(the pay, for all but the department): the desk shows it no link to them, so they are not its pages."""
	doctypes = frappe.get_all("DocType", filters={"module": APP_MODULE, "istable": 0},
		fields=["name", "issingle"], order_by="name")  # fmt: skip
	for doctype in doctypes:
		folder = frappe.get_module_path(APP_MODULE, "doctype", frappe.scrub(doctype.name))
		doctype.calendar = os.path.exists(os.path.join(folder, f"{frappe.scrub(doctype.name)}_calendar.js"))
	reports = frappe.get_all(
		"Report",
		filters={"module": APP_MODULE, "disabled": 0},
		fields=["name", "ref_doctype", "report_type"],
		order_by="name",
	)
	closed = {}
	for role, user in users.items():
		roles = set(frappe.get_roles(user))
		closed[role] = [
			*(dt.name for dt in doctypes if not frappe.has_permission(dt.name, "read", user=user)),
			*(
				report.name
				for report in reports
				if not roles
				& set(
					frappe.get_all("Has Role", {"parent": report.name, "parenttype": "Report"}, pluck="role")
				)
			),
		]
	return {
		"doctypes": doctypes,
		"reports": reports,
		"closed": closed,
		"print_formats": frappe.get_all(
			"Print Format",
			filters={"module": APP_MODULE, "disabled": 0},
			fields=["name", "doc_type"],
			order_by="name",
		),  # fmt: skip
		"workspaces": frappe.get_all(
			"Workspace", filters={"module": APP_MODULE}, fields=["name", "title", "public"], order_by="name"
		),  # fmt: skip
	}


def data_words() -> set[str]:
	"""The Latin words in the data of the site (record names, e-mails, text fields, users' names): the
	crawler drops them from a page's text before it looks for interface text that is not Chinese. Words of
	select options and workflow states are interface text wherever they are stored: never data (a stored
	value that is none of its field's options is)."""
	import re

	words, options = set(), set()

	def add(values, into: set) -> None:
		for value in values:
			if isinstance(value, str):
				into.update(re.findall(r"[A-Za-z]{2,}", value))

	doctypes = frappe.get_all("DocType", filters={"module": APP_MODULE, "issingle": 0}, pluck="name")
	for doctype in doctypes:
		meta = frappe.get_meta(doctype)
		fields = [
			df.fieldname
			for df in meta.fields
			if df.fieldtype in DATA_FIELDTYPES
			and (df.fieldtype != "Link" or df.options in doctypes or df.options == "User")
		]
		for fieldname in ["name", *fields]:
			add(frappe.get_all(doctype, pluck=fieldname, distinct=True, limit=0), words)
		for df in meta.fields:
			if df.fieldtype != "Select":
				continue
			choices = (df.options or "").split("\n")
			add(choices, options)
			# A stored value that is none of the options (written around the form) is data, not a label.
			stored = frappe.get_all(doctype, pluck=df.fieldname, distinct=True, limit=0)
			add((value for value in stored if value not in choices), words)
	for fieldname in ("name", "full_name"):
		add(frappe.get_all("User", pluck=fieldname, limit=0), words)
	workflows = frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name")
	add(
		frappe.get_all("Workflow Document State", filters={"parent": ("in", workflows)}, pluck="state"),
		options,
	)
	return words - options
