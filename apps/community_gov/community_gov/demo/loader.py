"""Load the demo district from the bench's `fixtures/` folder. Idempotent: existing records are kept.

	python -m frappe.utils.bench_helper frappe --site community.localhost execute \
		community_gov.demo.loader.load_demo
"""

from __future__ import annotations

import datetime
import json
from contextlib import contextmanager
from pathlib import Path

import frappe
from frappe.utils import add_days, get_bench_path, getdate, today
from frappe.utils.password import update_password

from community_gov.demo.honours import load_honours
from community_gov.demo.pay import load_pay
from community_gov.demo.reserve_steps import reserve_step_dates
from community_gov.demo.staffing import load_staffing
from community_gov.demo.team import set_training_plan
from community_gov.demo.terms import load_terms
from community_gov.portal.accounts import set_login_mobile

FIXTURES_DIR = Path(get_bench_path()) / "fixtures"
SYSTEM_DEFAULTS = {
	"language": "zh",
	"time_zone": "Asia/Shanghai",
	"country": "China",
	"date_format": "yyyy-mm-dd",
	"time_format": "HH:mm",
	"first_day_of_the_week": "Monday",
	"number_format": "#,###.##",
	"currency_precision": "2",
}
# The district's register went into the system at the start of the first assessed year.
GO_LIVE = "2022-01-10"


@contextmanager
def dated(day):
	"""What is recorded inside is stamped on `day` (never later than today): Frappe's `now()`, which stamps
	creation, modified, the timeline's versions and comments and the app's who-and-when fields, follows
	`frappe.flags.current_date`, and so do the yearly naming series. So each year's work of the demo carries
	a date of that year."""
	import frappe.model.naming as naming

	stamp = min(getdate(day), getdate(today()))
	previous, clock = frappe.flags.current_date, naming.now_datetime
	frappe.flags.current_date = stamp.isoformat()
	# Naming series with the year (APT-.YYYY.-, TS-.YYYY.-) read the clock itself: the same day for them.
	naming.now_datetime = lambda: datetime.datetime.combine(stamp, clock().time())
	try:
		yield
	finally:
		frappe.flags.current_date, naming.now_datetime = previous, clock


