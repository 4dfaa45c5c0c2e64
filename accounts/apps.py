from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin

        # Registers the deployment guards, and the sign-in time's signal.
        from accounts import checks, middleware  # noqa: F401
        from accounts.forms import AdminLoginForm

        admin.site.login_form = AdminLoginForm
