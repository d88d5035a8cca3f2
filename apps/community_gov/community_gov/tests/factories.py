"""Factory functions for the integration tests: each makes a valid record with unique names."""

from __future__ import annotations

import datetime
import itertools
import random

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from community_gov.query_counter import QueryCounter
from community_gov.rules import id_number
from community_gov.rules.terms import bodies_electing

_sequence = itertools.count(1)
_random = random.SystemRandom()


def unique(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=6)}"


def next_id_number(birth: datetime.date | None = None, male: bool = True) -> str:
	"""A valid ID number no cadre has yet (test sites keep committed data between runs of one module)."""
	while True:
		number = next(_sequence) + _random.randrange(1_000_000)
		date = birth or datetime.date(1965 + number % 30, 1 + number % 12, 1 + number % 28)
		sequence = (number * 2 + (1 if male else 0)) % 1000
		candidate = id_number.build(f"{370100 + number % 97:06d}", date, sequence)
		if not frappe.db.exists("Cadre", {"id_number": candidate}):
			return candidate


def make_sub_district(**values) -> frappe._dict:
	name = values.pop("sub_district_name", None) or unique("测试街道")
	doc = frappe.get_doc({"doctype": "Sub District", "sub_district_name": name, **values})
	return doc.insert(ignore_permissions=True)


def make_community(sub_district: str, **values):
	name = values.pop("community_name", None) or unique("测试社区")
	doc = frappe.get_doc(
		{
			"doctype": "Community",
			"community_name": name,
			"sub_district": sub_district,
			"community_type": "Urban",
			**values,
		}
	)
	return doc.insert(ignore_permissions=True)


def cadre_values(community: str, **values) -> dict:
	return {
		"doctype": "Cadre",
		"full_name": values.pop("full_name", None) or unique("张"),
		"id_number": values.pop("id_number", None) or next_id_number(),
		"community": community,
		"position": values.pop("position", "Secretary"),
		"education": "College",
		"political_status": "CPC Member",
		"party_join_date": "2000-07-01",
		**values,
	}


def make_cadre(community: str, **values):
	return frappe.get_doc(cadre_values(community, **values)).insert(ignore_permissions=True)


def make_user(roles: list[str], **values):
	email = values.pop("email", None) or f"{unique('user').lower()}@test.localhost"
	if frappe.db.exists("User", email):
		return frappe.get_doc("User", email)
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": values.pop("first_name", email.split("@")[0]),
			"send_welcome_email": 0,
			"user_type": "System User" if roles != ["Cadre"] else "Website User",
			"roles": [{"role": role} for role in roles],
			**values,
		}
	)
	user.flags.no_welcome_mail = True
	return user.insert(ignore_permissions=True)


def add_reviewer(sub_district: str, user: str) -> None:
	doc = frappe.get_doc("Sub District", sub_district)
	doc.append("reviewers", {"user": user})
	doc.save(ignore_permissions=True)


def api_token(user: str) -> str:
	"""API key and secret for a REST call as this user (the request runs on its own connection)."""
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	return f"token {doc.api_key}:{secret}"


def rest_get(path: str, token: str):
	"""GET through Frappe's WSGI application, as an HTTP client would. Commit test data first."""
	return make_request(
		target=get_test_client(use_cookies=False).get,
		args=(path,),
		kwargs={"headers": {"Authorization": token}},
		site=frappe.local.site,
	)


DEFAULT_TARGETS = (
	("Social Stability", "维护社区稳定,无重大信访事件", 30, 1),
	("Serving Residents", "为民服务事项按时办结", 40, 0),
	("Party Building", "党组织规范化建设", 30, 0),
)


def make_agreement(cadre: str, year: int, targets=DEFAULT_TARGETS, sign: bool = True):
	from frappe.model.workflow import apply_workflow

	doc = frappe.get_doc(
		{
			"doctype": "Target Agreement",
			"cadre": cadre,
			"year": year,
			"targets": [
				{"area": area, "description": description, "indicator": "", "weight": weight, "is_veto": veto}
				for area, description, weight, veto in targets
			],
		}
	).insert()
	if sign:
		doc = apply_workflow(doc, "Send for Signature")
		doc = apply_workflow(doc, "Sign")
	return doc


def make_assessment(
	cadre: str,
	year: int,
	target_percent: float = 80,
	satisfaction: float = 80,
	veto_failed: bool = False,
	until: str = "Approved",
	agreement: str | None = None,
):
	"""An assessment taken through the workflow up to `until` (Draft, Self Assessed, Reviewed, Approved)."""
	from frappe.model.workflow import apply_workflow

	agreement = agreement or make_agreement(cadre, year).name
	doc = frappe.get_doc(
		{
			"doctype": "Annual Assessment",
			"cadre": cadre,
			"year": year,
			"target_agreement": agreement,
			"satisfaction_rate": satisfaction,
			"summary_performance": "完成年度目标任务",
		}
	).insert()
	for row in doc.scores:
		row.score = row.weight * target_percent / 100
		row.veto_failed = int(bool(row.is_veto and veto_failed))
	doc.save()
	for action, state in (
		("Submit Self-Assessment", "Self Assessed"),
		("Review", "Reviewed"),
		("Approve", "Approved"),
	):
		if until == doc.workflow_state:
			break
		doc = apply_workflow(doc, action)
		if state == until:
			break
	return doc


