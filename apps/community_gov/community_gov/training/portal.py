"""The trainees' portal API (/training): a cadre reaches only its own enrolments and attendance.

Every call resolves the cadre from the logged-in user; nothing takes a cadre as an argument.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import flt, get_datetime, get_url, now_datetime

from community_gov.constants import SECRETARY
from community_gov.dates import current_year
from community_gov.portal.common import my_cadre
from community_gov.rules.ics import CalendarEvent, calendar
from community_gov.rules.training import SEAT_HOLDING_STATUSES, compliance, seats_left
from community_gov.text import bold, clean_text
from community_gov.training import sessions
from community_gov.training.common import get_training_settings


def my_sessions(cadre: str) -> list[frappe._dict]:
	"""Every session the cadre is or was in, with its own attendance row: one query."""
	session = frappe.qb.DocType("Training Session")
	attendance = frappe.qb.DocType("Training Attendance")
	return (
		frappe.qb.from_(attendance)
		.join(session)
		.on(session.name == attendance.parent)
		.select(
			session.name,
			session.title,
			session.start,
			session.end,
			session.venue,
			session.trainer,
			session.level,
			session.year,
			session.is_rotation,
			session.status.as_("session_status"),
			session.enrolment_mode,
			attendance.status,
			attendance.hours,
			attendance.enrolled_via,
			attendance.feedback_rating,
			attendance.feedback_comment,
		)  # fmt: skip
		.where(
			(attendance.cadre == cadre)
			& (attendance.parenttype == "Training Session")
			& (session.docstatus < 2)
		)
		.orderby(session.start)
		.run(as_dict=True)
	)


def open_menu_sessions(cadre: str) -> list[frappe._dict]:
	"""Menu sessions open for enrolment, with seats left, that the cadre is not in: one query."""
	session = frappe.qb.DocType("Training Session")
	attendance = frappe.qb.DocType("Training Attendance")
	taken = (
		frappe.qb.from_(attendance)
		.select(frappe.query_builder.functions.Count("*"))
		.where((attendance.parent == session.name) & attendance.status.isin(SEAT_HOLDING_STATUSES))
	)
	mine = frappe.qb.from_(attendance).select(attendance.parent).where(attendance.cadre == cadre)
	rows = (
		frappe.qb.from_(session)
		.select(
			session.name,
			session.title,
			session.start,
			session.end,
			session.venue,
			session.trainer,
			session.level,
			session.capacity,
			taken.as_("taken"),
		)  # fmt: skip
		.where(
			(session.docstatus == 0)
			& (session.status == "Enrolling")
			& (session.enrolment_mode == "Menu")
			& (session.start > now_datetime())
			& session.name.notin(mine)
		)
		.orderby(session.start)
		.run(as_dict=True)
	)
	for row in rows:
		row.seats_left = seats_left(row.capacity, row.taken)
	return [row for row in rows if row.seats_left > 0]


def get_portal_data(user: str | None = None) -> dict:
	"""Everything the page shows, in a fixed number of queries whatever the trainee's history."""
	cadre = my_cadre(user)
	sessions = my_sessions(cadre.name)
	settings = get_training_settings()
	now = now_datetime()
	year = current_year()
	live = [s for s in sessions if s.session_status != "Cancelled"]
	records = [_record(s) for s in live if year - settings.rotation_period_years < (s.year or 0) <= year]
	result = compliance(records, year, cadre.position == SECRETARY, settings)
	return {
		"cadre": cadre,
		"year": year,
		"compliance": result,
		"upcoming": [s for s in live if get_datetime(s.end) >= now and s.status in SEAT_HOLDING_STATUSES],
		"past": [s for s in sessions if get_datetime(s.end) < now or s.session_status == "Cancelled"][::-1],
		"menu": open_menu_sessions(cadre.name),
		"now": now,
	}


@frappe.whitelist(methods=["GET"])
def get_my_training() -> dict:
	"""The trainees' page (/training, filled by public/js/portal.js): its sessions, open courses and where its
	training of the year stands; what the cadre may do with each session is decided here."""
	data = get_portal_data()
	now = data["now"]
	for row in data["upcoming"]:
		row.can_withdraw = (
			row.enrolled_via == "Menu" and row.status == "Enrolled" and get_datetime(row.start) > now
		)
	for row in data["past"]:
		row.cancelled = row.session_status == "Cancelled"
		row.can_give_feedback = row.status == "Attended" and not row.feedback_rating and not row.cancelled
		# Frappe stores a rating as a fraction of five stars.
		row.stars = round((row.feedback_rating or 0) * 5)
	return {
		**data,
		"compliance": dataclasses.asdict(data["compliance"]),
		"central_level": get_training_settings().central_training_min_level,
	}


