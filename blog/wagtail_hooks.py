from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BlogCategory


class BlogCategoryViewSet(SnippetViewSet):
    model = BlogCategory
    # Each category belongs to one edition: the listing names it and filters by it.
    list_display = ["name", "slug", "site"]
    list_filter = ["site"]

    def get_queryset(self, request):
        return BlogCategory.objects.select_related("site")


register_snippet(BlogCategoryViewSet)