def read_fixture(name: str) -> list[dict]:
	return json.loads((FIXTURES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def load_demo() -> None:
	set_system_defaults()
	users = read_fixture("users")
	with dated(GO_LIVE):
		counts = {
			"Sub District": load_sub_districts(),
			"Community": load_communities(),
			"Cadre": load_cadres(),
			"User": load_users(users),
		}
		link_reviewers(users)
	# The surveys first: each assessment of a surveyed year takes its satisfaction rate from them.
	counts["Satisfaction Survey"] = load_surveys()
	counts["Annual Assessment"] = load_assessments()
	counts["Adjustment Case"] = apply_case_decisions()
	counts["Reserve Candidate"] = load_reserves()
	counts["Appointment"] = load_successions()
	counts["Training Session"] = load_training()
	counts["Training Program (plan)"] = set_training_plan()
	ensure_outgoing_email_account()
	counts.update(load_year_in_batches())
	counts.update(load_portal_year())
	counts.update(load_score_import())
	counts.update(load_honours(read_fixture, dated))
	counts.update(load_pay(read_fixture, dated, GO_LIVE))
	counts.update(load_terms(dated))
	counts.update(load_staffing())
	frappe.db.commit()
	print("Demo data:", ", ".join(f"{doctype} +{created}" for doctype, created in counts.items()))
	print("Demo logins (password for all: {}):".format(users[0]["password"]))
	for user in users:
		print(f"  {user['email']:<38} {', '.join(user['roles'])}")


def set_system_defaults() -> None:
	"""The desk in Chinese; setup completion and the desk's home page are the app's install step
	(`community_gov.setup.install.complete_desk_setup`), on every site."""
	settings = frappe.get_single("System Settings")
	settings.update(SYSTEM_DEFAULTS)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_value("Currency", "CNY", "enabled", 1)
	frappe.db.set_default("currency", "CNY")
	frappe.db.set_default("lang", "zh")


def insert_missing(doctype: str, records: list[dict], key: str) -> int:
	existing = set(frappe.get_all(doctype, pluck=key))
	created = 0
	for record in records:
		if record[key] in existing:
			continue
		frappe.get_doc({"doctype": doctype, **record}).insert(ignore_permissions=True)
		created += 1
	return created


def load_sub_districts() -> int:
	return insert_missing("Sub District", read_fixture("sub_districts"), "sub_district_name")


def load_communities() -> int:
	return insert_missing("Community", read_fixture("communities"), "community_name")


def load_cadres() -> int:
	return insert_missing("Cadre", read_fixture("cadres") + read_fixture("former_cadres"), "id_number")


def load_assessments() -> int:
	"""Agreements signed and assessments approved through their workflows, year by year.

	Within a year every assessment is reviewed before any is approved, and Excellent ones are approved
	last, as a department does it: the Excellent quota counts the whole year's assessments. Dated as the
	year runs: agreements signed in February, assessments written and reviewed in December, approved in
	the middle of January of the next year.
	"""
	from frappe.model.workflow import apply_workflow

	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	done = {
		(row.cadre, row.year)
		for row in frappe.get_all(
			"Annual Assessment", filters={"docstatus": ("<", 2)}, fields=["cadre", "year"]
		)
	}
	targets = read_fixture("agreement_targets")
	created = 0
	by_year: dict[int, list[dict]] = {}
	for row in read_fixture("assessments"):
		by_year.setdefault(row["year"], []).append(row)
	for year in sorted(by_year):
		reviewed = []
		for row in by_year[year]:
			cadre = cadre_of[row["id_number"]]
			if (cadre, year) in done:
				continue
			reviewed.append((row, review_assessment(cadre, row, targets, apply_workflow)))
		reviewed.sort(key=lambda item: item[0]["grade"] == "Excellent")
		with dated(f"{year + 1}-01-15"):
			for _row, assessment in reviewed:
				assessment.approver_opinion = "同意街道党工委意见。"
				assessment.save()
				apply_workflow(assessment, "Approve")
				created += 1
		frappe.db.commit()
	return created


def review_assessment(cadre: str, row: dict, targets: list[dict], apply_workflow):
	with dated(f"{row['year']}-02-15"):
		agreement = sign_agreement(cadre, row, targets, apply_workflow)
	with dated(f"{row['year']}-12-15"):
		assessment = write_assessment(cadre, row, agreement, apply_workflow)
	with dated(f"{row['year']}-12-28"):
		return apply_workflow(assessment, "Review")


def sign_agreement(cadre: str, row: dict, targets: list[dict], apply_workflow):
	agreement = frappe.get_doc(
		{
			"doctype": "Target Agreement",
			"cadre": cadre,
			"year": row["year"],
			"committee_signatory": "党工委书记",
			"signed_by_cadre_on": f"{row['year']}-02-15",
			"signed_by_committee_on": f"{row['year']}-02-15",
			"targets": targets,
		}
	).insert()
	agreement = apply_workflow(agreement, "Send for Signature")
	# Before the portal the secretaries signed on paper; the department recorded it.
	agreement.db_set("signing_note", "书记签订纸质责任书,由组织部门登记。")
	return apply_workflow(agreement, "Record Paper Signature")


def write_assessment(cadre: str, row: dict, agreement, apply_workflow):
	assessment = frappe.get_doc(
		{
			"doctype": "Annual Assessment",
			"cadre": cadre,
			"year": row["year"],
			"target_agreement": agreement.name,
			"satisfaction_rate": row["satisfaction"],
			"summary_integrity": "坚定理想信念,认真学习贯彻党的路线方针政策。",
			"summary_ability": "统筹协调能力较强,善于做群众工作。",
			"summary_diligence": "坚守岗位,工作认真负责。",
			"summary_performance": "围绕年度目标责任书开展工作。",
			"summary_honesty": "严格遵守廉洁自律各项规定。",
			"reviewer_opinion": row["reviewer_opinion"],
		}
	).insert()
	for score in assessment.scores:
		score.score = round(score.weight * row["target_percent"] / 100, 1)
	assessment.save()
	return apply_workflow(assessment, "Submit Self-Assessment")


def apply_case_decisions() -> int:
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	decided = 0
	for decision in read_fixture("case_decisions"):
		name = frappe.db.get_value(
			"Adjustment Case",
			{
				"cadre": cadre_of[decision["id_number"]],
				"trigger_year": decision["trigger_year"],
				"status": "Proposed",
			},
		)
		if not name:
			continue
		case = frappe.get_doc("Adjustment Case", name)
		# The case opened with the trigger year's approvals in January; the review starts in February.
		with dated(f"{decision['trigger_year'] + 1}-02-20"):
			case.start_review()
		if decision["decision"] != "Under Review":
			with dated(decision["decision_date"]):
				case.decide(
					decision["decision"], decision["reason"], decision["reference"], decision["decision_date"]
				)
		decided += 1
	frappe.db.commit()
	return decided


def load_users(users: list[dict]) -> int:
	existing = set(
		frappe.get_all("User", filters={"name": ("in", [u["email"] for u in users])}, pluck="name")
	)
	created = 0
	for spec in users:
		is_cadre_only = spec["roles"] == ["Cadre"]
		if spec["email"] not in existing:
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": spec["email"],
					"first_name": spec["first_name"],
					"language": "zh",
					"time_zone": "Asia/Shanghai",
					"send_welcome_email": 0,
					"user_type": "Website User" if is_cadre_only else "System User",
					"roles": [{"role": role} for role in spec["roles"]],
				}
			)
			user.flags.no_welcome_mail = True
			user.insert(ignore_permissions=True)
			update_password(spec["email"], spec["password"])
			created += 1
		if cadre_id := spec.get("cadre_id_number"):
			frappe.db.set_value("Cadre", {"id_number": cadre_id}, "user", spec["email"])
			# The cadre logs in with its mobile number too (community_gov.portal.accounts).
			set_login_mobile(spec["email"], frappe.db.get_value("Cadre", {"id_number": cadre_id}, "phone"))
	return created


