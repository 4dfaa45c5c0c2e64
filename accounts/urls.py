from django.urls import include, path

from accounts import views, views_invite

urlpatterns = [
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("invite/<str:token>/", views_invite.accept_invite, name="accept_invite"),
    path("", include("django.contrib.auth.urls")),
]
