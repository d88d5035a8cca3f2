"""System notifications as Frappe makes them, many at once: the app's one way to notify users.

Frappe's own path (`notification_log.make_notification_logs`) inserts a Notification Log per user and notice,
and each insert's `after_insert` publishes the realtime `notification` event to the user after commit, marks
the user's bell unseen and sends an e-mail when the user's Notification Settings ask for it: about a dozen
queries a row. A sweep can open many adjustment cases for every user of the department at once, so `notify`
writes the same rows and has the same effects with a fixed number of statements:

- recipients: enabled users whose Notification Settings leave notifications on (a user without settings has
  them on, as Frappe reads it), read with their e-mail switch in one query (Frappe: a query per user);
- the rows: the fields Frappe fills (`for_user`, `from_user`, `type`, `document_type`, `document_name`,
  `subject`, `email_content`, `read`), in one bulk insert;
- the bell: `seen` cleared for the recipients in one update; one realtime `notification` event per user after
  commit (Frappe publishes one per row, which its realtime log collapses to one per user and transaction);
- e-mail: for each row of a user whose `enable_email_notifications` is on (no settings: on), Frappe's
  notification e-mail (template `new_notification`: the subject, the content, a link to the document),
  queued; none when the site has no outgoing account, where Frappe would log an error per row.

The type is "Alert", the type Frappe gives notifications raised by a rule or an event (the system
notifications of its Notification DocType): unlike a Mention it also reaches the user whose action raised
it, so an approver whose approval opens a case is told like the rest of the department. Frappe does not
e-mail an Alert by itself (its Notification DocType has a separate e-mail channel); here the user's e-mail
switch in Notification Settings decides, as it does for Frappe's other notification types.

A Notification DocType (a fixture firing on "New" Adjustment Case) would not serve: the rule inserts cases in
bulk, without document events, and the reminders are scheduled, not tied to a document event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import frappe
from frappe.desk.doctype.notification_log.notification_log import get_email_header
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import get_url_to_form, strip_html

from community_gov.bulk import insert_records

NOTIFICATION_TYPE = "Alert"


@dataclass(frozen=True)
class Notice:
	"""One message about one document, for several users."""

	recipients: Sequence[str]  # user names
	subject: str
	document_type: str
	document_name: str
	email_content: str | None = None  # the e-mail's body below the subject (HTML or Markdown)


@dataclass(frozen=True)
class Recipient:
	user: str
	email: str
	language: str | None
	wants_email: bool


@dataclass(frozen=True)
class NotificationLogRecord:
	"""A row of Notification Log, with the fields Frappe's `make_notification_logs` fills."""

	name: str
	for_user: str
	from_user: str
	type: str
	document_type: str
	document_name: str
	subject: str
	email_content: str | None
	read: int = 0


def notify(
	recipients: Iterable[str],
	subject: str,
	document_type: str,
	document_name: str,
	email_content: str | None = None,
) -> list[NotificationLogRecord]:
	"""One notice to several users: see `send`."""
	return send([Notice(tuple(recipients), subject, document_type, document_name, email_content)])


def send(notices: Iterable[Notice], from_user: str | None = None) -> list[NotificationLogRecord]:
	"""Notification Logs for every recipient of every notice, with the bell, realtime and e-mail effects of
	Frappe's own path (module docstring); returns the rows written."""
	notices = [notice for notice in notices if notice.recipients]
	if not notices or frappe.flags.in_install:  # as Frappe: no notifications while a site installs
		return []
	recipients = load_recipients({user for notice in notices for user in notice.recipients})
	from_user = from_user or frappe.session.user
	records = [
		NotificationLogRecord(
			name=frappe.generate_hash(length=10),
			for_user=user,
			from_user=from_user,
			type=NOTIFICATION_TYPE,
			document_type=notice.document_type,
			document_name=notice.document_name,
			subject=notice.subject,
			email_content=notice.email_content,
		)
		for notice in notices
		for user in dict.fromkeys(notice.recipients)  # each user once per notice, in the order given
		if user in recipients
	]
	if not records:
		return []
	insert_records("Notification Log", records)
	users = list(dict.fromkeys(record.for_user for record in records))
	mark_unseen(users)
	for user in users:
		frappe.publish_realtime("notification", after_commit=True, user=user)
	queue_emails([record for record in records if recipients[record.for_user].wants_email], recipients)
	return records


def load_recipients(users: set[str]) -> dict[str, Recipient]:
	"""The users that get notifications (enabled, notifications not switched off), with their e-mail switch:
	one query. Frappe reads a missing Notification Settings row, or an empty value, as switched on."""
	if not users:
		return {}
	user = frappe.qb.DocType("User")
	settings = frappe.qb.DocType("Notification Settings")
	rows = (
		frappe.qb.from_(user)
		.left_join(settings)
		.on(settings.name == user.name)
		.select(user.name, user.email, user.language, settings.enabled, settings.enable_email_notifications)
		.where(user.name.isin(sorted(users)) & (user.enabled == 1))
		.run()
	)
	return {
		name: Recipient(name, email, language, wants_email=switched_on(email_enabled))
		for name, email, language, enabled, email_enabled in rows
		if switched_on(enabled)
	}


def switched_on(value) -> bool:
	return value is None or bool(value)


def mark_unseen(users: list[str]) -> None:
	"""Frappe's `set_notifications_as_unseen`, for all the users at once: the bell shows the new ones."""
	settings = frappe.qb.DocType("Notification Settings")
	frappe.qb.update(settings).set(settings.seen, 0).where(settings.name.isin(users)).run()


def queue_emails(records: list[NotificationLogRecord], recipients: dict[str, Recipient]) -> None:
	"""Frappe's `send_notification_email` for each row, queued (Frappe sends at once in tests) and with the
	user's address and language already read. Without an outgoing account nothing can be queued."""
	if not records or not EmailAccount.find_outgoing():
		return
	for record in records:
		recipient = recipients[record.for_user]
		frappe.sendmail(
			recipients=recipient.email,
			subject=strip_html(record.subject),
			template="new_notification",
			args={
				"body_content": record.subject,
				"description": record.email_content,
				"document_type": record.document_type,
				"document_name": record.document_name,
				"doc_link": get_url_to_form(record.document_type, record.document_name),
			},
			# Frappe's header for a notification of no special type ("New Notification").
			header=[get_email_header(frappe._dict(type=None), recipient.language), "orange"],
		)