def link_reviewers(users: list[dict]) -> None:
	for spec in users:
		if not spec.get("sub_district"):
			continue
		sub_district = frappe.get_doc("Sub District", spec["sub_district"])
		if spec["email"] not in {row.user for row in sub_district.reviewers}:
			sub_district.append("reviewers", {"user": spec["email"]})
			sub_district.save(ignore_permissions=True)


RESERVE_ACTIONS = (
	("Forum Talk", "Record Forum Talk"),
	("Questionnaire", "Record Questionnaire"),
	("Inspection", "Record Inspection"),
	("In Training", "Start Training"),
	("Qualified", "Qualify"),
)


def create_reserve(spec: dict, cadre_of: dict[str, str]):
	"""A nomination taken through its selection steps with the workflow, as reviewers record them, each
	step on its date. A former reserve (`withdrawn_after` a step) goes as far as that step and is withdrawn on
	its day (`withdrawn_on`); any other withdrawn one during its selection."""
	step_dates = reserve_step_dates(spec)
	with dated(step_dates["Nominated"]):
		doc = insert_nomination(spec, cadre_of)
	last_step = spec.get("withdrawn_after") or spec["status"]
	if spec["status"] == "Withdrawn" and not spec.get("withdrawn_after"):
		with dated(step_dates["Withdrawn"]):
			return withdraw_nomination(doc, spec)
	for state, action in RESERVE_ACTIONS:
		if doc.status == last_step:
			break
		with dated(step_dates[state]):
			doc = record_step(doc, spec, state, action)
	if spec["status"] == "Withdrawn":
		with dated(spec["withdrawn_on"]):
			return withdraw_nomination(doc, spec)
	return doc


def withdraw_nomination(doc, spec: dict):
	from frappe.model.workflow import apply_workflow

	doc.db_set("withdrawal_reason", spec["withdrawal_reason"])
	return apply_workflow(doc, "Withdraw")


def insert_nomination(spec: dict, cadre_of: dict[str, str]):
	return frappe.get_doc(
		{
			"doctype": "Reserve Candidate",
			"cadre": cadre_of[spec["id_number"]],
			"community": spec["community"],
			"target_post": spec["target_post"],
			"nomination_date": spec["nomination_date"],
			"nomination_source": spec["nomination_source"],
			"mentor": cadre_of.get(spec["mentor_id_number"]),
			"cultivation_stage": spec["cultivation_stage"],
		}
	).insert()


