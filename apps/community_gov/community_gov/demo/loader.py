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
	return insert_missing("Cadre", read_fixture("cadres"), "id_number")


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
