"""send_pending_alerts run while an alert is being sent does not send it twice.

Needs PostgreSQL row locks (each thread has its own connection); SQLite runs
one writer at a time, so the race cannot happen there.
"""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from diary import alerts
from diary.models import AlertEmail
from tests.factories import days_ago
from tests.nurse.helpers import red_entry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def test_a_retry_during_the_first_send_skips_the_alert(monkeypatch, patient):
    red_entry(patient, days_ago(0))  # on commit: sent at once (locmem)
    AlertEmail.objects.update(sent_at=None)  # as if that send had failed
    mail.outbox.clear()
    sending, release = threading.Event(), threading.Event()
    original = EmailBackend.send_messages

    def slow_send(self, messages):
        sending.set()
        release.wait(10)  # the mail server is slow: the row stays locked
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    alert_id = AlertEmail.objects.get().pk
    results: list[bool] = []

    def first_send() -> None:
        try:
            results.append(alerts.send_alert(alert_id))
        finally:
            connection.close()

    thread = threading.Thread(target=first_send)
    thread.start()
    assert sending.wait(10)
    try:
        assert alerts.send_pending() == (0, 1)  # skipped, not sent again
    finally:
        release.set()
        thread.join(10)
    assert results == [True]
    assert len(mail.outbox) == 1
    assert AlertEmail.objects.get().sent_at is not None
