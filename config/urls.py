from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("nurse/", include("diary.nurse_urls")),
    path("", include("diary.patient.urls")),
]
