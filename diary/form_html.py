"""Parts of the entry form's crispy layout written as HTML in Python.

The form has about 35 radio or check-box questions (the yes/no questions,
the scores, the places) in 8 fieldsets, and crispy-bootstrap5's generic
templates (a Django template per field; per fieldset a template compiled
for its legend and the whole page's context flattened) were most of the
Today page's time (docs/performance.md). These write crispy's HTML byte for
byte (for the questions, as it reads after crispy's spaceless pass):
tests/patient/test_entry_form_html.py renders every form both ways and
compares, so a crispy upgrade that changes its HTML fails there.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import Fieldset
from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


class ChoiceButtons:
    """A question in the crispy layout rendered by `choice_html`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, form: forms.BaseForm, context: Any, **kwargs: Any) -> SafeString:
        return choice_html(form[self.name])


class PlainFieldset(Fieldset):
    """crispy's Fieldset with a plain-text legend (no template syntax: crispy
    compiles the legend as a template on every render)."""

    def render(self, form: forms.BaseForm, context: Any, **kwargs: Any) -> SafeString:
        fields = self.get_rendered_fields(form, context, **kwargs)
        css_id = f'id="{_e(self.css_id)}"' if self.css_id else ""
        css_class = f'class="{_e(self.css_class)}"' if self.css_class else ""
        legend = f"<legend>{self.legend}</legend>" if self.legend else ""
        return mark_safe(  # the legend is the form's own text, as crispy's |safe
            f"<fieldset {css_id} \n    {css_class}\n    {self.flat_attrs}>\n"
            f"    {legend}\n    {fields} \n</fieldset>\n"
        )


def choice_html(field: forms.BoundField) -> SafeString:
    required = field.field.required
    errors = field.errors
    css = field.css_classes()
    described = field.aria_describedby
    parts = [
        f'\n\n\n<div id="div_id_{_e(field.html_name)}" class="mb-3'
        f'{" " + _e(css) if css else ""}"> <fieldset',
        f' aria-describedby="{_e(described)}"' if described else "",
        '> <legend\n                 class="form-label',
        " requiredField" if required else "",
        f' fs-6">\n                {_e(field.label)}',
        '<span class="asteriskField">*</span> </legend>'
        if required
        else "\n            </legend>",
        " <div > ",
    ]
    options = [widget.data for widget in field.subwidgets]
    invalid = " is-invalid" if errors else ""
    for n, option in enumerate(options, start=1):
        parts.append(
            f'<div class="form-check"> <input type="{_e(option["type"])}" '
            f'class="form-check-input{invalid}"  name="{_e(field.html_name)}" '
            f'value="{_e(option["value"])}" {_attrs(option["attrs"])}> '
            f'<label for="{_e(option["attrs"].get("id", ""))}" '
            'class="form-check-label">'
            f"\n            {_e(option['label'])}\n        </label> "
        )
        if errors and n == len(options):
            parts.append(_errors_html(field, errors))
        parts.append("</div> ")
    parts.append("</div> ")
    if field.help_text:
        parts.append(
            f'<div id="{_e(field.auto_id)}_helptext" class="form-text">'
            f"{field.help_text}</div> "
        )
    parts.append("</fieldset> </div>\n\n\n")
    return mark_safe("".join(parts))  # every value in it was escaped by _e


def _errors_html(field: forms.BoundField, errors: Any) -> str:
    items = "".join(
        f'<p id="error_{n}_{_e(field.auto_id)}"><strong>{_e(error)}</strong></p> '
        for n, error in enumerate(errors, start=1)
    )
    return (
        f'<div id="{_e(errors.field_id)}_error" class="invalid-feedback"> '
        f"{items}</div> "
    )


def _attrs(attrs: dict[str, Any]) -> str:
    """` name="value"` for each attribute, a bare ` name` for True, none for
    False: crispy-bootstrap5's layout/attrs.html."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _e(value: Any) -> str:
    """As a template's {{ value }} writes it (escaped unless already safe)."""
    return str(conditional_escape("" if value is None else value))