def _record(session):
	from community_gov.rules.training import AttendanceRecord

	return AttendanceRecord(session.year, session.level, session.status, flt(session.hours), bool(session.is_rotation),
		session.name)  # fmt: skip


@frappe.whitelist(methods=["POST"])
def enrol(session: str) -> dict:
	cadre = my_cadre()
	title = sessions.enrol(session, cadre.name).title
	return {"message": _("You are enrolled in {0}").format(title)}


@frappe.whitelist(methods=["POST"])
def withdraw(session: str) -> dict:
	cadre = my_cadre()
	title = sessions.withdraw(session, cadre.name).title
	return {"message": _("You have withdrawn from {0}").format(title)}


@frappe.whitelist(methods=["POST"])
def submit_feedback(session: str, rating: int, comment: str | None = None) -> dict:
	"""Rating 1-5 and a comment on a session the cadre attended."""
	cadre = my_cadre()
	rating = int(rating)
	if not 1 <= rating <= 5:
		frappe.throw(_("{0} must be between 1 and 5, not {1}").format(_("Feedback Rating"), bold(rating)))
	row = frappe.db.get_value(
		"Training Attendance",
		{"parent": session, "parenttype": "Training Session", "cadre": cadre.name},
		["name", "status"],
		as_dict=True,
	)
	if not row or row.status != "Attended":
		frappe.throw(_("You can give feedback only on a session you attended"), frappe.PermissionError)
	# Frappe stores a rating as a fraction of the full five stars. The comment is cleaned as a form
	# save would clean it: it is shown in the desk.
	frappe.db.set_value(
		"Training Attendance",
		row.name,
		{"feedback_rating": rating / 5, "feedback_comment": clean_text(comment)},
	)
	return {"message": _("Thank you for your feedback")}


def ics_for(cadre: frappe._dict) -> str:
	events = [
		CalendarEvent(
			uid=f"{s.name}@{frappe.local.site}",
			start=get_datetime(s.start),
			end=get_datetime(s.end),
			summary=s.title,
			location=s.venue or "",
			description=_("Trainer: {0}").format(s.trainer) if s.trainer else "",
		)
		for s in my_sessions(cadre.name)
		if s.session_status != "Cancelled" and s.status in SEAT_HOLDING_STATUSES
	]
	time_zone = frappe.db.get_single_value("System Settings", "time_zone") or "Asia/Shanghai"
	return calendar(events, _("My Training"), time_zone, datetime.datetime.utcnow())


def send_ics(text: str) -> None:
	frappe.response["type"] = "download"
	frappe.response["filename"] = "training.ics"
	frappe.response["filecontent"] = text.encode()
	frappe.response["content_type"] = "text/calendar; charset=utf-8"


@frappe.whitelist(methods=["GET"])
def calendar_file() -> None:
	send_ics(ics_for(my_cadre()))


def token_hash(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def feed_url(token: str) -> str:
	return get_url(f"/api/method/community_gov.training.portal.calendar_feed?token={token}")


@frappe.whitelist(methods=["POST"])
def get_feed_url() -> str:
	"""A new secret URL a phone calendar can subscribe to without logging in. Only its hash is stored,
	so the URL is shown once; asking again replaces it (the old one stops working)."""
	cadre = my_cadre()
	token = secrets.token_urlsafe(32)
	frappe.db.set_value("Cadre", cadre.name, "calendar_token_hash", token_hash(token), update_modified=False)
	return feed_url(token)


@frappe.whitelist(methods=["POST"])
def revoke_feed_url() -> dict:
	cadre = my_cadre()
	frappe.db.set_value("Cadre", cadre.name, "calendar_token_hash", None, update_modified=False)
	return {"message": _("The calendar subscription link no longer works")}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=120, seconds=60 * 60)
def calendar_feed(token: str) -> None:
	"""The subscribed calendar: only for an active cadre whose login is enabled."""
	if not token or len(token) < 32:
		raise frappe.PermissionError
	cadre = frappe.db.get_value(
		"Cadre",
		{"calendar_token_hash": token_hash(token)},
		["name", "full_name", "position", "status", "user"],
		as_dict=True,
	)
	if not cadre or cadre.status != "Active" or not cadre.user:
		raise frappe.PermissionError
	if not frappe.db.get_value("User", cadre.user, "enabled"):
		raise frappe.PermissionError
	send_ics(ics_for(cadre))
