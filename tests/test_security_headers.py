from django.test import Client
from django.urls import reverse

LOGIN = reverse("login")


def test_pages_with_health_data_are_not_stored_by_browsers(patient_client):
    response = patient_client.get(reverse("diary_list"))
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_is_public(client, db):
    assert client.get(reverse("login")).status_code == 200


def test_the_password_reset_page_is_public(client, db):
    assert client.get(reverse("password_reset")).status_code == 200


def test_responses_forbid_content_sniffing_and_framing(client, db):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_argon2_is_the_production_password_hasher():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def all_url_patterns(patterns=None, namespace=""):
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from all_url_patterns(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_only_log_in_password_reset_invitations_and_unsubscribing_are_public():
    from django.conf import settings

    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in (
        settings.MIDDLEWARE
    )
    public = {
        name
        for name, view in all_url_patterns()
        if getattr(view, "login_required", True) is False
    }
    assert public == {
        "admin:login",
        "login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "accept_invite",
        "accept_carer_invite",
        # A reminder email's one-click unsubscribe (a signed token).
        "reminder_unsubscribe",
    }


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    for url in ("/", "/today/", "/diary/", "/trends/", "/nurse/", "/export/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_pages_may_only_run_the_sites_own_scripts(patient_client):
    """Content Security Policy: if free text ever slipped past escaping, a
    browser would still refuse an inline or another site's script, and no
    other site may frame the page or receive its forms."""
    for response in (patient_client.get(reverse("today")), Client().get(LOGIN)):
        policy = dict(
            part.strip().split(" ", 1)
            for part in response["Content-Security-Policy"].split(";")
        )
        assert policy["script-src"] == "'self'"
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'self'"
        assert policy["form-action"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"


def test_responses_forbid_camera_microphone_and_location(client, patient_client, db):
    for response in (
        client.get(reverse("login")),
        patient_client.get(reverse("diary_list")),
        client.get("/no-such-page/"),
    ):
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in policy
