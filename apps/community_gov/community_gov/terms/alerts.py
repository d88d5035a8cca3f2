"""Alerts before a term ends (换届提醒): daily, every current term whose end is `term_alert_days` (90) days
away or less and that was not yet announced is announced to the Organization Department and to the
reviewers of its sub-district, once: the term keeps the day it was announced (`alert_sent_on`; a changed end
clears it, community_gov.community_governance.doctype.cadre_term).

Set-based: one query for the terms, one for the department's users, one for the reviewers, one batch of
notifications (community_gov.notifications.send) and one UPDATE, however many terms end.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, nowdate

from community_gov import notifications
from community_gov.assessment.case_notifications import organization_users
from community_gov.rules.terms import TERM_CURRENT, alert_window_end, days_left
from community_gov.terms.lifecycle import term_settings


def due_terms(today, lead_days: int) -> list[frappe._dict]:
	"""Current terms ending within the lead time (or overdue) not yet announced."""
	term = frappe.qb.DocType("Cadre Term")
	return (
		frappe.qb.from_(term)
		.select(
			term.name,
			term.full_name,
			term.post,
			term.community,
			term.sub_district,
			term.start_date,
			term.end_date,
		)
		.where(
			(term.status == TERM_CURRENT)
			& (term.end_date <= alert_window_end(today, lead_days))
			& term.alert_sent_on.isnull()
		)
		.orderby(term.end_date)
		.orderby(term.name)
		.run(as_dict=True)
	)


def reviewers_of(sub_districts: set[str]) -> dict[str, list[str]]:
	if not sub_districts:
		return {}
	reviewer = frappe.qb.DocType("Sub District User")
	rows = (
		frappe.qb.from_(reviewer)
		.select(reviewer.parent, reviewer.user)
		.where((reviewer.parenttype == "Sub District") & reviewer.parent.isin(sorted(sub_districts)))
		.orderby(reviewer.idx)
		.run()
	)
	users: dict[str, list[str]] = {}
	for sub_district, user in rows:
		users.setdefault(sub_district, []).append(user)
	return users


def send_term_alerts(today: str | None = None) -> list[str]:
	"""Announce the terms due today; returns their names (scheduled daily in hooks.py)."""
	if not frappe.db.get_single_value("Governance Settings", "send_term_alerts"):
		return []
	today = getdate(today or nowdate())
	terms = due_terms(today, term_settings().term_alert_days)
	if not terms:
		return []
	department = organization_users()
	reviewers = reviewers_of({term.sub_district for term in terms if term.sub_district})
	notifications.send(
		notifications.Notice(
			recipients=tuple(department + reviewers.get(term.sub_district, [])),
			subject=_("Term of {0} as {1} of {2} ends on {3} ({4} days)").format(
				escape_html(term.full_name or ""),
				_(term.post),
				escape_html(term.community),
				term.end_date,
				days_left(getdate(term.end_date), today),
			),
			document_type="Cadre Term",
			document_name=term.name,
			email_content=_("Term from {0} to {1}; prepare the election or the appointment.").format(
				term.start_date, term.end_date
			),
		)
		for term in terms
	)
	names = [term.name for term in terms]
	table = frappe.qb.DocType("Cadre Term")
	frappe.qb.update(table).set(table.alert_sent_on, today).where(table.name.isin(names)).run()
	return names


@frappe.whitelist()
@frappe.read_only()
def terms_ending_soon(filters: str | None = None) -> dict:
	"""Number card: the current terms the viewer may see ending within the alert lead time (or overdue)."""
	frappe.has_permission("Cadre Term", "read", throw=True)
	today = getdate(nowdate())
	count = frappe.get_list(
		"Cadre Term",
		filters={
			"status": TERM_CURRENT,
			"end_date": ("<=", alert_window_end(today, term_settings().term_alert_days)),
		},
		fields=["count(name) as terms"],
		limit_page_length=0,
	)
	return {
		"value": int(count[0].terms) if count else 0,
		"fieldtype": "Int",
		"route": ["query-report", "Terms Ending"],
	}
