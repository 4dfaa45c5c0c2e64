from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin

        from accounts import throttle  # noqa: F401  (connects its signals)
        from accounts.forms import AdminLoginForm

        admin.site.login_form = AdminLoginForm
