"""Portal accounts for a sub-district's cadres in one action; the accounts of cadres who leave are disabled.

An account is a Website User with the role Cadre, linked by Cadre.user. Its login is the cadre's mobile
number (User.mobile_no; Frappe accepts it at the login when System Settings allow login by mobile number).
The Cadre DocType keeps no e-mail address, so each account gets a placeholder address on the department's
mail domain (that of the default outgoing e-mail account), named after the cadre record: cad-00012@<domain>.
The welcome message is Frappe's own (the link to set a password), queued in Frappe's e-mail queue. No
password is ever set, shown, logged or returned here; the set-password key exists only in that e-mail.

A cadre is skipped, with the reason, when it already has an account, has no phone, has a landline, or shares
its mobile number with another cadre or user (a login must name one person).

Leaving: when a cadre's status becomes Adjusted, Retired or Resigned, its portal account is disabled (which
also ends its sessions). A cadre who returns to Active keeps the disabled account until a system manager
enables it: whether the account was disabled for leaving or for another reason is not the app's to know, and
enabling a login is an administrator's decision.
"""

from __future__ import annotations

from contextlib import contextmanager

import frappe
from frappe import _, _lt
from frappe.sessions import clear_sessions
from frappe.utils import cint

from community_gov.batch.imports import plain
from community_gov.cadres import visible_cadres
from community_gov.permissions import can_access_sub_district, require_roles
from community_gov.portal.accounts import login_mobile
from community_gov.rules import phone as phone_rules
from community_gov.text import bold

OD, RV = "Organization Department", "Sub District Reviewer"
CADRE_ROLE = "Cadre"
LEAVING_STATUSES = ("Adjusted", "Retired", "Resigned")
SKIP_REASONS = {
	"has_account": _lt("Already has a portal account"),
	"no_phone": _lt("No mobile number on record"),
	"not_mobile": _lt("The phone on record is not a mobile number"),
	"duplicate_phone": _lt("The mobile number is also another cadre's or user's"),
	"address_taken": _lt("Its account address is already in use"),
	"refused": _lt("The account could not be created"),
}


def skip_reason(code: str) -> str:
	return str(SKIP_REASONS[code])


