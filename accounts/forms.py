"""The log-in forms (the app's and the admin's), refusing a throttled account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from accounts import throttle


class ThrottledLoginMixin:
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and throttle.is_locked(username):
            raise forms.ValidationError(throttle.LOCKED, code="throttled")
        return super().clean()  # type: ignore[misc]


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
