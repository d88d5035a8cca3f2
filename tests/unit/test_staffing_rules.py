"""The staffing and filing watch (community_gov.rules.staffing): each kind of gap and the day it opened,
hand-worked on a small district (plain pytest)."""

import json
from datetime import date
from pathlib import Path

from community_gov import constants
from community_gov.reserves.pool import IN_POOL_STATUSES
from community_gov.rules import staffing
from community_gov.rules.staffing import Cadre, Community, Departure, Gap, Reserve

D = date.fromisoformat
DOCTYPES = (
	Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov/community_governance/doctype"
)

EAST = Community("东风社区", "城关街道", registered_on=D("2022-01-10"))
WEST = Community("西湖社区", "西湖街道", registered_on=D("2022-01-10"))


def secretary(name="CAD-1", community="东风社区", **values) -> Cadre:
	values = {
		"full_name": "张丽",
		"sub_district": "城关街道",
		"position": "Secretary",
		"county_filing_number": "X组备〔2023〕1号",
		"appointment_date": D("2023-05-08"),
		**values,
	}
	return Cadre(name, community=community, **values)


def reserve(name="RC-1", education="Technical Secondary", status="Nominated", **values) -> Reserve:
	values = {"full_name": "李强", "community": "东风社区", "sub_district": "城关街道",
		"nomination_date": D("2025-01-10"), **values}  # fmt: skip
	return Reserve(name, status=status, education=education, **values)


def gaps(communities=(EAST,), cadres=(), departures=(), reserves=()) -> list[Gap]:
	return staffing.staffing_gaps(communities, cadres, departures, reserves, IN_POOL_STATUSES)


def kinds(found: list[Gap]) -> list[tuple[str, str | None, str | None]]:
	return [(gap.kind, gap.community, gap.person) for gap in found]


def test_a_community_with_a_filed_full_time_secretary_has_no_gap():
	assert gaps(cadres=[secretary()]) == []


def test_a_community_never_given_a_secretary_is_vacant_since_it_was_registered():
	[gap] = gaps()
	assert gap == Gap(staffing.VACANT_SECRETARY, "城关街道", "东风社区", D("2022-01-10"))
	assert gap.days_open(D("2022-01-10")) == 0
	assert gap.days_open(D("2023-01-10")) == 365
	assert gap.days_open(D("2021-12-31")) == 0  # never negative


def test_an_adjusted_secretary_leaves_the_post_vacant_since_the_decision():
	adjusted = secretary(status="Adjusted")
	left_on = staffing.left_post_on(D("2024-03-12"), adjusted_on=D("2024-03-12"), planned_end=D("2026-05-07"))
	assert left_on == D("2024-03-12")
	found = gaps(cadres=[adjusted], departures=[Departure("东风社区", "Secretary", left_on)])
	assert kinds(found) == [(staffing.VACANT_SECRETARY, "东风社区", None)]
	assert found[0].open_since == D("2024-03-12")
	assert found[0].days_open(D("2024-04-11")) == 30
	# No longer active: neither unfiled nor part-time is a gap of it.
	assert gaps(cadres=[secretary(status="Retired", county_filing_number=None, full_time=False)])[0].kind == (
		staffing.VACANT_SECRETARY
	)


def test_the_day_a_cadre_left_its_post():
	# The day its term ended (Cadre Term.ended_on) wins: the record changed later (2025-06-30) says nothing.
	assert staffing.left_post_on(D("2025-06-30"), term_ended_on=D("2025-03-01")) == D("2025-03-01")
	# An adjusted cadre's term ends on the decision's date; with both, the term's end.
	assert staffing.left_post_on(
		D("2025-06-30"), term_ended_on=D("2024-03-12"), adjusted_on=D("2024-03-12")
	) == D("2024-03-12")
	# No term: the decision's date, whatever else the record says.
	assert staffing.left_post_on(D("2024-06-01"), adjusted_on=D("2024-03-12")) == D("2024-03-12")
	# No term, retired after its appointment's planned end, the record changed afterwards: that end.
	assert staffing.left_post_on(D("2025-06-30"), planned_end=D("2025-05-07")) == D("2025-05-07")
	# A planned end after the record's last change did not end it: the last change.
	assert staffing.left_post_on(D("2025-06-30"), planned_end=D("2028-05-07")) == D("2025-06-30")
	# Nothing else known: the last change.
	assert staffing.left_post_on(D("2025-06-30")) == D("2025-06-30")