def email_domain() -> str:
	"""The department's mail domain: that of the default outgoing e-mail account, else the site's name."""
	sender = frappe.db.get_value("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}, "email_id")
	return (sender or "").rpartition("@")[2] or frappe.local.site or "localhost"


def placeholder_email(cadre: str, domain: str) -> str:
	return f"{frappe.scrub(cadre).replace('_', '-')}@{domain}"


@contextmanager
def user_creation_allowance(count: int):
	"""Frappe refuses more than `throttle_user_limit` (60) new users an hour, against sign-up floods. An
	authorised batch of a sub-district's accounts may pass it, in this request only."""
	conf = frappe.local.conf
	had, previous = "throttle_user_limit" in conf, conf.get("throttle_user_limit")
	conf["throttle_user_limit"] = frappe.db.get_creation_count("User", 60) + count + cint(previous or 60)
	try:
		yield
	finally:
		if had:
			conf["throttle_user_limit"] = previous
		else:
			conf.pop("throttle_user_limit", None)


def plan_accounts(sub_district: str) -> tuple[list[frappe._dict], list[dict]]:
	"""The active cadres of the sub-district the user may see: those to get an account, and those skipped
	with the reason (four queries whatever the number of cadres)."""
	cadres = visible_cadres(
		{"sub_district": sub_district, "status": "Active"},
		["full_name", "community", "phone", "user"],
		order_by="community asc, full_name asc",
	)
	phones = [phone_rules.normalize(c.phone) for c in cadres if c.phone]
	shared = frappe.get_all(
		"Cadre",
		filters={"phone": ("in", sorted(set(phones)) or [""])},
		fields=["name", "phone"],
	)
	owners: dict[str, set[str]] = {}
	for row in shared:
		owners.setdefault(phone_rules.normalize(row.phone), set()).add(row.name)
	user_phones = set(
		frappe.get_all("User", filters={"mobile_no": ("in", sorted(set(phones)) or [""])}, pluck="mobile_no")
	)
	domain = email_domain()
	addresses = {c.name: placeholder_email(c.name, domain) for c in cadres}
	taken = set(
		frappe.get_all("User", filters={"name": ("in", list(addresses.values()) or [""])}, pluck="name")
	)
	to_create, skipped = [], []
	for cadre in cadres:
		number = login_mobile(cadre.phone)
		if cadre.user:
			code = "has_account"
		elif not phone_rules.normalize(cadre.phone):
			code = "no_phone"
		elif not number:
			code = "not_mobile"
		elif len(owners.get(number, ())) > 1 or number in user_phones:
			code = "duplicate_phone"
		elif addresses[cadre.name] in taken:
			code = "address_taken"
		else:
			to_create.append(frappe._dict(cadre, phone=number, email=addresses[cadre.name]))
			continue
		skipped.append(
			{"cadre": cadre.name, "full_name": cadre.full_name, "community": cadre.community,
				"reason": code, "message": skip_reason(code)}
		)  # fmt: skip
	return to_create, skipped


@frappe.whitelist(methods=["POST"])
def create_portal_accounts(sub_district: str) -> dict:
	"""Creates a portal account for every active cadre of the sub-district without one (see the module)."""
	require_roles(OD, RV)
	if not frappe.db.exists("Sub District", sub_district) or not can_access_sub_district(sub_district):
		frappe.throw(
			_("{0} {1} is outside your access").format(_("Sub District"), bold(sub_district)),
			frappe.PermissionError,
		)
	to_create, skipped = plan_accounts(sub_district)
	created = []
	messages = len(frappe.local.message_log)
	with user_creation_allowance(len(to_create)):
		for cadre in to_create:
			frappe.db.savepoint("cg_account")
			try:
				created.append(create_account(cadre))
			except frappe.ValidationError as error:
				frappe.db.rollback(save_point="cg_account")
				skipped.append(
					{"cadre": cadre.name, "full_name": cadre.full_name, "community": cadre.community,
						"reason": "refused", "message": f"{skip_reason('refused')}: {plain(str(error))}"}
				)  # fmt: skip
	# Frappe says "Welcome email sent" once per account; the summary says it once.
	del frappe.local.message_log[messages:]
	return {
		"created": created,
		"skipped": skipped,
		"mobile_login": bool(
			cint(frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number"))
		),
		"mail_account": bool(
			frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
		),
	}


def create_account(cadre: frappe._dict) -> dict:
	"""The cadre's Website User, its welcome e-mail queued, and the link from the cadre record."""
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": cadre.email,
			"first_name": cadre.full_name,
			"mobile_no": cadre.phone,
			"language": frappe.db.get_default("lang") or "zh",
			"user_type": "Website User",
			"send_welcome_email": 1,
			"roles": [{"role": CADRE_ROLE}],
		}
	)
	# Queued, never sent inside the request (and never failing it for want of a mail server).
	user.flags.delay_emails = True
	# No role of the app may create users; the caller's right is the access to the cadres checked above.
	user.insert(ignore_permissions=True)
	frappe.db.set_value("Cadre", cadre.name, "user", user.name)
	return {
		"cadre": cadre.name,
		"full_name": cadre.full_name,
		"community": cadre.community,
		"user": user.name,
	}


def disable_account_of_leaving_cadre(cadre) -> None:
	"""Cadre on_update: a cadre who leaves can no longer log in to the portal (see the module's docstring).

	Only a portal (Website) account is disabled; a desk account linked to a cadre is the system manager's."""
	if cadre.status not in LEAVING_STATUSES or not cadre.user:
		return
	if not (cadre.has_value_changed("status") or cadre.has_value_changed("user")):
		return
	account = frappe.db.get_value("User", cadre.user, ["enabled", "user_type"], as_dict=True)
	if not account or not account.enabled or account.user_type != "Website User":
		return
	# What User.save does on disabling (check_enable_disable), without its save of the user's notification
	# settings, which the department or reviewer recording the departure may not write.
	frappe.db.set_value("User", cadre.user, "enabled", 0)
	frappe.db.set_value("Notification Settings", cadre.user, "enabled", 0)
	clear_sessions(user=cadre.user, force=True)
	frappe.clear_cache(user=cadre.user)
	frappe.cache.delete_key("enabled_users")
	cadre.add_comment(
		"Info", _("Portal account {0} disabled: the cadre is {1}").format(cadre.user, _(cadre.status))
	)
