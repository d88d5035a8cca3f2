"""Factory functions for the integration tests: each makes a valid record with unique names."""

from __future__ import annotations

import datetime
import itertools

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from community_gov.rules import id_number

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=6)}"


def next_id_number(birth: datetime.date | None = None, male: bool = True) -> str:
	"""A valid ID number not used before in this test run."""
	number = next(_sequence)
	birth = birth or datetime.date(1975 + number % 20, 1 + number % 12, 1 + number % 28)
	sequence = (number * 2 + (1 if male else 0)) % 1000
	region = f"{370100 + (number // 500) % 99:06d}"
	return id_number.build(region, birth, sequence)


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
