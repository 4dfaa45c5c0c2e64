"""The carer's side, at /carer/: only the choice of whom they help; each view
is behind carer_required and has a row in tests/test_url_authorization.py."""

from django.urls import path

from diary.carer import views as carer

app_name = "carer"

urlpatterns = [
    path("", carer.choose, name="choose"),
    path("<int:patient_id>/", carer.help_patient, name="help"),
]
