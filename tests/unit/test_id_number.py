import datetime

import pytest

from community_gov.rules import id_number
from community_gov.rules.id_number import IdNumberProblem, InvalidIdNumber

TODAY = datetime.date(2026, 11, 22)
# GB 11643-1999's worked example: 11010519491231002X, a woman born 1949-12-31.
STANDARD_EXAMPLE = "11010519491231002X"


def problem_of(value: str) -> IdNumberProblem:
	with pytest.raises(InvalidIdNumber) as caught:
		id_number.parse(value, today=TODAY)
	return caught.value.problem


def test_standard_example_is_valid_and_decoded():
	info = id_number.parse(STANDARD_EXAMPLE, today=TODAY)
	assert info.date_of_birth == datetime.date(1949, 12, 31)
	assert info.gender == "Female"
	assert info.region_code == "110105"


def test_male_number_with_digit_check_character():
	number = id_number.build("370102", datetime.date(1980, 2, 29), 13)
	info = id_number.parse(number, today=TODAY)
	assert info.gender == "Male"
	assert info.date_of_birth == datetime.date(1980, 2, 29)


def test_lower_case_x_and_spaces_are_normalized():
	info = id_number.parse(" 110105 19491231002x ", today=TODAY)
	assert info.number == STANDARD_EXAMPLE


@pytest.mark.parametrize(
	"value",
	["", None, "   "],
)
def test_empty(value):
	assert problem_of(value) == IdNumberProblem.EMPTY


@pytest.mark.parametrize("value", ["11010519491231002", "11010519491231002X1", "110105491231002"])
def test_wrong_length(value):
	assert problem_of(value) == IdNumberProblem.LENGTH


@pytest.mark.parametrize("value", ["1101051949123100XX", "11010519491231A02X", "X10105194912310021"])
def test_bad_characters(value):
	assert problem_of(value) == IdNumberProblem.CHARACTERS


def test_wrong_check_digit():
	assert problem_of("110105194912310021") == IdNumberProblem.CHECK_DIGIT


@pytest.mark.parametrize(
	"birth",
	[
		"19490231",  # 31 February
		"19811301",  # month 13
		"20010229",  # not a leap year
		"18991231",  # implausibly early
		"20300101",  # in the future
	],
)
def test_impossible_birth_date(birth):
	body = "110105" + birth + "002"
	# A correct check character, so only the date can be wrong.
	assert problem_of(body + id_number.check_character(body)) == IdNumberProblem.BIRTH_DATE


def test_build_round_trip_for_every_check_character():
	seen = set()
	for sequence in range(0, 200):
		number = id_number.build("440305", datetime.date(1990, 7, 15), sequence)
		seen.add(number[-1])
		assert id_number.parse(number, today=TODAY).number == number
	assert seen == set("0123456789X")


def test_mask_hides_birth_date_and_sequence():
	assert id_number.mask("11010519491231002X") == "110105********002X"
	assert id_number.mask("") == ""
	assert id_number.mask("123") == ""
