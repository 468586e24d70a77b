"""The renditions `components/picture.html` asks for, so listings can prefetch exactly those."""

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# Must match the filter specs written in templates/components/picture.html (a test checks).
# Widest first: the <img> fallback then carries the largest width/height, so the picture fills
# its column instead of being drawn at the smallest candidate's width.
PICTURE_SPECS = ("format-{avif,webp,jpeg}", "width-{1600,1200,800,480,320}")
PICTURE_FILTER_SPECS = tuple(Filter.expand_spec(PICTURE_SPECS))


def images_with_renditions():
    """Images with the picture component's renditions prefetched (one query for all)."""
    return get_image_model().objects.prefetch_renditions(*PICTURE_FILTER_SPECS)


def prefetch_pictures(queryset, *image_fields):
    """For listings: `prefetch_pictures(pages, "social_image")` loads each page's image and its
    renditions in two queries, whatever the number of pages."""
    return queryset.prefetch_related(
        *(Prefetch(field, queryset=images_with_renditions()) for field in image_fields)
    )
