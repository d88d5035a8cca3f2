"""The option lists of the DocTypes, read from the DocTypes (their JSON is the one owner), and the few
orderings and groupings the rules need on top of them, defined once here. tests/unit/test_constants.py
checks these against the DocType JSON, so a new option cannot silently fall out of a ranking."""

from __future__ import annotations

import frappe
from frappe.utils.caching import request_cache

SECRETARY = "Secretary"
DEPUTY_SECRETARY = "Deputy Secretary"
DIRECTOR = "Director"

# Cadre.education, highest first: "college (大专) or above" counts the levels down to College.
EDUCATION_RANK = (
	"Postgraduate",
	"Undergraduate",
	"College",
	"Technical Secondary",
	"High School",
	"Junior High or Below",
)
COLLEGE_OR_ABOVE = EDUCATION_RANK[: EDUCATION_RANK.index("College") + 1]

# Assessment Score.area: the target areas seed 004 names, each a scorecard column ("Other" is not one).
TARGET_AREAS = ("Social Stability", "Serving Residents", "Party Building")
# Annual Assessment's field for each area's score as a percentage of its weight (the scorecards' columns).
AREA_FIELDS = {area: area.lower().replace(" ", "_") for area in TARGET_AREAS}

# Cadre.political_status values that count as party members (the rest: Masses).
PARTY_MEMBER_STATUSES = ("CPC Member", "Probationary Member")


@request_cache
def doctype_options(doctype: str, fieldname: str) -> tuple[str, ...]:
	"""A Select field's options in the DocType's order, without the blank one."""
	options = frappe.get_meta(doctype).get_field(fieldname).options or ""
	return tuple(option for option in options.split("\n") if option)


def cadre_positions() -> tuple[str, ...]:
	return doctype_options("Cadre", "position")


def education_levels() -> tuple[str, ...]:
	"""Highest first, as the DocType lists them (and EDUCATION_RANK, checked by a test)."""
	return doctype_options("Cadre", "education")


def reserve_posts() -> tuple[str, ...]:
	"""The posts a reserve candidate is prepared for."""
	return doctype_options("Reserve Candidate", "target_post")


def add_options_to_boot(bootinfo) -> None:
	"""boot_session: the report filters read the option lists from here, not from a copy."""
	bootinfo.community_gov_options = {
		"cadre_positions": cadre_positions(),
		"training_levels": doctype_options("Training Session", "level"),
	}
