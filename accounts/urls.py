from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views, views_carers, views_invite, views_mfa
from accounts.forms import (
    LoginForm,
    SiteUrlPasswordResetForm,
    ThrottledPasswordChangeForm,
    UnlockingSetPasswordForm,
)

urlpatterns = [
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("invite/<str:token>/", views_invite.accept_invite, name="accept_invite"),
    path(
        "carer-invite/<str:token>/",
        views_carers.accept_carer_invite,
        name="accept_carer_invite",
    ),
    path("account/carers/", views_carers.carer_invite, name="carer_invite"),
    path(
        "account/carers/<int:link_id>/revoke/",
        views_carers.carer_revoke,
        name="carer_revoke",
    ),
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
    # Before Django's own URLs, which these replace (same paths and names):
    # the same views with the throttled and SITE_URL forms.
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(form_class=ThrottledPasswordChangeForm),
        name="password_change",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=SiteUrlPasswordResetForm),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=UnlockingSetPasswordForm
        ),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]
