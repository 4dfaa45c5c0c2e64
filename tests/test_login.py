"""Log in with an email address, log out, change and reset a password."""

import re
import time

import pytest
import time_machine
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import throttle
from accounts.models import LoginThrottle
from tests.factories import PASSWORD

LOGIN = reverse("login")


def log_in(client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_the_login_form_asks_for_email_and_password(client, db):
    body = client.get(LOGIN).content.decode()
    assert 'name="username"' in body and 'name="password"' in body
    assert "Email" in body


def test_a_patient_logs_in_with_their_email_in_any_case(client, patient):
    response = log_in(client, patient.user.email.upper())
    assert response.status_code == 302
    assert client.get(response.url, follow=True).redirect_chain[-1][0] == "/today/"


def test_a_wrong_password_is_refused_with_a_message(client, patient):
    response = log_in(client, patient.user.email, "not-the-password")
    assert response.status_code == 200
    assert "The email address or password is not right." in response.content.decode()
    assert client.get(reverse("diary_list")).status_code == 302


def test_logging_out_ends_the_session(patient_client):
    response = patient_client.post(reverse("logout"))
    assert response.url == LOGIN
    assert patient_client.get(reverse("diary_list")).url.startswith(LOGIN)


def test_a_user_can_change_their_password(client, patient):
    log_in(client, patient.user.email)
    url = reverse("password_change")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-password-77",
            "new_password2": "a-brand-new-password-77",
        },
    )
    assert response.url == reverse("password_change_done")
    client.post(reverse("logout"))
    assert (
        log_in(client, patient.user.email, "a-brand-new-password-77").status_code == 302
    )


def test_a_weak_new_password_is_refused(client, patient):
    log_in(client, patient.user.email)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()


def test_a_forgotten_password_is_reset_through_an_emailed_link(client, patient):
    response = client.post(reverse("password_reset"), {"email": patient.user.email})
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_url = client.get(link.group(1)).url  # Django swaps the token for a session
    response = client.post(
        form_url,
        {
            "new_password1": "reset-password-for-pat-3",
            "new_password2": "reset-password-for-pat-3",
        },
    )
    assert response.url == reverse("password_reset_complete")
    assert (
        log_in(client, patient.user.email, "reset-password-for-pat-3").status_code
        == 302
    )


def test_a_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_after_log_in_the_page_asked_for_opens(client, patient):
    response = log_in(client, patient.user.email, next="/diary/?page=2")
    assert response.url == "/diary/?page=2"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "https:evil.example",
        "http://testserver@evil.example/",
        "https://testserver.evil.example/",
        "javascript:alert(1)",
        " //evil.example/",
    ],
)
def test_log_in_never_sends_the_user_to_another_site(client, patient, target):
    """A phishing link to our log-in page must not forward to a look-alike."""
    for response in (
        log_in(client, patient.user.email, next=target),
        Client().post(
            f"{LOGIN}?next={target}",
            {"username": patient.user.email, "password": PASSWORD},
        ),
    ):
        assert response.status_code == 302
        assert response.url == reverse("home"), target


def test_a_password_reset_link_works_once_and_ends_other_sessions(client, patient):
    elsewhere = Client()  # e.g. someone who knew the old password
    elsewhere.force_login(patient.user)
    client.post(reverse("password_reset"), {"email": patient.user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body)
    form_url = client.get(link.group(1)).url
    new = {"new_password1": "reset-password-for-pat-3"}
    new["new_password2"] = new["new_password1"]
    assert client.post(form_url, new).url == reverse("password_reset_complete")
    again = {"new_password1": "someone-elses-password-7"}
    again["new_password2"] = again["new_password1"]
    assert not get_user(elsewhere).is_authenticated  # other sessions end
    for reuser in (client, Client()):  # the same browser, or another one
        page = reuser.get(link.group(1), follow=True)
        assert "already been used or has expired" in page.content.decode()
        reuser.post(
            page.redirect_chain[-1][0] if page.redirect_chain else form_url, again
        )
    patient.user.refresh_from_db()
    assert patient.user.check_password("reset-password-for-pat-3")


@pytest.fixture
def no_failures_counted(db):
    LoginThrottle.objects.all().delete()
    yield
    LoginThrottle.objects.all().delete()


def wrong_passwords(client, email: str, times: int) -> None:
    for n in range(times):
        assert log_in(client, email, f"wrong-guess-{n}").status_code == 200


def test_after_ten_wrong_passwords_even_the_right_one_waits(
    client, patient, no_failures_counted
):
    email = patient.user.email
    wrong_passwords(client, email, throttle.MAX_FAILURES)
    response = log_in(client, email.upper())  # the right password, any case
    assert response.status_code == 200
    assert "Too many wrong passwords" in response.content.decode()
    assert not get_user(client).is_authenticated
    later = time.time() + throttle.WINDOW_SECONDS + 1
    with time_machine.travel(later, tick=False):
        assert log_in(client, email).status_code == 302


def test_nine_wrong_passwords_then_the_right_one_logs_in_and_starts_afresh(
    client, patient, no_failures_counted
):
    email = patient.user.email
    wrong_passwords(client, email, throttle.MAX_FAILURES - 1)
    assert log_in(client, email).status_code == 302
    client.logout()
    wrong_passwords(client, email, throttle.MAX_FAILURES - 1)
    assert log_in(client, email).status_code == 302


def test_guessing_at_one_account_does_not_lock_another(
    client, patient, other_patient, no_failures_counted
):
    wrong_passwords(client, patient.user.email, throttle.MAX_FAILURES)
    assert log_in(client, other_patient.user.email).status_code == 302


def test_an_unknown_email_is_throttled_the_same_so_it_reveals_nothing(
    client, db, no_failures_counted
):
    wrong_passwords(client, "nobody@example.org", throttle.MAX_FAILURES)
    body = log_in(client, "nobody@example.org").content.decode()
    assert "Too many wrong passwords" in body


def test_the_admin_log_in_is_throttled_too(db, no_failures_counted):
    from accounts.models import User

    User.objects.create_superuser("admin@example.org", PASSWORD, full_name="Ada")
    client = Client()
    admin_login = reverse("admin:login")
    for n in range(throttle.MAX_FAILURES):
        client.post(admin_login, {"username": "admin@example.org", "password": f"x{n}"})
    response = client.post(
        admin_login, {"username": "admin@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many wrong passwords" in response.content.decode()


def test_wrong_passwords_are_counted_in_the_database_so_all_servers_share_them(
    client, patient, no_failures_counted
):
    wrong_passwords(client, patient.user.email, 1)
    assert (
        LoginThrottle.objects.get(key=throttle.user_key(patient.user.pk)).attempts == 1
    )
