from django.contrib.auth.views import LoginView
from django.urls import include, path

from accounts import views, views_invite, views_mfa
from accounts.forms import LoginForm

urlpatterns = [
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("invite/<str:token>/", views_invite.accept_invite, name="accept_invite"),
    path("two-step/", views_mfa.otp_verify, name="otp_verify"),
    path("two-step/set-up/", views_mfa.otp_enrol, name="otp_enrol"),
    path(
        "two-step/recovery-codes/",
        views_mfa.otp_recovery_codes,
        name="otp_recovery_codes",
    ),
    path("account/", views_mfa.account, name="account"),
    path(
        "account/recovery-codes/",
        views_mfa.otp_new_recovery_codes,
        name="otp_new_recovery_codes",
    ),
    path("account/two-step/off/", views_mfa.otp_turn_off, name="otp_turn_off"),
    # Before Django's own log-in URL, which it replaces (same name).
    path("login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("", include("django.contrib.auth.urls")),
]
