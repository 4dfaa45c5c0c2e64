"""Two nurses acknowledge the same flag at the same moment, on real PostgreSQL.

Each thread has its own database connection and transaction. The first
UPDATE ... WHERE status = 'open' locks the row; the second waits for the
first to commit, then matches no row and knows it lost.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from diary import audit
from diary.models import Acknowledgement, ClinicalNote, Flag
from diary.services import AcknowledgeOutcome, acknowledge_flag
from tests.factories import days_ago, make_nurse, make_patient, make_team
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


def test_two_nurses_at_once_one_wins_and_nothing_is_lost(monkeypatch):
    team = make_team()
    nurses = [make_nurse(team), make_nurse(team)]
    flag = red_entry(make_patient(team), days_ago(1)).flags.get()
    original_record = audit.record

    def slow_record(**kwargs):
        # Hold the transaction (and the row lock) open long enough for the
        # other thread's UPDATE to arrive and wait on it.
        time.sleep(0.3)
        return original_record(**kwargs)

    monkeypatch.setattr(audit, "record", slow_record)
    start = threading.Barrier(2)
    outcomes: list[AcknowledgeOutcome] = []
    errors: list[BaseException] = []

    def acknowledge(nurse) -> None:
        try:
            own_copy = Flag.objects.select_related("entry__patient").get(pk=flag.pk)
            start.wait()
            outcomes.append(
                acknowledge_flag(
                    flag=own_copy,
                    nurse=nurse,
                    action="phoned_patient",
                    note=nurse.email,
                )
            )
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=acknowledge, args=(n,)) for n in nurses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

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
    original_record = audit.record

    def slow_record(**kwargs):
        time.sleep(0.3)  # hold the winner's row lock while the other arrives
        return original_record(**kwargs)

    monkeypatch.setattr(audit, "record", slow_record)
    url = reverse("nurse:acknowledge", args=[flag.pk])
    start = threading.Barrier(2)
    pages: dict[str, str] = {}
    errors: list[BaseException] = []

    def post_as(nurse) -> None:
        try:
            client = Client()
            client.force_login(nurse)
            start.wait()
            response = client.post(
                url, {"action": "phoned_patient", "note": nurse.email}, follow=True
            )
            assert response.status_code == 200
            pages[nurse.email] = response.content.decode()
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post_as, args=(n,)) for n in nurses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    winner = Acknowledgement.objects.get(flag=flag).nurse
    loser = next(n for n in nurses if n != winner)
    assert "Acknowledged: possible spinal cord compression" in pages[winner.email]
    told = pages[loser.email]
    assert "Someone else closed this flag first" in told
    assert "Already acknowledged" in told and winner.full_name in told
    assert ClinicalNote.objects.get().author == loser