def record_step(doc, spec: dict, state: str, action: str):
	from frappe.model.workflow import apply_workflow

	step_data = {
		"Forum Talk": {
			"forum_talk_date": spec["forum_talk_date"],
			"forum_attendees": spec["forum_attendees"],
			"forum_summary": "召开党员、居民代表座谈会,与会人员一致推荐。",
		},
		"Questionnaire": {
			"questionnaire_respondents": spec["questionnaire_respondents"],
			"questionnaire_approval_rate": spec["questionnaire_approval_rate"],
		},
		"Inspection": {
			"inspection_team": "街道党工委考察组",
			"inspection_conclusion": "政治素质好,群众基础好,符合后备干部条件。",
		},
		"In Training": {"assignments": spec["assignments"]},
		"Qualified": {},
	}
	doc.update(step_data[state])
	doc.save()
	return apply_workflow(doc, action)


def load_reserves() -> int:
	"""The former reserves (of 2015–2021, out of the pool since) first, then the pool: a cadre may stand
	again for a post it once left the pool for."""
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	existing = {
		(row.cadre, row.target_post, str(row.nomination_date))
		for row in frappe.get_all("Reserve Candidate", fields=["cadre", "target_post", "nomination_date"])
	}
	created = 0
	for spec in read_fixture("former_reserves") + read_fixture("reserves"):
		if (cadre_of[spec["id_number"]], spec["target_post"], spec["nomination_date"]) in existing:
			continue
		create_reserve(spec, cadre_of)
		created += 1
	frappe.db.commit()
	return created


def load_successions() -> int:
	"""The adjusted secretary's successor: nominated while deputy, qualified, appointed from the case.

	The appointment is drafted and approved before its term starts, and filed with the county afterwards."""
	from frappe.model.workflow import apply_workflow

	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	created = 0
	for spec in read_fixture("successions"):
		case = frappe.get_doc(
			"Adjustment Case", {"cadre": cadre_of[spec["adjusted_id_number"]], "status": "Adjusted"}
		)
		if case.successor_appointment:
			continue
		successor = cadre_of[spec["successor_id_number"]]
		# Before the appointment the successor was the community's deputy secretary.
		frappe.db.set_value("Cadre", successor, "position", "Deputy Secretary")
		reserve = create_reserve(spec["reserve"], cadre_of)
		with dated(add_days(spec["from_date"], -40)):
			appointment = frappe.get_doc("Appointment", case.start_succession(reserve.name))
			appointment.update(
				{
					"from_date": spec["from_date"],
					"sub_district_opinion": spec["sub_district_opinion"],
					"approval_opinion": spec["approval_opinion"],
				}
			)
			appointment.save()
		with dated(add_days(spec["from_date"], -30)):
			appointment = apply_workflow(appointment, "Submit for Approval")
		with dated(add_days(spec["from_date"], -10)):
			appointment = apply_workflow(appointment, "Approve")
		with dated(spec["county_filing_date"]):
			appointment.county_filing_number = spec["county_filing_number"]
			appointment.county_filing_date = spec["county_filing_date"]
			appointment.save()
		created += 1
	frappe.db.commit()
	return created


