"""我的主页: what waits for the cadre (the notices) and where each part of its year stands."""

from __future__ import annotations

import frappe
from frappe.utils import get_datetime, now_datetime

from community_gov.dates import current_year
from community_gov.portal.assessment import assessments_of
from community_gov.portal.common import my_cadre
from community_gov.portal.notices import portal_notices
from community_gov.portal.targets import agreements_of
from community_gov.rules.training import SEAT_HOLDING_STATUSES
from community_gov.training.portal import my_sessions


def home_page_data(user: str | None = None) -> dict:
	cadre = my_cadre(user)
	year = current_year()
	agreements = agreements_of(cadre.name)
	assessments = assessments_of(cadre.name)
	now = now_datetime()
	upcoming = [
		row
		for row in my_sessions(cadre.name)
		if row.session_status != "Cancelled"
		and row.status in SEAT_HOLDING_STATUSES
		and get_datetime(row.end) >= now
	]
	return {
		"cadre": cadre,
		"year": year,
		"notices": portal_notices(cadre.name, agreements, assessments),
		# This year's agreement (else a later one), the assessment being written or else the latest result.
		"agreement": next((row for row in agreements if row.year == year), None)
		or next((row for row in agreements if row.year > year), None),
		"assessment": next(iter(assessments), None),
		"next_session": upcoming[0] if upcoming else None,
		"upcoming_sessions": len(upcoming),
	}


@frappe.whitelist(methods=["GET"])
def get_my_space() -> dict:
	return home_page_data()
