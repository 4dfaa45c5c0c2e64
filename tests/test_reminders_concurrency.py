"""Two overlapping runs of send_reminders send a due reminder exactly once.

Needs PostgreSQL row locks (each thread has its own connection); SQLite runs
one writer at a time, where the unique row per patient and day is the guard
(tests/patient/test_reminders.py).
"""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from diary.models import Reminder, SentReminder
from diary.reminders.service import send_due_reminders

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]
AT_18_02 = dt.datetime(2026, 12, 3, 18, 2, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def test_a_run_while_another_is_sending_skips_the_reminder(monkeypatch, patient):
    Reminder.objects.create(patient=patient, local_time=dt.time(18))
    sending, release = threading.Event(), threading.Event()
    original = EmailBackend.send_messages

    def slow_send(self, messages):
        sending.set()
        release.wait(10)  # the mail server is slow: the row stays locked
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    results: list[tuple[int, int]] = []

    def first_run() -> None:
        try:
            results.append(send_due_reminders(AT_18_02))
        finally:
            connection.close()

    thread = threading.Thread(target=first_run)
    thread.start()
    assert sending.wait(10)
    try:
        assert send_due_reminders(AT_18_02) == (0, 0)  # skipped, not sent again
    finally:
        release.set()
        thread.join(10)
    assert results == [(1, 0)]
    assert send_due_reminders(AT_18_02) == (0, 0)  # and a later run: not again
    assert len(mail.outbox) == 1
    assert SentReminder.objects.count() == 1


def test_two_runs_started_together_send_one_email(patient):
    Reminder.objects.create(patient=patient, local_time=dt.time(18))
    start = threading.Barrier(2)
    results: list[tuple[int, int]] = []

    def run() -> None:
        try:
            start.wait(10)
            results.append(send_due_reminders(AT_18_02))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(results) == [(0, 0), (1, 0)]
    assert len(mail.outbox) == 1