def ensure_outgoing_email_account() -> None:
	"""Reminder emails are queued through this account; point its SMTP server at the real one.

	Its SMTP check is skipped: the demo machine has no mail server, mails simply stay queued."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1}):
		return
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "培训通知",
			"email_id": "training@community.localhost",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": 25,
			"no_smtp_authentication": 1,
		}
	)
	account.flags.ignore_validate = True
	account.insert(ignore_permissions=True)
	frappe.db.commit()


def load_training() -> int:
	"""Programs and sessions of the demo training year: completed classes with attendance, open Menu courses.

	A class is planned a month ahead, starts and is completed on its own dates."""
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	existing = set(frappe.get_all("Training Session", filters={"docstatus": ("<", 2)}, pluck="title"))
	created = 0
	for spec in read_fixture("training"):
		if spec["title"] in existing:
			continue
		with dated(add_days(getdate(spec["start"]), -30)):
			session = plan_session(spec, cadre_of)
		if spec["status"] == "Completed":
			with dated(spec["start"]):
				session.set_status("In Progress")
			with dated(frappe.utils.add_to_date(spec["start"], hours=spec["hours"])):
				session.reload()
				session.submit()
		created += 1
	frappe.db.commit()
	return created


def plan_session(spec: dict, cadre_of: dict[str, str]):
	program_spec = {key: value for key, value in spec["program"].items() if value is not None}
	program = frappe.db.get_value(
		"Training Program", {"title": program_spec["title"], "year": program_spec["year"]}
	)
	if not program:
		program = frappe.get_doc({"doctype": "Training Program", **program_spec}).insert().name
	session = frappe.get_doc(
		{
			"doctype": "Training Session",
			"program": program,
			"title": spec["title"],
			"start": spec["start"],
			"end": frappe.utils.add_to_date(spec["start"], hours=spec["hours"], as_datetime=True),
			"venue": spec["venue"],
			"trainer": spec["trainer"],
			"capacity": spec["capacity"],
			"enrolment_mode": spec["enrolment_mode"],
			"attendees": [
				{"cadre": cadre_of[row["id_number"]], "status": row["status"],
					"enrolled_via": row.get("enrolled_via", "Assigned")}
				for row in spec["attendees"]
			],
		}
	).insert()  # fmt: skip
	session.set_status("Enrolling")
	return session


# ---------------------------------------------------------------- the year in batches (issue 12)

# The sub-district whose whole 2025 rests on surveys; every failed year of the district does too.
SURVEYED_SUB_DISTRICT = "北园街道"
# Beyond the two-year rule: a secretary at risk (failed 2025 only) the department finds unfit for the post.
HAND_OPENED_CASE = {
	"id_number": "370104197501071605",
	"basis": "Unfit for Post",
	"reason": "履职能力明显不足,社区重点工作长期推不开,经街道党工委考察认定不胜任现职。",
	"evidence": "街道党工委考察报告(2026年3月);2025年度考核不合格(群众满意度调查50%);"
	"2026年1—2月群众来信来访9件;居民代表座谈会记录(2026年2月26日)。",
	"date": "03-10",
}
TEMPLATE_TITLE = "社区党组织书记年度目标责任书"


def load_surveys() -> int:
	"""Residents' satisfaction surveys behind the assessments of one sub-district's 2025 and of every failed
	year: a failed year by two surveys (paper questionnaire and door-to-door visits, pooled), the others by
	one; together they give exactly the fixture's rate. Only for years not yet assessed."""
	from community_gov.assessment.surveys import submitted_surveys

	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	sub_district_of = dict(frappe.get_all("Cadre", fields=["id_number", "sub_district"], as_list=True))
	assessed = {
		(row.cadre, row.year)
		for row in frappe.get_all(
			"Annual Assessment", filters={"docstatus": ("<", 2)}, fields=["cadre", "year"]
		)
	}
	created = 0
	for row in read_fixture("assessments"):
		cadre, year = cadre_of[row["id_number"]], row["year"]
		surveyed = row["grade"] == "Fail" or (
			year == 2025 and sub_district_of[row["id_number"]] == SURVEYED_SUB_DISTRICT
		)
		if not surveyed or (cadre, year) in assessed or submitted_surveys(cadre, year):
			continue
		satisfied = row["satisfaction"]  # of 100 asked
		if row["grade"] == "Fail":
			on_paper = round(satisfied * 0.6)
			counts = [("Paper Questionnaire", 60, on_paper), ("Door-to-door Visit", 40, satisfied - on_paper)]
		else:
			counts = [("Door-to-door Visit", 100, satisfied)]
		with dated(f"{year}-11-20"):
			for method, asked, satisfied_count in counts:
				frappe.get_doc(
					{
						"doctype": "Satisfaction Survey",
						"cadre": cadre,
						"year": year,
						"survey_date": f"{year}-11-20",
						"method": method,
						"conducted_by": "街道党工委",
						"sample_size": asked,
						"satisfied_count": satisfied_count,
					}
				).insert().submit()
				created += 1
	frappe.db.commit()
	return created


