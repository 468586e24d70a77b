from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Room, Track


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "site"
    list_display = ["name", "slug", "sort_order", "capacity"]


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    list_display = ["name", "slug", "colour", "sort_order"]


class ProgramSnippets(SnippetViewSetGroup):
    """Rooms and tracks sit together under one "Program" menu item."""

    items = (RoomViewSet, TrackViewSet)
    menu_label = "Program"
    menu_icon = "date"
    menu_order = 250


register_snippet(ProgramSnippets)
