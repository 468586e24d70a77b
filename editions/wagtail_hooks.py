from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import EDITIONS_PERMISSION


class EditionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EDITIONS_PERMISSION)


@hooks.register("register_admin_urls")
def editions_urls():
    return [path("editions/", include(urls))]


@hooks.register("register_settings_menu_item")
def editions_menu_item():
    return EditionsMenuItem("Editions", reverse("editions:index"), icon_name="date", order=90)
