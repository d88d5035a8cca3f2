"""Load the demo district from the bench's `fixtures/` folder. Idempotent: existing records are kept.

	python -m frappe.utils.bench_helper frappe --site community.localhost execute \
		community_gov.demo.loader.load_demo
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe
from frappe.utils import get_bench_path
from frappe.utils.password import update_password

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
	# The demo is configured here, so the setup wizard (System Manager only) never blocks the desk.
	"setup_complete": 1,
}


def read_fixture(name: str) -> list[dict]:
	return json.loads((FIXTURES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def load_demo() -> None:
	set_system_defaults()
	users = read_fixture("users")
	counts = {
		"Sub District": load_sub_districts(),
		"Community": load_communities(),
		"Cadre": load_cadres(),
		"User": load_users(users),
	}
	link_reviewers(users)
	counts["Annual Assessment"] = load_assessments()
	counts["Adjustment Case"] = apply_case_decisions()
	counts["Reserve Candidate"] = load_reserves()
	counts["Appointment"] = load_successions()
	counts["Training Session"] = load_training()
	ensure_outgoing_email_account()
	frappe.db.commit()
	print("Demo data:", ", ".join(f"{doctype} +{created}" for doctype, created in counts.items()))
	print("Demo logins (password for all: {}):".format(users[0]["password"]))
	for user in users:
		print(f"  {user['email']:<38} {', '.join(user['roles'])}")


def set_system_defaults() -> None:
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
	last, as a department does it: the Excellent quota counts the whole year's assessments.
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
		for _row, assessment in reviewed:
			assessment.approver_opinion = "同意街道党工委意见。"
			assessment.save()
			apply_workflow(assessment, "Approve")
			created += 1
		frappe.db.commit()
	return created


def review_assessment(cadre: str, row: dict, targets: list[dict], apply_workflow):
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
	agreement = apply_workflow(apply_workflow(agreement, "Send for Signature"), "Sign")
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
	assessment = apply_workflow(assessment, "Submit Self-Assessment")
	return apply_workflow(assessment, "Review")


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
		case.start_review()
		if decision["decision"] != "Under Review":
			case.decide(decision["decision"], decision["reason"])
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
	"""A nomination taken through its selection steps with the workflow, as reviewers record them."""
	from frappe.model.workflow import apply_workflow

	doc = frappe.get_doc(
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
	if spec["status"] == "Withdrawn":
		doc.db_set("withdrawal_reason", spec["withdrawal_reason"])
		return apply_workflow(doc, "Withdraw")
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
	for state, action in RESERVE_ACTIONS:
		if doc.status == spec["status"]:
			break
		doc.update(step_data[state])
		doc.save()
		doc = apply_workflow(doc, action)
	return doc


def load_reserves() -> int:
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	existing = {
		(row.cadre, row.target_post)
		for row in frappe.get_all("Reserve Candidate", fields=["cadre", "target_post"])
	}
	created = 0
	for spec in read_fixture("reserves"):
		if (cadre_of[spec["id_number"]], spec["target_post"]) in existing:
			continue
		create_reserve(spec, cadre_of)
		created += 1
	frappe.db.commit()
	return created


def load_successions() -> int:
	"""The adjusted secretary's successor: nominated while deputy, qualified, appointed from the case."""
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
		appointment = frappe.get_doc("Appointment", case.start_succession(reserve.name))
		appointment.update(
			{
				"from_date": spec["from_date"],
				"sub_district_opinion": spec["sub_district_opinion"],
				"approval_opinion": spec["approval_opinion"],
				"county_filing_number": spec["county_filing_number"],
				"county_filing_date": spec["county_filing_date"],
			}
		)
		appointment.save()
		apply_workflow(apply_workflow(appointment, "Submit for Approval"), "Approve")
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
	"""Programs and sessions of the demo training year: completed classes with attendance, open Menu courses."""
	cadre_of = dict(frappe.get_all("Cadre", fields=["id_number", "name"], as_list=True))
	existing = set(frappe.get_all("Training Session", filters={"docstatus": ("<", 2)}, pluck="title"))
	created = 0
	for spec in read_fixture("training"):
		if spec["title"] in existing:
			continue
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
		if spec["status"] == "Completed":
			session.set_status("In Progress")
			session.reload()
			session.submit()
		created += 1
	frappe.db.commit()
	return created
