from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin with config.admin.AdminSite as admin.site."""

    default_site = "config.admin.AdminSite"