def test_two_secretaries_in_post():
	# 张丽 in post since 2023-05-08; 王强 appointed on 2026-03-01 while her record still says secretary.
	successor = secretary("CAD-2", full_name="王强", appointment_date=D("2026-03-01"))
	found = gaps(cadres=[secretary(), successor])
	assert found == [
		Gap(staffing.TWO_SECRETARIES, "城关街道", "东风社区", D("2026-03-01"), "Cadre", "CAD-1", "张丽")
	]
	assert found[0].days_open(D("2026-03-31")) == 30
	# A third (2026-06-01): still one gap, open since the second came (2026-03-01).
	third = secretary("CAD-3", full_name="赵敏", appointment_date=D("2026-06-01"))
	assert [
		(gap.kind, gap.open_since, gap.person) for gap in gaps(cadres=[third, successor, secretary()])
	] == [(staffing.TWO_SECRETARIES, D("2026-03-01"), "CAD-1")]
	# The predecessor retired, or a secretary of another community: no gap.
	assert gaps(cadres=[secretary(status="Retired"), successor]) == []
	elsewhere = secretary("CAD-4", community="西湖社区", sub_district="西湖街道")
	assert kinds(gaps(communities=[EAST, WEST], cadres=[secretary(), elsewhere])) == []


def test_the_vacancy_runs_from_the_last_of_several_departures():
	departures = [
		Departure("东风社区", "Secretary", D("2023-02-01")),
		Departure("东风社区", "Secretary", D("2025-08-04")),  # the successor moved on too
		Departure("东风社区", "Deputy Secretary", D("2026-01-01")),  # another post
		Departure("西湖社区", "Secretary", D("2026-02-01")),  # another community
	]
	[gap] = gaps(departures=departures)
	assert gap.open_since == D("2025-08-04")


def test_an_active_secretary_elsewhere_does_not_fill_the_post():
	found = gaps(communities=[EAST, WEST], cadres=[secretary(community="西湖社区", sub_district="西湖街道")])
	assert kinds(found) == [(staffing.VACANT_SECRETARY, "东风社区", None)]


def test_a_key_community_without_a_first_secretary():
	key = Community("东风社区", "城关街道", D("2022-01-10"), is_key=True, key_since=D("2024-07-01"))
	[gap] = gaps(communities=[key], cadres=[secretary()])
	assert (gap.kind, gap.open_since) == (staffing.NO_FIRST_SECRETARY, D("2024-07-01"))
	# Its first secretary left after it became key: from the departure.
	departed = Departure("东风社区", "First Secretary", D("2025-03-31"))
	[gap] = gaps(communities=[key], cadres=[secretary()], departures=[departed])
	assert gap.open_since == D("2025-03-31")
	# ... or before (it was key again later): from the day it became key.
	early = Departure("东风社区", "First Secretary", D("2023-03-31"))
	[gap] = gaps(communities=[key], cadres=[secretary()], departures=[early])
	assert gap.open_since == D("2024-07-01")
	# Not known when it became key: from its registration.
	unknown = Community("东风社区", "城关街道", D("2022-01-10"), is_key=True)
	assert gaps(communities=[unknown], cadres=[secretary()])[0].open_since == D("2022-01-10")


def test_an_active_first_secretary_closes_the_gap_and_a_plain_community_needs_none():
	key = Community("东风社区", "城关街道", D("2022-01-10"), is_key=True)
	first = Cadre("CAD-9", "王静", "东风社区", "城关街道", "First Secretary")
	assert gaps(communities=[key], cadres=[secretary(), first]) == []
	retired = Cadre("CAD-9", "王静", "东风社区", "城关街道", "First Secretary", status="Retired")
	assert kinds(gaps(communities=[key], cadres=[secretary(), retired])) == [
		(staffing.NO_FIRST_SECRETARY, "东风社区", None)
	]
	# A first secretary is not a secretary: the community's post is still vacant.
	assert kinds(gaps(communities=[EAST], cadres=[first])) == [(staffing.VACANT_SECRETARY, "东风社区", None)]


def test_an_unfiled_secretary_from_its_appointment():
	[gap] = gaps(cadres=[secretary(county_filing_number=None)])
	assert gap == Gap(
		staffing.UNFILED_SECRETARY, "城关街道", "东风社区", D("2023-05-08"), "Cadre", "CAD-1", "张丽"
	)
	# Blank is not a number; without an appointment date, the service start, then the record's creation.
	blank = secretary(county_filing_number="  ", appointment_date=None, service_start_date=D("2019-03-01"))
	assert gaps(cadres=[blank])[0].open_since == D("2019-03-01")
	bare = secretary(county_filing_number="", appointment_date=None, registered_on=D("2022-01-10"))
	assert gaps(cadres=[bare])[0].open_since == D("2022-01-10")


def test_filing_and_full_time_concern_secretaries_only():
	deputy = secretary("CAD-2", position="Deputy Secretary", county_filing_number=None, full_time=False)
	assert gaps(cadres=[secretary(), deputy]) == []