def load_year_in_batches() -> dict[str, int]:
	"""The year that follows the assessed ones, as HR runs it: a target template, the secretaries'
	agreements issued from it in one action in February (waiting for their signature), and one adjustment
	case opened by hand in March."""
	from community_gov.assessment.cases import open_case_by_hand
	from community_gov.assessment.issuing import issue_agreements

	year = max(row["year"] for row in read_fixture("assessments")) + 1
	counts = {"Target Template": 0, "Target Agreement": 0, "Adjustment Case (by hand)": 0}
	with dated(f"{year}-01-20"):
		if not frappe.db.exists("Target Template", TEMPLATE_TITLE):
			frappe.get_doc(
				{
					"doctype": "Target Template",
					"title": TEMPLATE_TITLE,
					"positions": [{"position": "Secretary"}],
					"targets": read_fixture("agreement_targets"),
					"remarks": "区委组织部统一制定,各街道党工委与社区党组织书记签订。",
				}
			).insert()
			counts["Target Template"] = 1
	with dated(f"{year}-02-05"):
		summary = issue_agreements(year, TEMPLATE_TITLE)
		counts["Target Agreement"] = summary["counts"]["created"]
	spec = HAND_OPENED_CASE
	cadre = frappe.db.get_value("Cadre", {"id_number": spec["id_number"]}, "name")
	has_case = frappe.db.exists("Adjustment Case", {"cadre": cadre, "basis": spec["basis"]})
	if cadre and not has_case:
		with dated(f"{year}-{spec['date']}"):
			open_case_by_hand(cadre, spec["basis"], spec["reason"], spec["evidence"])
		counts["Adjustment Case (by hand)"] = 1
	frappe.db.commit()
	return counts


# ---------------------------------------------------------------- the secretaries on their phones (issue 12)

# Secretaries with a portal login and what each has done of its year on the portal; another secretary's
# agreement is recorded on paper by HR; the rest of the issued agreements still wait for the signature.
PORTAL_SECRETARIES = {
	"cadre01@community.localhost": "Draft",  # signed; the self-summary written in part, kept as a draft
	"cadre03@community.localhost": "Self Assessed",  # signed; the self-summary submitted
	"cadre05@community.localhost": "Returned",  # signed; submitted and returned by the reviewer
}
PORTAL_SUMMARY = {
	"integrity": "坚定理想信念,认真学习党的二十大精神,对党忠诚老实。",
	"ability": "统筹网格员和志愿者队伍,调处矛盾纠纷38起。",
	"diligence": "坚守岗位,带头参加防汛值守和夜间巡查。",
	"performance": "完成年度目标责任书各项任务,为民服务事项按时办结。",
	"honesty": "严守中央八项规定精神,廉洁自律。",
}
RETURN_REASON = "“绩”部分过于笼统,请补充为民服务事项的数量和群众评价等具体情况。"
PAPER_SIGNATURE_NOTE = "书记在街道党工委会议室签订纸质责任书,原件存街道党政办。"


def load_portal_year() -> dict[str, int]:
	"""The issued agreements of the year in motion as the secretaries meet them on their phones (dated
	February): three sign on the portal, one's paper signature is recorded by the department; the rest wait.
	In November the department opens the three's assessments and they write their self-summaries on the
	portal: a draft kept, one submitted, one returned by the sub-district's reviewer with its reason.
	Run through the portal's own methods as each secretary. Idempotent: what has moved on is left."""
	from frappe.model.workflow import apply_workflow

	from community_gov.api import set_reason
	from community_gov.portal import assessment as portal_assessment
	from community_gov.portal import targets as portal_targets

	year = max(row["year"] for row in read_fixture("assessments")) + 1
	counts = {
		"Target Agreement (signed on the portal)": 0,
		"Annual Assessment (self-summary on the portal)": 0,
	}
	pending = frappe.get_all(
		"Target Agreement",
		filters={"year": year, "workflow_state": "Pending Signature"},
		fields=["name", "cadre"],
		order_by="name",
	)
	user_of = dict(
		frappe.get_all("Cadre", filters={"user": ("is", "set")}, fields=["name", "user"], as_list=True)
	)
	signed = []
	with dated(f"{year}-02-20"):
		for row in pending:
			user = user_of.get(row.cadre)
			if user in PORTAL_SECRETARIES:
				with acting_as(user):
					portal_targets.sign_agreement(row.name)
				signed.append(row)
				counts["Target Agreement (signed on the portal)"] += 1
		paper = next((row for row in pending if row.cadre not in user_of), None)
		if paper:
			set_reason("Target Agreement", paper.name, "Record Paper Signature", PAPER_SIGNATURE_NOTE)
			apply_workflow(frappe.get_doc("Target Agreement", paper.name), "Record Paper Signature")
	for row in signed:
		user = user_of[row.cadre]
		if frappe.db.exists("Annual Assessment", {"cadre": row.cadre, "year": year, "docstatus": ("<", 2)}):
			continue
		with dated(f"{year}-11-16"):
			assessment = frappe.get_doc(
				{"doctype": "Annual Assessment", "cadre": row.cadre, "year": year, "target_agreement": row.name,
					"satisfaction_rate": 0}
			).insert()  # fmt: skip
		state = PORTAL_SECRETARIES[user]
		with dated(f"{year}-11-18"), acting_as(user):
			if state == "Draft":
				portal_assessment.save_self_summary(
					assessment.name, integrity=PORTAL_SUMMARY["integrity"], ability=PORTAL_SUMMARY["ability"]
				)
			else:
				portal_assessment.submit_self_assessment(assessment.name, **PORTAL_SUMMARY)
		if state == "Returned":
			reviewer = frappe.db.get_value(
				"Sub District User",
				{
					"parenttype": "Sub District",
					"parent": frappe.db.get_value("Cadre", row.cadre, "sub_district"),
				},
				"user",
			)
			with dated(f"{year}-11-20"), acting_as(reviewer or "Administrator"):
				set_reason("Annual Assessment", assessment.name, "Return", RETURN_REASON)
				apply_workflow(frappe.get_doc("Annual Assessment", assessment.name), "Return")
		counts["Annual Assessment (self-summary on the portal)"] += 1
	frappe.db.commit()
	return counts


