from django.urls import reverse


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
