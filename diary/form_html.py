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

import html
from typing import Any

from crispy_forms.layout import Fieldset
from crispy_forms.templatetags.crispy_forms_utils import remove_spaces
from django import forms
from django.utils.safestring import SafeString, mark_safe


class ChoiceButtons:
    """A question in the crispy layout rendered by `choice_html`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, form: forms.BaseForm, context: Any, **kwargs: Any) -> SafeString:
        return choice_html(form[self.name])


class Box:
    """A text, number or date box or a text area in the crispy layout,
    rendered by `field_html`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, form: forms.BaseForm, context: Any, **kwargs: Any) -> SafeString:
        # The helper's error_text_inline (True unless set): errors in <span>s.
        inline = context.get("error_text_inline", True)
        return field_html(form[self.name], inline_errors=inline)


class CheckBox:
    """A check box in the crispy layout, as crispy writes Div(name,
    css_class=...): the box in a <div> of that class."""

    def __init__(self, name: str, *, css_class: str) -> None:
        self.name = name
        self.css_class = css_class

    def render(self, form: forms.BaseForm, context: Any, **kwargs: Any) -> SafeString:
        inline = context.get("error_text_inline", True)
        box = checkbox_html(form[self.name], inline_errors=inline)
        return mark_safe(  # the class is the form's own; the box is escaped
            f'<div  \n    class="{_e(self.css_class)}" > {box} </div>\n'
        )


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


# The whitespace of crispy-bootstrap5's field.html around a box or list that
# has a label (form_show_labels, no label or field class, no wrapper tag).
_FIELD_OPEN = "\n\n\n    \n    "
_BEFORE_WIDGET = (
    "\n        \n\n        \n\n        \n            \n                \n"
    "                    \n                        "
)
_BEFORE_SELECT = "\n                            "
_AFTER_SELECT = "\n                        "
_AFTER_WIDGET = "\n                    \n                    \n                        "
_FIELD_CLOSE = (
    "                    \n                \n            \n        \n        \n"
    "    </div>\n    \n\n"
)


def field_html(field: forms.BoundField, *, inline_errors: bool = False) -> SafeString:
    """`{{ field|as_crispy_field }}` for a text, number or date box, a text
    area or a drop-down list, byte for byte (tests/test_field_html.py): the
    widget's own context (attributes, value, options) written without its
    templates, which were most of the caseload's filter form. Errors are
    in <p>s, or in <span>s with `inline_errors` as in a crispy layout."""
    widget = field.field.widget
    select = isinstance(widget, forms.Select)
    css = field.css_classes()
    required = " requiredField" if field.field.required else ""
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    label = (
        f'\n            <label\n                for="{_e(field.id_for_label)}" '
        f'class="form-label{required}">\n                {_e(field.label)}{asterisk}'
        "\n            </label>"
    )
    control = _widget_html(field, "form-select" if select else "form-control")
    if select:
        control = f"{_BEFORE_SELECT}{control}{_AFTER_SELECT}"
    return mark_safe(  # every value in it was escaped by _e or the widget's own
        f'{_FIELD_OPEN}<div id="div_{_e(field.auto_id)}" class="mb-3'
        f'{" " + _e(css) if css else ""}">\n        \n            {label}'
        f"{_BEFORE_WIDGET}{control}{_AFTER_WIDGET}"
        f"{_help_and_errors_html(field, inline_errors)}{_FIELD_CLOSE}"
    )


def checkbox_html(field: forms.BoundField, *, inline_errors: bool) -> SafeString:
    """crispy-bootstrap5's field.html for a check box, as it reads after
    crispy's spaceless pass (so in a layout, not for as_crispy_field)."""
    css = field.css_classes()
    required = " requiredField" if field.field.required else ""
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    help_and_errors = remove_spaces(_help_and_errors_html(field, inline_errors))
    return mark_safe(  # every value in it was escaped by _e or the widget's own
        f'<div class="mb-3"> <div id="div_{_e(field.auto_id)}" class="form-check'
        f'{" " + _e(css) if css else ""}"> {_widget_html(field, "form-check-input")}'
        f' <label for="{_e(field.id_for_label)}" class="form-check-label{required}">'
        f"\n                    {_e(field.label)}{asterisk}\n                </label>"
        f"{help_and_errors.rstrip()} </div> </div>"
    )


def _widget_html(field: forms.BoundField, css_class: str) -> str:
    """str(field) after crispy's {% crispy_field field 'class' ... %}, from the
    widget's get_context (the data Django's widget templates write)."""
    widget = field.field.widget
    extra = f"{css_class} is-invalid" if field.errors else css_class
    attrs = {**widget.attrs, "class": _crispy_class(widget, extra)}
    attrs.update(field.build_widget_attrs({}, widget))
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    name, attributes = _e(context["name"]), _attrs(context["attrs"])
    if isinstance(widget, forms.Select):
        return f'<select name="{name}"{attributes}>{_options(context)}\n</select>'
    if isinstance(widget, forms.Textarea):
        value = _e(context["value"]) if context["value"] else ""
        return f'<textarea name="{name}"{attributes}>\n{value}</textarea>'
    value = context["value"]
    shown = f' value="{_e(str(value))}"' if value is not None else ""
    return f'<input type="{_e(context["type"])}" name="{name}"{shown}{attributes}>'


def _options(context: dict[str, Any]) -> str:
    parts = []
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_e(group_name)}">')
        parts.extend(
            f'\n  <option value="{_e(str(option["value"]))}"{_attrs(option["attrs"])}>'
            f"{_e(option['label'])}</option>\n"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def _crispy_class(widget: forms.Widget, extra: str) -> str:
    """The class crispy's crispy_field tag gives the widget: its own, its type
    in lower case ("textinput"), and `extra`."""
    kind = type(widget).__name__.lower()
    css = widget.attrs.get("class", "")
    css = (css if kind in css else f"{css} {kind}") if css else kind
    for token in extra.split():
        if token not in css.split():
            css += f" {token}"
    return css


def _help_and_errors_html(field: forms.BoundField, inline: bool) -> str:
    """crispy-bootstrap5's layout/help_text_and_errors.html, help text below."""
    errors, field_errors = "", field.errors
    tag = "span" if inline else "p"
    if field_errors:
        items = "".join(
            f'\n        <{tag} id="error_{n}_{_e(field.auto_id)}"><strong>{_e(error)}'
            f"</strong></{tag}>\n    "
            for n, error in enumerate(field_errors, start=1)
        )
        errors = (
            f'\n    <div id="{_e(_field_id(field_errors))}_error" '
            f'class="invalid-feedback">\n    {items}\n    </div>\n'
        )
    help_text = ""
    if field.help_text:
        help_id = f'id="{_e(field.auto_id)}_helptext" ' if field.auto_id else ""
        help_text = (
            f'\n    \n        <div {help_id}class="form-text">{field.help_text}'
            "</div>\n    \n"
        )
    return f"\n\n\n    {errors}\n\n\n\n\n    {help_text}\n\n\n\n"


def _field_id(errors: Any) -> str:
    return errors.field_id  # ErrorList.field_id: the field's id, since Django 5.0


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
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _e(value: Any) -> str:
    """As a template's {{ value }} writes it (escaped unless already safe):
    conditional_escape's result, without its lazy-string wrapper, which was
    a tenth of the Today form (about 1,100 values)."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))
