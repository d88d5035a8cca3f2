"""Reading what HR types into a spreadsheet's cells (community_gov.rules.sheets)."""

import math

import pytest

from community_gov.rules import sheets


def test_excel_rows_start_below_the_header():
	assert sheets.excel_row(0) == 2
	assert sheets.excel_row(9) == 11


@pytest.mark.parametrize("value", [None, "", "   ", math.nan])
def test_blank_cells(value):
	assert sheets.is_blank(value)
	assert sheets.as_number(value) is None
	assert sheets.as_text(value) == ""


def test_numbers_as_typed():
	assert sheets.as_number(28) == 28.0
	assert sheets.as_number(27.5) == 27.5
	assert sheets.as_number(" 85 ") == 85.0
	assert sheets.as_number("1,000") == 1000.0
	assert sheets.as_number("0") == 0.0


@pytest.mark.parametrize("value", ["三十", "85分", True, "inf", float("inf"), "1e999"])
def test_not_numbers(value):
	with pytest.raises(sheets.NotANumber):
		sheets.as_number(value)


def test_whole_numbers():
	assert sheets.as_whole_number(2026.0) == 2026
	assert sheets.as_whole_number("2026") == 2026
	with pytest.raises(sheets.NotANumber):
		sheets.as_whole_number(2026.5)


def test_text_of_numbers_read_as_floats():
	assert sheets.as_text(2026.0) == "2026"
	assert sheets.as_text(" 张三 ") == "张三"


def test_ranges_forgive_float_noise():
	assert sheets.within(30.000000000001, 0, 30)
	assert sheets.within(0, 0, 30)
	assert not sheets.within(30.01, 0, 30)
	assert not sheets.within(-0.5, 0, 30)


def test_choices_by_any_label():
	choices = {"已参训": "Attended", "Attended": "Attended", "缺席": "Absent", "Absent": "Absent"}
	assert sheets.choice("已参训", choices) == "Attended"
	assert sheets.choice(" attended ", choices) == "Attended"
	assert sheets.choice("", choices) is None
	with pytest.raises(KeyError):
		sheets.choice("迟到", choices)


def test_repeated_keys():
	assert sheets.repeated(["a", "b", "a", "c", "b", "a"]) == [2, 4, 5]
	assert sheets.repeated([]) == []


def test_numbers_in_messages():
	assert sheets.shown(30.0) == "30"
	assert sheets.shown(27.5) == "27.5"
	assert sheets.shown(2026) == "2026"
