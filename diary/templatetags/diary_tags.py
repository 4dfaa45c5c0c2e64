from django import template

register = template.Library()


@register.filter
def tel(number: str) -> str:
    """A phone number as a tel: URL (digits and a leading +)."""
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    return f"tel:{digits}"
