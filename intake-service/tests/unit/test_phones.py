"""Phone numbers as customers type them, normalised to E.164 or refused without repeating them."""

import pytest

from intake.privacy.phones import InvalidPhone, normalise_phone


@pytest.mark.parametrize("typed", ["13812345678", "138-1234-5678", "+86 138 1234 5678", "１３８１２３４５６７８"])
def test_common_ways_of_writing_a_mobile_number_normalise_alike(typed):
    assert normalise_phone(typed) == "+8613812345678"


def test_a_foreign_number_with_its_country_code_is_accepted():
    assert normalise_phone("+852 9123 4567") == "+85291234567"


@pytest.mark.parametrize("typed", ["12345", "abc", "1381234567"])
def test_invalid_numbers_are_refused_without_echoing_them(typed):
    with pytest.raises(InvalidPhone) as refused:
        normalise_phone(typed)

    assert typed not in str(refused.value)
