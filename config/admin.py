from django_otp.admin import OTPAdminSite


class AdminSite(OTPAdminSite):
    """The admin only for staff who passed the second step of signing in
    (OTPAdminSite.has_permission). Signing in stays the app's own two steps:
    the password on Django's admin log-in page (accounts.forms.AdminLoginForm),
    then accounts.middleware.SecondStepMiddleware sends them to the code."""

    login_template = None  # Django's own, not django-otp's password+code page

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)