def test_a_secretary_not_full_time():
	found = gaps(cadres=[secretary(full_time=False)])
	assert kinds(found) == [(staffing.PART_TIME_SECRETARY, "东风社区", "CAD-1")]
	assert found[0].open_since == D("2023-05-08")
	# Unfiled and part-time: two gaps, one row each.
	both = gaps(cadres=[secretary(full_time=False, county_filing_number=None)])
	assert [gap.kind for gap in both] == [staffing.UNFILED_SECRETARY, staffing.PART_TIME_SECRETARY]


def test_reserves_below_college_in_the_pool():
	reserves = [
		reserve("RC-1", "Technical Secondary"),
		reserve("RC-2", "High School", "Qualified"),
		reserve("RC-3", "Junior High or Below", "In Training"),
		reserve("RC-4", "College"),  # College (大专) itself meets the standard
		reserve("RC-5", "Undergraduate"),
		reserve("RC-6", "High School", "Withdrawn"),  # out of the pool
		reserve("RC-7", "High School", "Appointed"),
		reserve("RC-8", None),  # education unknown: not a gap
	]
	found = gaps(cadres=[secretary()], reserves=reserves)
	assert kinds(found) == [
		(staffing.RESERVE_BELOW_COLLEGE, "东风社区", "RC-1"),
		(staffing.RESERVE_BELOW_COLLEGE, "东风社区", "RC-2"),
		(staffing.RESERVE_BELOW_COLLEGE, "东风社区", "RC-3"),
	]
	assert {gap.open_since for gap in found} == {D("2025-01-10")}
	assert found[0].person_doctype == "Reserve Candidate"
	assert found[0].days_open(D("2025-02-09")) == 30


def test_gaps_are_listed_by_kind_then_place_and_counted_per_kind():
	key = Community("南关社区", "南苑街道", D("2022-01-10"), is_key=True, key_since=D("2023-01-01"))
	found = gaps(
		communities=[EAST, WEST, key],
		cadres=[
			secretary(county_filing_number=None),
			secretary("CAD-3", "南关社区", sub_district="南苑街道", appointment_date=D("2020-01-06")),
			secretary("CAD-4", "南关社区", sub_district="南苑街道"),
		],
		reserves=[reserve(community="西湖社区", sub_district="西湖街道")],
	)
	assert kinds(found) == [
		(staffing.VACANT_SECRETARY, "西湖社区", None),
		(staffing.TWO_SECRETARIES, "南关社区", "CAD-3"),
		(staffing.NO_FIRST_SECRETARY, "南关社区", None),
		(staffing.UNFILED_SECRETARY, "东风社区", "CAD-1"),
		(staffing.RESERVE_BELOW_COLLEGE, "西湖社区", "RC-1"),
	]
	assert staffing.count_by_kind(found) == {
		staffing.VACANT_SECRETARY: 1,
		staffing.TWO_SECRETARIES: 1,
		staffing.NO_FIRST_SECRETARY: 1,
		staffing.UNFILED_SECRETARY: 1,
		staffing.PART_TIME_SECRETARY: 0,
		staffing.RESERVE_BELOW_COLLEGE: 1,
	}


def test_below_college_follows_the_education_options():
	"""Below College: the levels after College in the DocTypes' order (highest first)."""
	assert staffing.BELOW_COLLEGE == constants.EDUCATION_RANK[len(constants.COLLEGE_OR_ABOVE) :]
	reserve_doctype = json.loads((DOCTYPES / "reserve_candidate/reserve_candidate.json").read_text())
	options = next(f["options"] for f in reserve_doctype["fields"] if f["fieldname"] == "education")
	assert tuple(options.split("\n")[1:]) == constants.EDUCATION_RANK
	cadre_doctype = json.loads((DOCTYPES / "cadre/cadre.json").read_text())
	positions = next(f["options"] for f in cadre_doctype["fields"] if f["fieldname"] == "position")
	assert {staffing.SECRETARY, staffing.FIRST_SECRETARY} <= set(positions.split("\n"))
	statuses = next(f["options"] for f in cadre_doctype["fields"] if f["fieldname"] == "status")
	assert staffing.ACTIVE in statuses.split("\n")


def test_the_report_filter_and_the_catalog_list_every_kind():
	app = DOCTYPES.parent.parent
	script = (DOCTYPES.parent / "report/staffing_watch/staffing_watch.js").read_text(encoding="utf-8")
	listed = script.split("const STAFFING_GAP_KINDS = [", 1)[1].split("];", 1)[0]
	assert (
		tuple(kind.strip().strip('",') for kind in listed.split("\n") if kind.strip()) == staffing.GAP_KINDS
	)
	catalog = (app / "staffing.py").read_text(encoding="utf-8")
	assert all(f'_lt("{kind}")' in catalog for kind in staffing.GAP_KINDS)