FAIL = {"target_percent": 50, "satisfaction": 50}  # total 50
COMPETENT = {"target_percent": 80, "satisfaction": 80}  # total 80
EXCELLENT = {"target_percent": 100, "satisfaction": 95}  # total 99


def amend(doc):
	"""What the desk's Amend button does: a draft copy pointing at the cancelled original."""
	amended = frappe.copy_doc(doc)
	amended.docstatus = 0
	amended.amended_from = doc.name
	amended.workflow_state = None
	return amended.insert()


def decide_case(
	case,
	decision: str,
	reason: str = "连续两年考核不合格",
	reference: str = "区委组织部部务会议纪要〔2026〕1号",
	decision_date: str | None = None,
) -> None:
	"""An adjustment case (its name, or the document itself, which is then up to date) decided with its basis
	(reason, meeting minutes number, date), as the desk does."""
	case = frappe.get_doc("Adjustment Case", case) if isinstance(case, str) else case
	case.decide(decision, reason, reference, decision_date or frappe.utils.today())


RESERVE_STEPS = {
	"Forum Talk": (
		"Record Forum Talk",
		{"forum_talk_date": "2025-03-01", "forum_attendees": 25, "forum_summary": "座谈推荐"},
	),
	"Questionnaire": (
		"Record Questionnaire",
		{"questionnaire_respondents": 60, "questionnaire_approval_rate": 88},
	),
	"Inspection": (
		"Record Inspection",
		{"inspection_team": "街道考察组", "inspection_conclusion": "符合条件"},
	),
	"In Training": ("Start Training", {}),
	"Qualified": ("Qualify", {}),
}


def make_reserve(cadre: str, community: str | None = None, target_post: str = "Secretary", until: str = "Nominated",
		**values):  # fmt: skip
	"""A reserve candidate taken through the selection steps up to `until`."""
	from frappe.model.workflow import apply_workflow

	doc = frappe.get_doc(
		{
			"doctype": "Reserve Candidate",
			"cadre": cadre,
			"community": community,
			"target_post": target_post,
			"nomination_date": "2025-01-10",
			"nomination_source": "Community Party Organization",
			**values,
		}
	).insert()
	for state, (action, data) in RESERVE_STEPS.items():
		if doc.status == until:
			break
		doc.update(data)
		if state == "Qualified":
			doc.append(
				"assignments", {"task": "牵头调处矛盾纠纷", "outcome": "Good", "start_date": "2025-04-01"}
			)
		doc.save()
		doc = apply_workflow(doc, action)
	return doc


def render_print_format(doctype: str, name: str, print_format: str, lang: str = "zh") -> str:
	"""The print format's own HTML for a document, in a language (no built desk assets needed)."""
	template = frappe.db.get_value("Print Format", print_format, "html")
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return frappe.render_template(template, {"doc": frappe.get_doc(doctype, name)})
	finally:
		frappe.local.lang = previous


def make_program(level: str = "District", audience: str = "Secretaries", is_rotation: int = 0, **values):
	return frappe.get_doc(
		{
			"doctype": "Training Program",
			"title": values.pop("title", None) or unique("社区治理专题培训"),
			"year": values.pop("year", 2026),
			"level": level,
			"category": values.pop("category", "Key"),
			"training_format": "Lecture",
			"audience": audience,
			"is_rotation": is_rotation,
			"hours": 3,
			**values,
		}
	).insert()


def make_session(program: str, start: str, hours: float = 3, capacity: int = 30, mode: str = "Assigned",
		status: str | None = None, attendees: list[dict] | None = None):  # fmt: skip
	"""A session; `status` "Enrolling"/"In Progress" moves it on, "Completed" also submits it."""
	end = frappe.utils.add_to_date(start, hours=hours, as_datetime=True)
	doc = frappe.get_doc(
		{
			"doctype": "Training Session",
			"program": program,
			"title": unique("培训班"),
			"start": start,
			"end": end,
			"venue": "区委党校报告厅",
			"trainer": "王教授",
			"capacity": capacity,
			"enrolment_mode": mode,
			"attendees": attendees or [],
		}
	).insert()
	if status in ("Enrolling", "In Progress", "Completed", "Cancelled"):
		for step in ("Enrolling", "In Progress"):
			doc.set_status(step)
			if step == status:
				break
		if status == "Completed":
			doc.reload()
			for row in doc.attendees:
				row.status = "Attended" if row.status == "Enrolled" else row.status
			doc.submit()
	return doc


def make_outgoing_email_account() -> str:
	"""A default outgoing account, so emails can be queued (nothing is sent in tests)."""
	name = "培训通知"
	if not frappe.db.exists("Email Account", name):
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "training@community.localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 25,
				"no_smtp_authentication": 1,
			}
		)
		account.flags.ignore_validate = True  # no mail server here: nothing is sent
		account.insert(ignore_permissions=True)
	return name


