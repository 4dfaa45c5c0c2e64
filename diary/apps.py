from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "diary"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # accounts announces invitations and two-step resets; the audit trail
        # (here, since accounts may not import diary) records them.
        from diary import audit, figures

        audit.connect_account_signals()
        figures.connect_signals()
