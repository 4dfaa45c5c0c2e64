"""Sending a reminder through one small interface: send(message).

settings.REMINDER_BACKEND chooses how: "email" (Django's mail, the default)
or "notify" (GOV.UK Notify, notifications-python-client, with
NOTIFY_API_KEY and its template ids). Nothing here is needed to run the
diary. A message carries no health data: only links and a greeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

SUBJECT = "A reminder to fill in your symptom diary"


class SendFailed(Exception):
    """The message could not be handed over; the caller may retry later."""


@dataclass(frozen=True)
class Message:
    """One reminder: to an email address, or to a mobile number (SMS)."""

    diary_url: str
    unsubscribe_url: str
    email: str = ""
    phone: str = ""

    @property
    def is_sms(self) -> bool:
        return bool(self.phone)

    def personalisation(self) -> dict[str, str]:
        # All a Notify template may show: two links. No name, no symptoms.
        return {"diary_url": self.diary_url, "unsubscribe_url": self.unsubscribe_url}


def email_body(message: Message) -> str:
    return (
        "Hello,\n\n"
        "This is the reminder you asked for to fill in your symptom diary "
        "today:\n"
        f"{message.diary_url}\n\n"
        "To stop these reminders, open this link:\n"
        f"{message.unsubscribe_url}\n"
    )


def send_by_email(message: Message) -> None:
    if message.is_sms:
        raise SendFailed("Text messages need the Notify backend.")
    mail = EmailMessage(
        SUBJECT,
        email_body(message),
        to=[message.email],
        # RFC 8058: the mail client's one-click "Unsubscribe" POSTs this URL.
        headers={
            "List-Unsubscribe": f"<{message.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        mail.send()
    except Exception as exc:  # any mail failure: SMTP, DNS, TLS, refused address
        raise SendFailed(repr(exc)) from exc


def send_by_notify(message: Message) -> None:
    client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
    try:
        if message.is_sms:
            client.send_sms_notification(
                phone_number=message.phone,
                template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                personalisation=message.personalisation(),
            )
        else:
            client.send_email_notification(
                email_address=message.email,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation=message.personalisation(),
                # Notify adds the List-Unsubscribe headers itself from this.
                one_click_unsubscribe_url=message.unsubscribe_url,
            )
    except APIError as exc:  # Notify refused it (4xx) or is down (5xx)
        raise SendFailed(str(exc)) from exc
    except OSError as exc:  # no connection at all (requests' errors are OSErrors)
        raise SendFailed(repr(exc)) from exc


def sms_available() -> bool:
    return settings.REMINDER_BACKEND == "notify" and bool(
        settings.NOTIFY_SMS_TEMPLATE_ID
    )


def send(message: Message) -> None:
    """Hand one reminder over, or raise SendFailed."""
    if settings.REMINDER_BACKEND == "notify":
        send_by_notify(message)
    else:
        send_by_email(message)