def future(days: int, hour: int = 9) -> str:
	"""A datetime string `days` from today at `hour` o'clock (negative days: the past)."""
	from frappe.utils import add_days, now_datetime

	return f"{add_days(now_datetime().date(), days)} {hour:02d}:00:00"


def ensure_system_manager() -> None:
	"""Frappe makes the first System User of a set-up site a System Manager; the test site gets one of its
	own first, so no test's reviewer or leader becomes one by being created first."""
	email = "sysman@test.localhost"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "System Manager", "send_welcome_email": 0,
				"roles": [{"role": "System Manager"}]}
		).insert(ignore_permissions=True)  # fmt: skip
		frappe.db.commit()


def make_target_template(positions=("Secretary", "Deputy Secretary"), year: int | None = None,
		targets=DEFAULT_TARGETS, **values):  # fmt: skip
	"""A target template for the agreements of `positions` (any year unless `year`)."""
	return frappe.get_doc(
		{
			"doctype": "Target Template",
			"title": values.pop("title", None) or unique("社区党组织书记年度目标"),
			"year": year,
			"positions": [{"position": position} for position in positions],
			"targets": [
				{"area": area, "description": description, "indicator": "", "weight": weight, "is_veto": veto}
				for area, description, weight, veto in targets
			],
			**values,
		}
	).insert()


def make_survey(cadre: str, year: int, sample_size: int = 100, satisfied_count: int = 80, submit: bool = True,
		**values):  # fmt: skip
	"""A residents' satisfaction survey of the cadre's year, submitted unless `submit` is false."""
	doc = frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"cadre": cadre,
			"year": year,
			# November, as the year's surveys are done; this year's not after today.
			"survey_date": values.pop("survey_date", min(f"{year}-11-20", frappe.utils.today())),
			"method": values.pop("method", "Door-to-door Visit"),
			"sample_size": sample_size,
			"satisfied_count": satisfied_count,
			**values,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def make_pay_standard(
	post: str = "Secretary", community_type: str | None = None, effective_from=None, **values
):
	"""A pay standard (inserted with the caller's rights); by default on a day no other standard of the post
	and type has, as one post, type and date take one standard."""
	while not effective_from:
		day = datetime.date(1990, 1, 1) + datetime.timedelta(days=_random.randrange(10_000))
		if not frappe.db.exists(
			"Pay Standard", {"post": post, "community_type": community_type or "", "effective_from": day}
		):
			effective_from = day
	return frappe.get_doc(
		{
			"doctype": "Pay Standard",
			"post": post,
			"community_type": community_type,
			"effective_from": effective_from,
			**values,
		}
	).insert()


def make_pay_record(
	cadre: str, effective_from="2020-01-01", monthly_pay=None, insured: bool = True, **values
):
	"""A cadre's pay on record from a date (inserted with the caller's rights): with all five social insurances
	unless `insured` is False (a flag given in `values` wins)."""
	from community_gov.rules.pay import INSURANCE_FIELDS

	return frappe.get_doc(
		{
			"doctype": "Cadre Pay Record",
			"cadre": cadre,
			"effective_from": effective_from,
			"monthly_pay": monthly_pay,
			"reason": values.pop("reason", "Initial Record"),
			**dict.fromkeys(INSURANCE_FIELDS, int(insured)),
			**values,
		}
	).insert()


def make_general_election(communities: list[str], year: int = 2026, status: str = "In Progress", **values):
	"""A 换届 covering the communities (inserted with the caller's rights)."""
	return frappe.get_doc(
		{
			"doctype": "General Election",
			"title": values.pop("title", None) or unique(f"{year}年社区两委换届"),
			"year": year,
			"status": status,
			"start_date": values.pop("start_date", f"{year}-01-05"),
			"communities": [{"community": community} for community in communities],
			**values,
		}
	).insert()


def make_election(cadre: str, community: str, post: str = "Secretary", votes_for: int = 30,
		votes_cast: int = 41, submit: bool = True, **values):  # fmt: skip
	"""An election record (re-electing the incumbent unless a reserve candidate is given), submitted; by the
	first body that elects the post (rules.terms.bodies_electing) unless one is given."""

	doc = frappe.get_doc(
		{
			"doctype": "Election Record",
			"cadre": cadre,
			"community": community,
			"post": post,
			"body": values.pop("body", None) or bodies_electing(post)[0],
			"election_date": values.pop("election_date", "2026-01-10"),
			"votes_for": votes_for,
			"votes_cast": votes_cast,
			**values,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def make_term(cadre: str, community: str, post: str = "Secretary", start_date: str = "2021-12-06", **values):
	"""A term entered by hand, as the department back-fills the terms that began before the system."""
	return frappe.get_doc(
		{
			"doctype": "Cadre Term",
			"cadre": cadre,
			"community": community,
			"post": post,
			"start_date": start_date,
			"how": values.pop("how", "By Election"),
			**values,
		}
	).insert()
