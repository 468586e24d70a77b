from django.urls import path
from wagtail.admin.auth import permission_required

from .views import EDITIONS_PERMISSION, EditionsIndexView, StartEditionView

app_name = "editions"
only_editors = permission_required(EDITIONS_PERMISSION)

urlpatterns = [
    path("", only_editors(EditionsIndexView.as_view()), name="index"),
    path("start/", only_editors(StartEditionView.as_view()), name="start"),
]
