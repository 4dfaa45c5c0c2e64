"""What the sign-in page says after wrong passwords (issue 15, item 10)."""

from __future__ import annotations

from django.urls import reverse

from accounts import throttle
from tests.factories import PASSWORD

LOGIN = reverse("login")
NOT_RIGHT = "The email address or password is not right."


def wrong(client, email: str, n: int = 0) -> str:
    response = client.post(LOGIN, {"username": email, "password": f"wrong-{n}"})
    assert response.status_code == 200
    return response.content.decode()


def test_it_says_the_email_or_password_is_not_right_without_a_false_case_warning(
    client, patient
):
    body = wrong(client, patient.user.email)
    assert NOT_RIGHT in body
    assert "capital letters matter in the password, not in the email address" in body
    assert "case-sensitive" not in body


def test_it_gives_no_countdown_before_the_fifth_wrong_password(client, patient):
    for n in range(throttle.WARN_FROM - 1):
        assert "tries left" not in wrong(client, patient.user.email, n)


def test_from_the_fifth_wrong_password_it_counts_down_the_tries_left(client, patient):
    for n in range(throttle.WARN_FROM - 1):
        wrong(client, patient.user.email, n)
    expected = [
        "You have 5 tries left before this account is locked for 15 minutes.",
        "You have 4 tries left before this account is locked for 15 minutes.",
        "You have 3 tries left before this account is locked for 15 minutes.",
        "You have 2 tries left before this account is locked for 15 minutes.",
        "You have 1 try left before this account is locked for 15 minutes.",
    ]
    for n, warning in enumerate(expected):
        body = wrong(client, patient.user.email, n)
        assert NOT_RIGHT in body and warning in body


def test_the_tenth_wrong_password_says_the_account_is_now_locked(client, patient):
    for n in range(throttle.MAX_FAILURES - 1):
        wrong(client, patient.user.email, n)
    body = wrong(client, patient.user.email, 99)
    assert NOT_RIGHT in body
    assert "Too many wrong passwords for this account. You can try again at" in body
    assert "tries left" not in body


def test_an_unknown_address_gets_the_same_messages(client, db):
    for n in range(throttle.WARN_FROM):
        body = wrong(client, "nobody@example.org", n)
    assert NOT_RIGHT in body and "You have 5 tries left" in body


def test_the_right_password_after_warnings_signs_in(client, patient):
    for n in range(throttle.MAX_FAILURES - 1):
        wrong(client, patient.user.email, n)
    response = client.post(
        LOGIN, {"username": patient.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
