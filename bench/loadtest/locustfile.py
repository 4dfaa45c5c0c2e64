"""The load test's users: 50 patients saving today's entry and reading My
diary, 10 nurses paging the queue, the caseload and patients' records.

Each locust user signs in as an account of its own (bench/loadtest/seed.py
made them). Every save answered with a redirect is appended to the file
named by LOADTEST_SAVES_FILE, as "email<TAB>date<TAB>notes", so the runner can
check afterwards that the database holds each one (nothing lost).
"""

from __future__ import annotations

import html
import itertools
import os
import random
import re

import django
from locust import HttpUser, between, task

# The runner sets DJANGO_SETTINGS_MODULE and DATABASE_URL; nothing here
# touches the database, Django is set up for the names and the code below.
django.setup()

from accounts.mfa import demo_code  # noqa: E402  (the demo nurses' code now)
from bench.loadtest.seed import (  # noqa: E402
    NURSE_EMAIL,
    NURSES,
    PATIENT_EMAIL,
    PATIENTS,
)
from diary.management.commands.seed_bench import BENCH_PASSWORD  # noqa: E402

_patient_numbers = itertools.count()
_nurse_numbers = itertools.count()
_save_numbers = itertools.count()
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
ENTRY_DATE = re.compile(r'name="entry_date" value="(\d{4}-\d{2}-\d{2})"')
RECORD_LINK = re.compile(r'href="/nurse/patients/(\d+)/"')


def hidden_fields(page: str) -> dict[str, str]:
    """The form's hidden inputs (CSRF token, loaded_version, next)."""
    return {name: html.unescape(value) for name, value in HIDDEN.findall(page)}


class SignedInUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    email = ""

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="sign-in page").text
        data = hidden_fields(page) | {
            "username": self.email,
            "password": BENCH_PASSWORD,
        }
        self.client.post("/accounts/login/", data=data, name="sign in")


class Patient(SignedInUser):
    fixed_count = PATIENTS  # one user per seeded account

    def on_start(self) -> None:
        self.email = PATIENT_EMAIL.format(n=next(_patient_numbers))
        self.sign_in()

    @task(1)
    def save_todays_entry(self) -> None:
        page = self.client.get("/today/", name="today").text
        day = ENTRY_DATE.search(page)
        if day is None:
            return  # the GET failed; locust has counted it
        save = next(_save_numbers)  # bench/loadtest/run.py reads it back
        data = hidden_fields(page) | {
            "entry_date": day.group(1),
            "pain_score": str(random.randint(0, 3)),
            "fatigue_score": str(random.randint(0, 5)),
            "notes": f"load test save {save}",
        }
        with self.client.post(
            "/today/",
            data=data,
            name="save entry",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not saved: {response.status_code}")
                return
            record_save(self.email, day.group(1), data["notes"])
        self.client.get(response.headers["Location"], name="saved (guidance)")

    @task(2)
    def read_my_diary(self) -> None:
        self.client.get("/diary/", name="my diary")


class Nurse(SignedInUser):
    fixed_count = NURSES

    def on_start(self) -> None:
        self.email = NURSE_EMAIL.format(n=next(_nurse_numbers))
        self.sign_in()
        page = self.client.get("/accounts/two-step/", name="two-step page").text
        data = hidden_fields(page) | {"code": demo_code()}
        self.client.post("/accounts/two-step/", data=data, name="two-step code")
        self.patient_ids: list[str] = []

    @task(2)
    def page_the_queue(self) -> None:
        self.client.get(f"/nurse/?page={random.randint(1, 2)}", name="queue")

    @task(2)
    def page_the_caseload(self) -> None:
        page = self.client.get(
            f"/nurse/patients/?page={random.randint(1, 2)}", name="caseload"
        ).text
        self.patient_ids = RECORD_LINK.findall(page) or self.patient_ids

    @task(3)
    def read_a_record(self) -> None:
        if not self.patient_ids:
            return self.page_the_caseload()
        patient = random.choice(self.patient_ids)
        self.client.get(f"/nurse/patients/{patient}/", name="patient record")


def record_save(email: str, day: str, notes: str) -> None:
    path = os.environ.get("LOADTEST_SAVES_FILE")
    if path:
        with open(path, "a", encoding="utf-8") as saves:
            saves.write(f"{email}\t{day}\t{notes}\n")
