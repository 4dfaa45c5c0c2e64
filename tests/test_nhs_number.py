import pytest
from django.core.exceptions import ValidationError

from accounts.validators import nhs_number_is_valid, validate_nhs_number


@pytest.mark.parametrize("number", ["9434765919", "4010232137", "943 476 5919"])
def test_it_accepts_valid_nhs_numbers(number):
    validate_nhs_number(number)


@pytest.mark.parametrize("number", ["9434765918", "4010232138", "1234567890"])
def test_it_rejects_a_wrong_check_digit_with_a_clear_message(number):
    with pytest.raises(ValidationError, match="not a valid NHS number"):
        validate_nhs_number(number)


@pytest.mark.parametrize("number", ["943476591", "94347659190", "94347A5919", ""])
def test_it_rejects_numbers_that_are_not_ten_digits(number):
    with pytest.raises(ValidationError, match="10 digits"):
        validate_nhs_number(number)


def test_a_check_digit_of_ten_is_never_valid():
    # 100000001x: weighted sum 10*1 + 2*1 = 12, remainder 1, so the check digit
    # would have to be 10, which no single digit can be.
    assert not any(nhs_number_is_valid(f"100000001{d}") for d in range(10))


def test_the_profile_form_stores_the_number_without_spaces(patient):
    patient.nhs_number = "943 476 5919"
    patient.full_clean()
    assert patient.nhs_number == "9434765919"
