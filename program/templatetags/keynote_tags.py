from django import template
from django.db.models import Prefetch
from wagtail.models import Site

from program.enums import TalkKind
from program.models import (
    PHOTO_SMALL,
    ProgramPage,
    TalkPage,
    TalkPresenter,
    photos_with_renditions,
    visible_presenter_links,
)

register = template.Library()


@register.inclusion_tag("components/program/keynotes.html", takes_context=True)
def keynotes(context):
    """The edition's public keynotes with their presenters' photos, for the home page: the
    same queries for one keynote or ten."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    program = (
        ProgramPage.objects.child_of(site.root_page).visible_to_visitors().first() if site else None
    )
    if program is None:
        return {"keynotes": []}
    presenters = (
        visible_presenter_links(TalkPresenter.objects.select_related("presenter"))
        .prefetch_related(photos_with_renditions(PHOTO_SMALL, "presenter__photo"))
        .order_by("sort_order", "pk")
    )
    talks = (
        TalkPage.objects.child_of(program)
        .visible_to_visitors(ancestors_checked=True)
        .filter(kind=TalkKind.KEYNOTE)
        .prefetch_related(Prefetch("talk_presenters", queryset=presenters))
        .order_by("start", "pk")
    )
    return {"keynotes": list(talks), "request": request}
