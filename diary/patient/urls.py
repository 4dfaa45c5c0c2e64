from django.urls import path

import diary.converters  # noqa: F401  (registers <isodate:...>)
from diary.patient import data_rights, guidance, reminders
from diary.patient import exports as pdf
from diary.patient import views as patient

urlpatterns = [
    path("", patient.home, name="home"),
    path("today/", patient.today, name="today"),
    path("diary/", patient.diary_list, name="diary_list"),
    path("diary/<isodate:day>/", patient.entry_detail, name="entry_detail"),
    path("diary/<isodate:day>/edit/", patient.entry_edit, name="entry_edit"),
    path("diary/<isodate:day>/saved/", guidance.entry_saved, name="entry_saved"),
    path("diary/<isodate:day>/check/", guidance.entry_check, name="entry_check"),
    path("trends/", patient.trends, name="trends"),
    path("alert-card/", guidance.alert_card, name="alert_card"),
    path("alert-card/pdf/", pdf.alert_card_pdf, name="alert_card_pdf"),
    path("export/", pdf.export_diary, name="export_diary"),
    path("reminders/", reminders.reminder_settings, name="reminder_settings"),
    path(
        "reminders/off/<str:token>/",
        reminders.unsubscribe,
        name="reminder_unsubscribe",
    ),
    path("my-data/", data_rights.download_my_data, name="download_my_data"),
    path("close-account/", data_rights.close_account, name="close_account"),
]
