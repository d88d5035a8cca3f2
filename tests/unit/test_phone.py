import pytest

from community_gov.rules import phone


@pytest.mark.parametrize(
	"value, normalized",
	[
		("13812345678", "13812345678"),
		("138 1234 5678", "13812345678"),
		("138-1234-5678", "13812345678"),
		("+86 13812345678", "13812345678"),
		("0531-88776655", "0531-88776655"),
		("01088776655", "01088776655"),
	],
)
def test_valid_numbers(value, normalized):
	assert phone.is_valid(value)
	assert phone.normalize(value) == normalized


@pytest.mark.parametrize("value", ["", "12812345678", "1381234567", "138123456789", "abc", "88776655"])
def test_invalid_numbers(value):
	assert not phone.is_valid(value)
