"""Notices to a cadre when something waits for it: an agreement to sign, a self-assessment to write, an
assessment returned, results approved, a training session tomorrow.

Each kind is switched in Governance Settings (the session reminder by the training reminders' own switch) and
reaches the cadre twice: as a system notification when the record moves on (the doc events below, through
community_gov.notifications: Frappe's Notification Log, e-mail as the user's Notification Settings ask; the
session reminder is training.reminders.send_session_reminders, daily), and on the personal space's home as
long as the thing still waits (`portal_notices`, computed from the records).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, get_datetime, get_url, getdate, now_datetime, nowdate

from community_gov import notifications

# kind → its switch in Governance Settings
SWITCHES = {
	"agreement_to_sign": "notify_agreement_to_sign",
	"self_assessment_to_write": "notify_self_assessment_to_write",
	"assessment_returned": "notify_assessment_returned",
	"results_approved": "notify_results_approved",
	"session_tomorrow": "send_session_reminders",
}
ROUTES = {
	"agreement_to_sign": "/my/targets",
	"self_assessment_to_write": "/my/assessment",
	"assessment_returned": "/my/assessment",
	"results_approved": "/my/assessment",
	"session_tomorrow": "/training",
}
# Approved results stay on the home page for this long.
RESULTS_SHOWN_DAYS = 30


def switched_on() -> set[str]:
	"""The kinds switched on, from the cached settings (install and migrate fill a switch never set with its
	default, on)."""
	settings = frappe.get_cached_doc("Governance Settings")
	return {kind for kind, field in SWITCHES.items() if settings.get(field)}


def notice_text(kind: str, year=None, reason: str = "", grade: str = "", total=None, title: str = "") -> str:
	"""The notice in a sentence. Values are put in as given: escape them for HTML (notifications)."""
	if kind == "agreement_to_sign":
		return _("Your target agreement for {0} waits for your signature").format(year)
	if kind == "self_assessment_to_write":
		return _("Please write your self-summary for the {0} annual assessment").format(year)
	if kind == "assessment_returned":
		return _("Your {0} annual assessment was returned: {1}").format(year, reason)
	if kind == "results_approved":
		return _("Your {0} annual assessment is approved: {1}, total score {2}").format(year, grade, total)
	return _("Training tomorrow: {0}").format(title)


# ---------------------------------------------------------------- system notifications (doc events)


def notify_cadre(kind: str, cadre: str, subject: str, doctype: str, name: str) -> None:
	if kind not in switched_on():
		return
	user = frappe.db.get_value("Cadre", cadre, "user")
	if not user:
		return
	label = _("Open My Space")
	link = f'<p><a href="{escape_html(get_url(ROUTES[kind]))}">{escape_html(label)}</a></p>'
	notifications.notify([user], subject, doctype, name, email_content=link)


def on_agreement_update(doc, method=None) -> None:
	"""Target Agreement on_update: sent for signature."""
	if doc.workflow_state == "Pending Signature" and doc.has_value_changed("workflow_state"):
		notify_cadre(
			"agreement_to_sign", doc.cadre, notice_text("agreement_to_sign", doc.year), doc.doctype, doc.name
		)


def on_assessment_insert(doc, method=None) -> None:
	"""Annual Assessment after_insert: a new draft waits for the cadre's self-summary."""
	if doc.docstatus == 0 and doc.workflow_state == "Draft":
		subject = notice_text("self_assessment_to_write", doc.year)
		notify_cadre("self_assessment_to_write", doc.cadre, subject, doc.doctype, doc.name)


def on_assessment_update(doc, method=None) -> None:
	"""Annual Assessment on_update: returned to the cadre, with the reason."""
	if doc.workflow_state == "Returned" and doc.has_value_changed("workflow_state"):
		subject = notice_text("assessment_returned", doc.year, reason=escape_html(doc.return_reason or ""))
		notify_cadre("assessment_returned", doc.cadre, subject, doc.doctype, doc.name)


def on_assessment_submit(doc, method=None) -> None:
	"""Annual Assessment on_submit: approved, with the grade and the total."""
	subject = notice_text(
		"results_approved", doc.year, grade=_(doc.grade) if doc.grade else "", total=doc.total_score
	)
	notify_cadre("results_approved", doc.cadre, subject, doc.doctype, doc.name)


# ---------------------------------------------------------------- the home page's list


def sessions_tomorrow(cadre: str) -> list[frappe._dict]:
	"""The sessions starting tomorrow the cadre is enrolled in: one query (the reminder's rule)."""
	session = frappe.qb.DocType("Training Session")
	attendance = frappe.qb.DocType("Training Attendance")
	tomorrow = getdate(add_days(nowdate(), 1))
	return (
		frappe.qb.from_(attendance)
		.join(session)
		.on(session.name == attendance.parent)
		.select(session.name, session.title, session.start)
		.where(
			(attendance.cadre == cadre)
			& (attendance.parenttype == "Training Session")
			& (attendance.status == "Enrolled")
			& (session.docstatus == 0)
			& session.status.isin(("Planned", "Enrolling"))
			& (session.start >= f"{tomorrow} 00:00:00")
			& (session.start <= f"{tomorrow} 23:59:59")
		)
		.orderby(session.start)
		.run(as_dict=True)
	)


def portal_notices(
	cadre: str, agreements: list[frappe._dict], assessments: list[frappe._dict]
) -> list[frappe._dict]:
	"""What waits for the cadre now, from its agreements and assessments (as the pages read them) and
	tomorrow's sessions; texts are plain (the page escapes them)."""
	kinds = switched_on()
	notices = []

	def add(kind: str, **values) -> None:
		if kind in kinds:
			notices.append(frappe._dict(kind=kind, text=notice_text(kind, **values), route=ROUTES[kind]))

	for row in agreements:
		if row.workflow_state == "Pending Signature":
			add("agreement_to_sign", year=row.year)
	recent = add_days(now_datetime(), -RESULTS_SHOWN_DAYS)
	for row in assessments:
		if row.workflow_state == "Draft":
			add("self_assessment_to_write", year=row.year)
		elif row.workflow_state == "Returned":
			add("assessment_returned", year=row.year, reason=row.return_reason or "")
		elif row.docstatus == 1 and row.approved_on and get_datetime(row.approved_on) >= recent:
			add(
				"results_approved",
				year=row.year,
				grade=_(row.grade) if row.grade else "",
				total=row.total_score,
			)
	if "session_tomorrow" in kinds:
		for session in sessions_tomorrow(cadre):
			add("session_tomorrow", title=session.title)
	return notices
