from django import forms, template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from diary import form_html

register = template.Library()


@register.filter
def as_field(field: forms.BoundField) -> SafeString:
    """`|as_crispy_field`'s HTML for a box or a list, without its templates
    (diary.form_html.field_html)."""
    return form_html.field_html(field)


@register.filter
def tel(number: str) -> str:
    """A phone number as a tel: URL (digits and a leading +)."""
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    return f"tel:{digits}"


@register.simple_tag
def series_table_rows(
    rows: list[tuple[str, str, str, str]], show_breakthrough: bool = False
) -> SafeString:
    """The <tr>s of diary/includes/series_table.html from presenters.series_rows,
    as its {% for %} loop wrote them (the same HTML, byte for byte): 90 rows of
    template variables were about 0.8 ms of the record's page."""
    return mark_safe(  # every value is escaped
        "".join(
            f'\n  <tr><th scope="row">{escape(day)}</th><td>{escape(pain)}</td>'
            f"<td>{escape(fatigue)}</td>"
            + (f"<td>{escape(doses)}</td>" if show_breakthrough else "")
            + "</tr>\n  "
            for day, pain, fatigue, doses in rows
        )
    )
