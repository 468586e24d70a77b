from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Room, Track


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "site"
    # Each room belongs to one edition: the listing names it and filters by it.
    list_display = ["name", "slug", "site", "sort_order", "capacity"]
    list_filter = ["site"]

    def get_queryset(self, request):
        return Room.objects.select_related("site")


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    list_display = ["name", "slug", "site", "colour", "sort_order"]
    list_filter = ["site"]

    def get_queryset(self, request):
        return Track.objects.select_related("site")


class ProgramSnippets(SnippetViewSetGroup):
    """Rooms and tracks sit together under one "Program" menu item."""

    items = (RoomViewSet, TrackViewSet)
    menu_label = "Program"
    menu_icon = "date"
    menu_order = 250


register_snippet(ProgramSnippets)
