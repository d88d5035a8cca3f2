"""Telling the Organization Department that the rule opened adjustment cases (through
`community_gov.notifications`: the bell, realtime and e-mail as Frappe's own notifications)."""

from __future__ import annotations

import frappe
from frappe import _

from community_gov import notifications
from community_gov.assessment.cases import AdjustmentCaseRecord
from community_gov.assessment.common import ORGANIZATION_ROLE


def organization_users() -> list[str]:
	"""Enabled users of the Organization Department (not Administrator or Guest): one query."""
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where(
			(has_role.role == ORGANIZATION_ROLE)
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& (user.name.notin(["Administrator", "Guest"]))
		)
		.orderby(user.name)
		.run(pluck=True)
	)


def notify_cases_opened(cases: list[AdjustmentCaseRecord]) -> None:
	"""A notification per new case for every Organization Department user, linking the case; its e-mail
	says why the case opened."""
	if not cases:
		return
	users = organization_users()
	notifications.send(
		notifications.Notice(
			recipients=users,
			subject=_("Adjustment case {0} opened for {1}: two consecutive failed annual assessments").format(
				case.name, case.full_name
			),
			document_type="Adjustment Case",
			document_name=case.name,
			email_content=case.reason,
		)
		for case in cases
	)
