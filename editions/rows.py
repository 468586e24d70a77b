"""A new edition's rooms, tracks and news categories: copies of those of the edition it starts
from, rows of its own, so that editing one leaves the source's alone."""

from dataclasses import dataclass

from wagtail.models import Site

from blog.models import BlogCategory
from program.models import Room, Track

# The models copied, and the word the report uses for a row of each.
COPIED_MODELS = ((Room, "room"), (Track, "track"), (BlogCategory, "category"))


@dataclass(frozen=True)
class CopiedRow:
    kind: str  # "room", "track" or "category"
    name: str

    def report_line(self):
        return f"{self.kind:<9} {self.name}"


def copy_rows(source: Site, site: Site) -> list[CopiedRow]:
    """Give `site` a copy of each of `source`'s rooms, tracks and news categories: two queries
    a model, however many rows. (bulk_create sends no post_save; the page cache is renewed by
    the new edition's settings, saved in the same transaction.)"""
    copied = []
    for model, kind in COPIED_MODELS:
        rows = list(model.objects.for_site(source))
        for row in rows:
            row.pk, row.site = None, site
            row._state.adding = True
        model.objects.bulk_create(rows)
        copied.extend(CopiedRow(kind, row.name) for row in rows)
    return copied
