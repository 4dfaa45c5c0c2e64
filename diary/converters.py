import datetime as dt

from django.urls import register_converter


class IsoDateConverter:
    """A YYYY-MM-DD path segment; an impossible date is a 404, not a 500."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(value) from exc

    def to_url(self, value: dt.date) -> str:
        return value.isoformat()


# Registered here, once, because both the patient and the nurse URLs use it.
register_converter(IsoDateConverter, "isodate")
