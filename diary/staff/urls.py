"""Staff pages outside the admin, at /staff/. Each name needs its row in
tests/test_url_authorization.py."""

from django.urls import path

from diary.staff import views

app_name = "staff"

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/csv/", views.audit_log_csv, name="audit_log_csv"),
]
