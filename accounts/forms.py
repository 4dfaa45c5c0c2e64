"""The forms that check a password (log-in, the admin's log-in, password
change) counted by accounts/throttle.py, and the password reset forms."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from accounts import signals, throttle
from accounts.models import User

# Django's own message says "both fields may be case-sensitive", which is not
# true of the email address here (the look-up ignores case).
INVALID_LOGIN = (
    "The email address or password is not right. Check the email address, and "
    "type the password exactly: capital letters matter in the password, not "
    "in the email address."
)
WRONG_OLD_PASSWORD = "Your old password is not right. Please enter it again."


def refused_message(verdict: throttle.Verdict) -> str:
    until = throttle.local_time(verdict.until)
    if verdict.from_ip:
        return (
            "Too many wrong passwords have been tried from this network. You can "
            f"try again at {until}."
        )
    return (
        f"Too many wrong passwords for this account. You can try again at {until}, "
        "or use 'Forgotten your password?' to choose a new one now."
    )


def wrong_password_errors(
    first: str, verdict: throttle.Verdict
) -> list[forms.ValidationError]:
    """The wrong-password message, then how many tries are left (from the
    WARN_FROM-th wrong one) or, after the last, when the lock ends."""
    errors = [forms.ValidationError(first, code="invalid_login")]
    if verdict.from_ip or verdict.attempts < throttle.WARN_FROM:
        return errors
    if verdict.tries_left == 0:
        errors.append(forms.ValidationError(refused_message(verdict), code="locked"))
    else:
        tries = "try" if verdict.tries_left == 1 else "tries"
        minutes = throttle.WINDOW_SECONDS // 60
        errors.append(
            forms.ValidationError(
                f"You have {verdict.tries_left} {tries} left before this account "
                f"is locked for {minutes} minutes.",
                code="tries_left",
            )
        )
    return errors


class ThrottledLoginMixin:
    """Counts the attempt before AuthenticationForm checks the password, and
    announces each outcome for the audit trail (accounts/signals.py)."""

    cleaned_data: dict[str, Any]
    request: Any
    user_cache: Any

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # type: ignore[misc]  # Django's "required"
        key = throttle.account_key(username)
        ip = throttle.client_ip(self.request)
        verdict = throttle.count_attempt(key, ip)
        if verdict.refused:
            self._announce_failure(
                username, ip, "network_locked" if verdict.from_ip else "locked"
            )
            raise forms.ValidationError(refused_message(verdict), code="throttled")
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except forms.ValidationError as error:
            if self.user_cache is not None:  # right password, not allowed here
                throttle.password_was_right(key, ip)
                self._announce_failure(username, ip, "not_allowed")
                raise
            if verdict.tries_left == 0:
                signals.locked_out.send(
                    sender=User,
                    user=_account(username),
                    address=username,
                    ip=ip,
                    until=verdict.until,
                )
            else:
                self._announce_failure(username, ip, "wrong_password")
            raise forms.ValidationError(
                wrong_password_errors(INVALID_LOGIN, verdict)
            ) from error
        throttle.password_was_right(key, ip)
        signals.signed_in.send(
            sender=User, user=self.user_cache, address=username, ip=ip, via="password"
        )
        return cleaned

    def _announce_failure(self, address: str, ip: str, reason: str) -> None:
        signals.sign_in_failed.send(
            sender=User, user=_account(address), address=address, ip=ip, reason=reason
        )


def _account(address: str) -> User | None:
    pk = throttle.account_pk(address)
    return None if pk is None else User.objects.filter(pk=pk).first()


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old password is a password guess too: it shares the account's count."""

    def clean_old_password(self) -> str:
        key = throttle.user_key(self.user.pk)
        verdict = throttle.count_attempt(key)
        if verdict.refused:
            raise forms.ValidationError(refused_message(verdict), code="throttled")
        try:
            old_password = super().clean_old_password()
        except forms.ValidationError as error:
            raise forms.ValidationError(
                wrong_password_errors(WRONG_OLD_PASSWORD, verdict)
            ) from error
        throttle.password_was_right(key)
        return old_password


class SiteUrlPasswordResetForm(PasswordResetForm):
    """Reset links point at settings.SITE_URL, never at the Host header a
    request happened to carry."""

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        context = args[2] if len(args) > 2 else kwargs["context"]
        site = urlsplit(settings.SITE_URL)
        context.update(
            protocol=site.scheme, domain=site.netloc, site_name="Bone symptom diary"
        )
        super().send_mail(*args, **kwargs)


class UnlockingSetPasswordForm(SetPasswordForm):
    """A password reset by email lifts the throttle's lock on the account."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit)
        throttle.forget(throttle.user_key(user.pk))
        return user
