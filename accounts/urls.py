from django.contrib.auth.views import LoginView
from django.urls import include, path

from accounts import views, views_invite
from accounts.forms import LoginForm

urlpatterns = [
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("invite/<str:token>/", views_invite.accept_invite, name="accept_invite"),
    # Before Django's own log-in URL, which it replaces (same name).
    path("login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("", include("django.contrib.auth.urls")),
]
