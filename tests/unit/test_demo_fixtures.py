"""The demo data in fixtures/ reproduces the seed figures and is internally consistent (plain pytest)."""

import datetime
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from community_gov.rules import id_number

FIXTURES_DIR = Path(__file__).resolve().parent.parent.parent / "fixtures"
FIXTURE_FILES = (
	"sub_districts.json",
	"communities.json",
	"cadres.json",
	"users.json",
	"former_cadres.json",
	"agreement_targets.json",
	"assessments.json",
	"case_decisions.json",
	"reserves.json",
	"successions.json",
	"training.json",
	"pay_records.json",
	"former_reserves.json",
)
AS_OF = datetime.date(2026, 12, 31)
COLLEGE_OR_ABOVE = {"Postgraduate", "Undergraduate", "College"}
EDUCATION_LEVELS = COLLEGE_OR_ABOVE | {"Technical Secondary", "High School", "Junior High or Below"}
POSITIONS = {"Secretary", "First Secretary", "Deputy Secretary", "Committee Member", "Community Worker"}
CADRE_KEYS = {
	"full_name",
	"gender",
	"id_number",
	"date_of_birth",
	"ethnicity",
	"native_place",
	"education",
	"political_status",
	"party_join_date",
	"phone",
	"community",
	"position",
	"also_director",
	"status",
	"appointment_date",
	"service_start_date",
	"county_filing_number",
	"county_filing_date",
	"honours",
}


def load(file_name):
	return json.loads((FIXTURES_DIR / file_name).read_text(encoding="utf-8"))


def day(value):
	return datetime.date.fromisoformat(value)


def age_on(date_of_birth, on):
	"""Completed years (周岁), computed by hand."""
	age = on.year - date_of_birth.year
	if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
		age -= 1
	return age


def plus_years(value, years):
	try:
		return value.replace(year=value.year + years)
	except ValueError:
		return value.replace(year=value.year + years, day=28)


@pytest.fixture(scope="module")
def sub_districts():
	return load("sub_districts.json")


@pytest.fixture(scope="module")
def communities():
	return load("communities.json")


@pytest.fixture(scope="module")
def cadres():
	return load("cadres.json")


@pytest.fixture(scope="module")
def users():
	return load("users.json")


@pytest.fixture(scope="module")
def secretaries(cadres):
	return [c for c in cadres if c["position"] == "Secretary"]


def test_five_sub_districts(sub_districts):
	assert len(sub_districts) == 5
	assert [s["code"] for s in sub_districts] == ["SD01", "SD02", "SD03", "SD04", "SD05"]
	assert len({s["sub_district_name"] for s in sub_districts}) == 5
	for sub_district in sub_districts:
		assert sub_district["party_committee"] == sub_district["sub_district_name"] + "党工委"
		assert sub_district["address"]


def test_71_communities_in_existing_sub_districts(sub_districts, communities):
	names = {s["sub_district_name"] for s in sub_districts}
	assert len(communities) == 71
	assert len({c["community_name"] for c in communities}) == 71
	for community in communities:
		assert community["sub_district"] in names
		assert community["community_type"] in ("Urban", "Village-to-Residential")
		assert community["households"] > 0 and community["population"] > community["households"]
		assert community["grid_party_groups"] > 0
	per_sub_district = Counter(c["sub_district"] for c in communities)
	assert set(per_sub_district) == names
	assert all(13 <= count <= 16 for count in per_sub_district.values())
	villages = sum(c["community_type"] == "Village-to-Residential" for c in communities)
	assert 0.2 <= villages / 71 <= 0.3


def test_one_secretary_per_community(communities, secretaries):
	assert len(secretaries) == 71
	assert Counter(s["community"] for s in secretaries) == Counter(c["community_name"] for c in communities)


