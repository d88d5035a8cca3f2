"""Reminders: trainees the day before a session, sub-districts of their non-compliant cadres in the
last quarter, attendees of a cancelled session. Switchable in Governance Settings.

Scheduled in hooks.py: the session reminders daily on the default queue (a day's classes and their
trainees), the compliance reminders daily on the long queue (on the first of October, November and
December they read every active cadre's training year, like the sweep). Each sends its notifications in
one batch (community_gov.notifications.send).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, format_datetime, getdate, nowdate

from community_gov import notifications
from community_gov.dates import current_year
from community_gov.training.compliance import compliance_of

LAST_QUARTER_FIRST_DAYS = ((10, 1), (11, 1), (12, 1))


def attendees_with_users(sessions: list[str]) -> list[frappe._dict]:
	"""The enrolled attendees with a portal account of these sessions (their session as `session`)."""
	if not sessions:
		return []
	attendance = frappe.qb.DocType("Training Attendance")
	cadre = frappe.qb.DocType("Cadre")
	return (
		frappe.qb.from_(attendance)
		.join(cadre)
		.on(cadre.name == attendance.cadre)
		.select(attendance.parent.as_("session"), cadre.name, cadre.full_name, cadre.user)
		.where(
			attendance.parent.isin(sessions)
			& (attendance.parenttype == "Training Session")
			& (attendance.status == "Enrolled")
			& cadre.user.isnotnull()
		)
		.orderby(attendance.idx)
		.run(as_dict=True)
	)


def notify(users: list[str], subject: str, message: str, document_type: str, document_name: str) -> None:
	"""A system notification for each user, with the message in its e-mail (`community_gov.notifications`:
	realtime and e-mail as Frappe's own, e-mail as each user's Notification Settings ask)."""
	notifications.notify(users, subject, document_type, document_name, email_content=message)


def session_text(session) -> str:
	"""The session in a sentence, as HTML: the title, venue and trainer are text, escaped."""
	return _("{0}, {1} to {2}, at {3}, trainer {4}").format(
		escape_html(session.title), format_datetime(session.start, "yyyy-MM-dd HH:mm"),
		format_datetime(session.end, "HH:mm"), escape_html(session.venue or ""), escape_html(session.trainer or "-"),
	)  # fmt: skip


def send_session_reminders() -> None:
	"""Daily: every enrolled trainee of tomorrow's sessions (three queries and one batch of notifications,
	however many sessions)."""
	if not frappe.db.get_single_value("Governance Settings", "send_session_reminders"):
		return
	tomorrow = add_days(nowdate(), 1)
	sessions = frappe.get_all(
		"Training Session",
		filters={
			"docstatus": 0,
			"status": ("in", ("Planned", "Enrolling")),
			"start": ("between", (tomorrow, tomorrow)),
		},
		fields=["name", "title", "start", "end", "venue", "trainer"],
	)
	users: dict[str, list[str]] = {}
	for row in attendees_with_users([session.name for session in sessions]):
		users.setdefault(row.session, []).append(row.user)
	notifications.send(
		notifications.Notice(
			tuple(users.get(session.name, ())),
			_("Training tomorrow: {0}").format(escape_html(session.title)),
			"Training Session",
			session.name,
			email_content=session_text(session),
		)
		for session in sessions
	)


def notify_cancellation(session) -> None:
	users = [row.user for row in attendees_with_users([session.name])]
	notify(
		users,
		_("Training cancelled: {0}").format(escape_html(session.title)),
		_("{0} is cancelled: {1}").format(
			session_text(session), escape_html(session.cancellation_reason or "")
		),
		"Training Session",
		session.name,
	)


def send_compliance_reminders(force: bool = False) -> dict[str, int]:
	"""On the first day of October, November and December: each sub-district's reviewers get the list
	of its cadres not yet compliant for the year."""
	today = getdate(nowdate())
	if not frappe.db.get_single_value("Governance Settings", "send_compliance_reminders"):
		return {}
	if not force and (today.month, today.day) not in LAST_QUARTER_FIRST_DAYS:
		return {}
	cadres = frappe.get_all(
		"Cadre",
		filters={"status": "Active"},
		fields=["name", "full_name", "position", "sub_district", "community"],
	)
	year = current_year()
	results = compliance_of(cadres, year)
	missing: dict[str, list] = {}
	for cadre in cadres:
		if not results[cadre.name].compliant:
			missing.setdefault(cadre.sub_district, []).append(cadre)
	reviewers = frappe.get_all(
		"Sub District User", filters={"parenttype": "Sub District"}, fields=["parent", "user"]
	)
	sent, notices = {}, []
	for sub_district, people in missing.items():
		users = [row.user for row in reviewers if row.parent == sub_district]
		lines = "".join(
			f"<li>{frappe.utils.escape_html(p.full_name)}({_(p.position)},{frappe.utils.escape_html(p.community)})</li>"
			for p in people
		)
		notices.append(
			notifications.Notice(
				tuple(users),
				_("{0}: {1} cadres not yet compliant with the training requirements for {2}").format(
					sub_district, len(people), year
				),
				"Sub District",
				sub_district,
				email_content=f"<ul>{lines}</ul>",
			)
		)
		sent[sub_district] = len(people)
	notifications.send(notices)
	return sent
