from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organizer


class OrganizerViewSet(SnippetViewSet):
    model = Organizer
    icon = "group"
    menu_label = "Team"
    menu_order = 260
    add_to_admin_menu = True
    # Each person belongs to one edition: the listing names it and filters by it.
    list_display = ["name", "kind", "roles", "site", "sort_order", "hidden"]
    list_filter = ["site", "kind", "hidden"]
    search_fields = ["name", "roles"]
    # Found with the database's own filtering: the team is a short list per edition.
    search_backend_name = None

    def get_queryset(self, request):
        return Organizer.objects.select_related("site")


register_snippet(OrganizerViewSet)
