from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("nurse/", include("diary.nurse.urls")),
    path("carer/", include("diary.carer.urls")),
    path("staff/", include("diary.staff.urls")),
    path("", include("diary.patient.urls")),
]