def test_cadres_per_community(communities, cadres):
	names = {c["community_name"] for c in communities}
	by_community = {name: Counter() for name in names}
	for cadre in cadres:
		assert set(cadre) == CADRE_KEYS
		assert cadre["community"] in names
		assert cadre["position"] in POSITIONS
		by_community[cadre["community"]][cadre["position"]] += 1
	for counts in by_community.values():
		assert counts["Secretary"] == 1
		assert counts["Deputy Secretary"] == 1
		assert 1 <= counts["Committee Member"] <= 3
		assert 2 <= counts["Community Worker"] <= 4
		assert counts["First Secretary"] <= 1
	assert sum(counts["First Secretary"] for counts in by_community.values()) == 6


def test_secretary_gender_split(secretaries):
	assert Counter(s["gender"] for s in secretaries) == {"Male": 23, "Female": 48}


def test_secretary_average_age(secretaries):
	ages = [age_on(day(s["date_of_birth"]), AS_OF) for s in secretaries]
	assert round(sum(ages) / len(ages), 1) == 45.5
	assert min(ages) >= 31 and max(ages) <= 58


def test_secretary_age_same_from_mid_november(secretaries):
	for secretary in secretaries:
		born = day(secretary["date_of_birth"])
		assert (born.month, born.day) < (11, 15)
		assert age_on(born, datetime.date(2026, 11, 15)) == age_on(born, AS_OF)


def test_secretary_college_share(secretaries):
	share = sum(s["education"] in COLLEGE_OR_ABOVE for s in secretaries) / len(secretaries)
	assert 0.70 < share < 0.80


def test_secretary_director_ratio(secretaries):
	assert sum(s["also_director"] for s in secretaries) == 67


def test_also_director_only_on_secretaries(cadres):
	for cadre in cadres:
		assert cadre["also_director"] in (0, 1)
		if cadre["position"] != "Secretary":
			assert cadre["also_director"] == 0


def test_id_numbers_valid_and_consistent(cadres):
	for cadre in cadres:
		info = id_number.parse(cadre["id_number"], today=AS_OF)
		assert info.number == cadre["id_number"]
		assert info.date_of_birth.isoformat() == cadre["date_of_birth"]
		assert info.gender == cadre["gender"]


def test_unique_ids_phones_and_names(cadres):
	for key in ("id_number", "phone", "full_name"):
		values = [c[key] for c in cadres]
		assert len(values) == len(set(values)), key
	for cadre in cadres:
		assert re.fullmatch(r"1[3-9]\d{9}", cadre["phone"])


def test_cadre_fields(cadres):
	for cadre in cadres:
		born = day(cadre["date_of_birth"])
		age = age_on(born, AS_OF)
		assert 23 <= age <= 60
		assert cadre["gender"] in ("Male", "Female")
		assert cadre["education"] in EDUCATION_LEVELS
		assert cadre["status"] == "Active"
		assert cadre["political_status"] in ("CPC Member", "Probationary Member", "Masses")
		if cadre["position"] in ("Secretary", "Deputy Secretary", "First Secretary"):
			assert cadre["political_status"] == "CPC Member"
		if cadre["political_status"] == "Masses":
			assert cadre["party_join_date"] is None
		else:
			assert day(cadre["party_join_date"]) > plus_years(born, 18)
		appointed = day(cadre["appointment_date"])
		assert datetime.date(2012, 1, 1) <= appointed <= datetime.date(2025, 12, 31)
		assert appointed > plus_years(born, 22)
		assert day(cadre["service_start_date"]) <= appointed
		if cadre["position"] == "Secretary":
			assert re.fullmatch(r".+组备〔(\d{4})〕\d+号", cadre["county_filing_number"])
			assert day(cadre["county_filing_date"]) >= appointed
		else:
			assert cadre["county_filing_number"] is None
			assert cadre["county_filing_date"] is None
		for honour in cadre["honours"]:
			assert honour["level"] in ("District", "City", "Province")
			assert honour["honour"] and honour["awarding_body"]
			assert day(honour["awarded_on"]) >= day(cadre["service_start_date"])
			# The Top Ten are awarded in the February after the year they are for.
			top_ten = honour["honour"] == "十佳社区党组织书记"
			assert honour["year"] == day(honour["awarded_on"]).year - top_ten


