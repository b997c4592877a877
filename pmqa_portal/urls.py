from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from pmqa_portal import views

admin.site.site_header = _("PMQA working-group portal: administration")
admin.site.site_title = _("PMQA portal admin")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("framework/", views.edition_list, name="edition_list"),
    path("framework/<slug:code>/", views.edition_detail, name="edition_detail"),
    path("framework/category/<int:pk>/", views.category_detail, name="category_detail"),
    path("meetings/", include("meetings.urls")),
    path("stakeholders/", include("stakeholders.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Uploaded attachments are never served from MEDIA_URL: they go through the
# meetings app's permission-checked download view.
