"""Two nurses acknowledge the same flag at the same moment, on real PostgreSQL.

Each thread has its own database connection and transaction. The first
UPDATE ... WHERE status = 'open' locks the row; the second waits for the
first to commit, then matches no row and knows it lost.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from diary import audit
from diary.models import Acknowledgement, ClinicalNote, Flag
from diary.services import AcknowledgeOutcome, acknowledge_flag
from tests.factories import days_ago, log_in, make_nurse, make_patient, make_team
from tests.nurse.helpers import red_entry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks: SQLite serialises all writes, so two "
        "threads cannot race (the sequential double acknowledgement is tested "
        "in test_acknowledgement.py)",
    ),
]


def _hold_the_row_lock(monkeypatch) -> None:
    """Slow the audit write inside the acknowledging transaction, so the row
    lock is still held when the other thread's UPDATE arrives and waits on it."""
    original_record = audit.record

    def slow_record(**kwargs):
        time.sleep(0.3)
        return original_record(**kwargs)

    monkeypatch.setattr(audit, "record", slow_record)


def _at_once(work: Callable[[User, threading.Barrier], None], nurses: list[User]):
    """work(nurse, start) in one thread per nurse, each on its own connection;
    returns what the threads raised (reported in the main thread)."""
    start = threading.Barrier(len(nurses))
    errors: list[BaseException] = []

    def run(nurse: User) -> None:
        try:
            work(nurse, start)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in nurses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_two_nurses_at_once_one_wins_and_nothing_is_lost(monkeypatch):
    team = make_team()
    nurses = [make_nurse(team), make_nurse(team)]
    flag = red_entry(make_patient(team), days_ago(1)).flags.get()
    _hold_the_row_lock(monkeypatch)
    outcomes: list[AcknowledgeOutcome] = []

    def acknowledge(nurse: User, start: threading.Barrier) -> None:
        own_copy = Flag.objects.select_related("entry__patient").get(pk=flag.pk)
        start.wait()
        outcomes.append(
            acknowledge_flag(
                flag=own_copy,
                nurse=nurse,
                actions=["phoned_patient"],
                note=nurse.email,
            )
        )

    errors = _at_once(acknowledge, nurses)
    assert errors == []
    assert sorted(o.won for o in outcomes) == [False, True]
    winner = next(o for o in outcomes if o.won).acknowledgement
    loser = next(o for o in outcomes if not o.won)
    assert loser.acknowledgement.pk == winner.pk
    assert Acknowledgement.objects.count() == 1
    assert Flag.objects.get(pk=flag.pk).status == "acknowledged"
    # The loser's action and note are on the record too.
    note = ClinicalNote.objects.get()
    assert note.author != winner.nurse and note.author.email in note.text


def test_two_nurses_posting_at_once_both_get_a_page_and_the_loser_is_told(
    monkeypatch,
):
    team = make_team()
    nurses = [make_nurse(team), make_nurse(team)]
    flag = red_entry(make_patient(team), days_ago(1)).flags.get()
    _hold_the_row_lock(monkeypatch)
    url = reverse("nurse:acknowledge", args=[flag.pk])
    pages: dict[str, str] = {}

    def post_as(nurse: User, start: threading.Barrier) -> None:
        client = Client()
        log_in(client, nurse)
        start.wait()
        response = client.post(
            url, {"action": "phoned_patient", "note": nurse.email}, follow=True
        )
        assert response.status_code == 200
        pages[nurse.email] = response.content.decode()

    errors = _at_once(post_as, nurses)
    assert errors == []
    winner = Acknowledgement.objects.get(flag=flag).nurse
    loser = next(n for n in nurses if n != winner)
    assert "Acknowledged: possible spinal cord compression" in pages[winner.email]
    told = pages[loser.email]
    assert "Someone else closed this flag first" in told
    assert "Already acknowledged" in told and winner.full_name in told
    assert ClinicalNote.objects.get().author == loser
