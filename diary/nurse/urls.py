"""The nurse's side, at /nurse/. Every view here is behind nurse_required and
tests/nurse/test_authorization_matrix.py must have a row for each name."""

from django.urls import path

import diary.converters  # noqa: F401  (registers <isodate:...>)
from diary.nurse import exports, record, reports
from diary.nurse import views as nurse

app_name = "nurse"

urlpatterns = [
    path("", nurse.queue, name="queue"),
    path("review/", nurse.review, name="review"),
    path("flags/<int:flag_id>/acknowledge/", nurse.acknowledge, name="acknowledge"),
    path("patients/", nurse.caseload, name="caseload"),
    path("patients/add/", nurse.invite, name="invite"),
    path("patients/<int:patient_id>/", record.patient_record, name="patient"),
    path(
        "patients/<int:patient_id>/invite/", nurse.invite_resend, name="invite_resend"
    ),
    path("patients/<int:patient_id>/profile/", record.profile_edit, name="profile"),
    path("patients/<int:patient_id>/notes/", record.add_note, name="add_note"),
    path(
        "patients/<int:patient_id>/carers/<int:link_id>/revoke/",
        record.carer_revoke,
        name="carer_revoke",
    ),
    path(
        "patients/<int:patient_id>/close-account/",
        record.close_account,
        name="close_account",
    ),
    path("patients/<int:patient_id>/entries/new/", record.entry_new, name="entry_new"),
    path(
        "patients/<int:patient_id>/entries/<isodate:day>/",
        record.entry_detail,
        name="entry",
    ),
    path(
        "patients/<int:patient_id>/alert-card/",
        exports.alert_card,
        name="alert_card",
    ),
    path(
        "patients/<int:patient_id>/alert-card/pdf/",
        exports.alert_card_pdf,
        name="alert_card_pdf",
    ),
    path("reports/", reports.report_index, name="reports"),
    path("reports/<int:team_id>/", reports.service_report, name="service_report"),
    path(
        "reports/<int:team_id>/csv/",
        reports.service_report_csv,
        name="service_report_csv",
    ),
    path(
        "patients/<int:patient_id>/export/",
        exports.export_diary,
        name="export_diary",
    ),
]
