from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Sponsor, SponsorLevel


class SponsorLevelViewSet(SnippetViewSet):
    model = SponsorLevel
    icon = "list-ol"
    menu_label = "Levels"
    # Each level belongs to one edition: the listing names it and filters by it. Dragging
    # the rows (the listing's "Sort order") orders them; Wagtail saves the level moved, which
    # renews its edition's pages (apps.py).
    list_display = ["name", "site", "logo_size", "slug"]
    list_filter = ["site"]

    def get_queryset(self, request):
        return SponsorLevel.objects.select_related("site")


class SponsorViewSet(SnippetViewSet):
    model = Sponsor
    icon = "pick"
    list_display = ["name", "level", "site", "sort_order", "hidden"]
    list_filter = ["site", "level", "hidden", "hiring"]

    def get_queryset(self, request):
        return Sponsor.objects.select_related("site", "level")


class SponsorSnippets(SnippetViewSetGroup):
    """Sponsors and their levels sit together under one "Sponsors" menu item."""

    items = (SponsorViewSet, SponsorLevelViewSet)
    menu_label = "Sponsors"
    menu_icon = "pick"
    menu_order = 260


register_snippet(SponsorSnippets)
