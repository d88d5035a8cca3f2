"""The orderings and groupings in community_gov.constants agree with the DocTypes' options (plain pytest):
a new option added to a DocType fails here until the ranking that must place it does."""

import json
from pathlib import Path

from community_gov import constants

DOCTYPES = (
	Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov/community_governance/doctype"
)


def options(doctype: str, fieldname: str) -> list[str]:
	folder = doctype.lower().replace(" ", "_")
	meta = json.loads((DOCTYPES / folder / f"{folder}.json").read_text())
	field = next(field for field in meta["fields"] if field["fieldname"] == fieldname)
	return [option for option in field["options"].split("\n") if option]


def test_education_rank_is_every_education_level_highest_first():
	assert list(constants.EDUCATION_RANK) == options("Cadre", "education")
	assert options("Reserve Candidate", "education") == options("Cadre", "education")


def test_college_or_above_is_the_top_of_the_rank():
	assert constants.COLLEGE_OR_ABOVE == ("Postgraduate", "Undergraduate", "College")


def test_party_member_statuses_are_political_statuses_other_than_masses():
	assert [*constants.PARTY_MEMBER_STATUSES, "Masses"] == options("Cadre", "political_status")


def test_named_positions_and_areas_are_options():
	positions = options("Cadre", "position")
	assert {constants.SECRETARY, constants.DEPUTY_SECRETARY, constants.DIRECTOR} <= set(positions)
	assert options("Reserve Candidate", "target_post") == [constants.SECRETARY, constants.DEPUTY_SECRETARY]
	assert [*constants.TARGET_AREAS, "Other"] == options("Assessment Score", "area")
	assert options("Agreement Target", "area") == options("Assessment Score", "area")


def test_every_position_field_lists_the_cadre_positions():
	positions = options("Cadre", "position")
	for doctype in (
		"Annual Assessment",
		"Target Agreement",
		"Adjustment Case",
		"Adjustment Covered Position",
	):
		assert options(doctype, "position") == positions, doctype
