from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Place


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = "Local guide"
    menu_order = 270
    add_to_admin_menu = True
    # Each place belongs to one edition: the listing names it and filters by it.
    list_display = ["name", "category", "distance", "site", "sort_order", "hidden"]
    list_filter = ["site", "category", "hidden"]
    search_fields = ["name", "address"]
    # Found with the database's own filtering: the guide is a short list per edition.
    search_backend_name = None

    def get_queryset(self, request):
        return Place.objects.select_related("site")


register_snippet(PlaceViewSet)
