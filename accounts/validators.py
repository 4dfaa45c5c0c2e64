from django.core.exceptions import ValidationError


def nhs_number_is_valid(value: str) -> bool:
    """Modulus 11 check of a 10-digit NHS number (NHS Data Dictionary)."""
    if len(value) != 10 or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[9])


def normalise_nhs_number(value: str) -> str:
    return "".join(value.split()).replace("-", "")


def validate_nhs_number(value: str) -> None:
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError(
            "An NHS number has 10 digits, for example 943 476 5919.",
            code="nhs_number_length",
        )
    if not nhs_number_is_valid(digits):
        raise ValidationError(
            "This is not a valid NHS number: please check each digit.",
            code="nhs_number_check_digit",
        )


def format_nhs_number(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value) == 10 else value
