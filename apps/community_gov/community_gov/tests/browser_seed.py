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