def test_pay_records(cadres):
	"""Each cadre's pay on record: the current pay since the 2020 raise or its current post if later; a
	secretary in post before the raise, the old standard (seed 004: 1,600 / 600) from its appointment."""
	community_type = {c["community_name"]: c["community_type"] for c in load("communities.json")}
	by_cadre = {}
	for record in load("pay_records.json"):
		by_cadre.setdefault(record["id_number"], []).append(record)
	former = load("former_cadres.json")
	assert set(by_cadre) == {c["id_number"] for c in [*cadres, *former]}
	for cadre in cadres:
		records = sorted(by_cadre[cadre["id_number"]], key=lambda r: r["effective_from"])
		assert len({r["effective_from"] for r in records}) == len(records)
		assert records[0]["effective_from"] >= cadre["service_start_date"]
		current = records[-1]["monthly_pay"]
		pay_range = (4800, 6500) if cadre["position"] == "Secretary" else (3200, 5200)
		assert pay_range[0] <= current <= pay_range[1]
		before_raise = cadre["appointment_date"] < "2020-01-01"
		assert records[-1]["effective_from"] == ("2020-01-01" if before_raise else cadre["appointment_date"])
		if before_raise and cadre["position"] == "Secretary":
			old = {"Urban": 1600, "Village-to-Residential": 600}[community_type[cadre["community"]]]
			assert [(r["effective_from"], r["monthly_pay"]) for r in records[:-1]] == [
				(cadre["appointment_date"], old)
			]
		else:
			assert len(records) == 1


def test_community_workers_are_younger(cadres):
	ages = [age_on(day(c["date_of_birth"]), AS_OF) for c in cadres if c["position"] == "Community Worker"]
	assert 30 <= sum(ages) / len(ages) <= 36


def test_honours_on_about_30_cadres(cadres):
	honoured = [c for c in cadres if c["honours"]]
	assert 25 <= len(honoured) <= 35
	assert all(1 <= len(c["honours"]) <= 2 for c in honoured)


def test_demo_users(sub_districts, communities, cadres, users):
	by_email = {u["email"]: u for u in users}
	assert len(by_email) == len(users)
	assert by_email["orgdept@community.localhost"]["roles"] == ["Organization Department"]
	assert by_email["leader@community.localhost"]["roles"] == ["Leadership"]
	for sub_district in sub_districts:
		reviewer = by_email[f"reviewer.{sub_district['code'].lower()}@community.localhost"]
		assert reviewer["roles"] == ["Sub District Reviewer"]
		assert reviewer["sub_district"] == sub_district["sub_district_name"]
	cadre_by_id = {c["id_number"]: c for c in cadres}
	cadre_users = [u for u in users if u["roles"] == ["Cadre"]]
	assert [u["email"] for u in cadre_users] == [f"cadre{n:02d}@community.localhost" for n in range(1, 7)]
	for user in cadre_users:
		assert cadre_by_id[user["cadre_id_number"]]["position"] in ("Secretary", "Community Worker")
	assert len({u["cadre_id_number"] for u in cadre_users}) == 6
	sub_district_of = {c["community_name"]: c["sub_district"] for c in communities}
	covered = {sub_district_of[cadre_by_id[u["cadre_id_number"]]["community"]] for u in cadre_users}
	assert covered == {s["sub_district_name"] for s in sub_districts}
	assert all(u["password"] for u in users)


def test_generator_reproduces_files():
	spec = importlib.util.spec_from_file_location("demo_fixture_generator", FIXTURES_DIR / "generate.py")
	generator = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(generator)
	generated = generator.build_all()
	assert sorted(generated) == sorted(FIXTURE_FILES)
	for file_name, records in generated.items():
		on_disk = (FIXTURES_DIR / file_name).read_text(encoding="utf-8")
		assert generator.render(records) == on_disk, file_name
