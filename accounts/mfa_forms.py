"""The second step's forms: each error is said next to the code field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import time_format

from accounts import mfa
from accounts.models import User

CODE_REQUIRED = "Enter the 6-digit code from your authenticator app."
WRONG = (
    "That code is not right, or it has expired. Enter the code your "
    "authenticator app shows now, or one of your recovery codes."
)
WRONG_AT_ENROLMENT = (
    "That code is not right, or it has expired. Check that the app was set up "
    "with the key on this page, then enter the code it shows now."
)
REUSED = (
    "That code has already been used. Wait for your app to show a new code, "
    "then enter the new one."
)
LOCKED = (
    "Too many wrong codes. You can try again after {time}. If you no longer "
    "have your authenticator app or your recovery codes, ask the diary's "
    "administrator to reset your two-step sign-in."
)


def _code_field(**attrs: str) -> forms.CharField:
    return forms.CharField(
        label="Code",
        max_length=40,
        error_messages={"required": CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, **attrs}
        ),
    )


class SecondStepForm(forms.Form):
    """A code from the app or a recovery code, checked (and counted) once."""

    code = _code_field(spellcheck="false", autocapitalize="none")

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.fields["code"].help_text = (
            "The 6 digits your authenticator app shows for the Bone symptom "
            "diary, or one of your recovery codes."
        )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        check = mfa.check_code(self.user, code)
        if check.outcome is mfa.Outcome.LOCKED:
            until = timezone.localtime(check.locked_until)
            raise forms.ValidationError(
                LOCKED.format(time=time_format(until, "H:i")), code="locked"
            )
        if check.outcome is mfa.Outcome.REUSED:
            raise forms.ValidationError(REUSED, code="reused")
        if check.outcome is mfa.Outcome.WRONG:
            raise forms.ValidationError(WRONG, code="wrong")
        self.device = check.device
        return code


class EnrolForm(forms.Form):
    """The first code of a new authenticator app, which confirms it."""

    code = _code_field(inputmode="numeric")

    def __init__(self, device: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device
        self.recovery_codes: list[str] = []
        self.fields["code"].help_text = "The 6 digits the app now shows."

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        codes = mfa.confirm_app_device(self.device, code)
        if codes is None:
            raise forms.ValidationError(WRONG_AT_ENROLMENT, code="wrong")
        self.recovery_codes = codes
        return code