# ---------------------------------------------------------------- HR's score sheet (issue 12)

DEMO_HR_USER = "orgdept@community.localhost"


def load_score_import() -> dict[str, int]:
	"""The year in motion's scores as HR fills them (21 November): the department downloads the score sheet of
	the sub-district whose secretary has submitted its self-summary, fills it and uploads it; a typo (a score
	above its target's weight) refuses the first upload, naming the row and the column; the corrected sheet is
	imported. Two Batch Import Logs with their sheets attached. Idempotent: skipped once a log exists."""
	from community_gov.batch.scores import headers, import_scores, score_sheet, target_header
	from community_gov.batch.sheets import edit_workbook, read_workbook

	counts = {"Batch Import Log": 0}
	if frappe.db.count("Batch Import Log") or not frappe.db.exists("User", DEMO_HR_USER):
		return counts
	year = max(row["year"] for row in read_fixture("assessments")) + 1
	submitted = next(user for user, state in PORTAL_SECRETARIES.items() if state == "Self Assessed")
	sub_district = frappe.db.get_value("Cadre", {"user": submitted}, "sub_district")
	if not sub_district:
		return counts
	weights = {
		(target["area"], target["description"]): target["weight"]
		for target in read_fixture("agreement_targets")
	}
	previous_lang = frappe.local.lang
	frappe.local.lang, frappe.local.lang_full_dict = "zh", None  # the sheet as the department reads it
	try:
		with dated(f"{year}-11-21"), acting_as(DEMO_HR_USER):
			sheet = score_sheet(sub_district, year)
			_headers, rows = read_workbook(sheet)
			if not rows:
				return counts
			h = headers()
			filled = {}
			for number, row in enumerate(rows):
				for (area, description), weight in weights.items():
					header = target_header(area, description)
					if header in row.values and row.get(header) is None:
						filled[(row.number, header)] = round(weight * (0.92 - 0.03 * (number % 3)), 1)
				filled[(row.number, h.veto)] = "否"
				filled[(row.number, h.satisfaction)] = 93 - 2 * (number % 4)
			typo = next(cell for cell in filled if cell[1] not in (h.satisfaction, h.veto))
			first = edit_workbook(sheet, {**filled, typo: filled[typo] * 10})
			import_scores(store_upload(first, f"评分表-{sub_district}-初稿.xlsx"))
			import_scores(store_upload(edit_workbook(sheet, filled), f"评分表-{sub_district}.xlsx"))
	finally:
		frappe.local.lang, frappe.local.lang_full_dict = previous_lang, None
	counts["Batch Import Log"] = frappe.db.count("Batch Import Log")
	frappe.db.commit()
	return counts


def store_upload(content: bytes, file_name: str) -> str:
	"""A sheet uploaded by the session user, as the desk's upload control stores it (private)."""
	file = frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 1})
	return file.insert(ignore_permissions=True).file_url


@contextmanager
def acting_as(user: str):
	"""A step done by that user (the secretary on its phone, the reviewer in the desk), then back."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)
