"""Alerts before a term ends (换届提醒): daily, every current term ending soon or overdue
(community_gov.rules.terms.ending_soon: its end `term_alert_days`, 90, days away or less) and not yet announced
is announced to the Organization Department and to the reviewers of its sub-district, once: the term keeps the
day it was announced (`alert_sent_on`; a changed end clears it, community_gov.community_governance.doctype.
cadre_term). The workspace card counts the same window and opens the Terms Ending report on it
(community_gov.terms.ending).

Set-based: one query for the terms, one for the department's users, one for the reviewers, one batch of
notifications (community_gov.notifications.send) and one UPDATE, however many terms end.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, nowdate

from community_gov import notifications
from community_gov.assessment.case_notifications import organization_users
from community_gov.rules.terms import days_left, ending_soon
from community_gov.terms.ending import count_ending, route_options, window_filters
from community_gov.terms.lifecycle import term_settings


def due_terms(today, lead_days: int) -> list[frappe._dict]:
	"""Current terms ending soon or overdue (rules.terms.ending_soon) not yet announced."""
	filters, or_filters = window_filters(ending_soon(today, lead_days), alert_sent_on=("is", "not set"))
	return frappe.get_all(
		"Cadre Term",
		filters=filters,
		or_filters=or_filters,
		fields=["name", "full_name", "post", "community", "sub_district", "start_date", "end_date"],
		order_by="end_date asc, name asc",
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
	"""Number card: the current terms the viewer may see ending soon or overdue (the alerts' window), opening
	the Terms Ending report on that window."""
	frappe.has_permission("Cadre Term", "read", throw=True)
	window = ending_soon(getdate(nowdate()), term_settings().term_alert_days)
	return {
		"value": count_ending(window),
		"fieldtype": "Int",
		"route": ["query-report", "Terms Ending"],
		"route_options": route_options(window),
	}
