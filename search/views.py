"""`/search/?q=`: the talks, presenters, news and pages of the current edition, through
Wagtail's database search backend (PostgreSQL full-text search in production)."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from blog.models import AnnouncementPage, NewsIndexPage, RecapPage
from home.models import ConferenceSettings, StandardPage
from home.visibility import visible_to_visitors
from program.models import (
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    TalkPage,
    TalkPresenter,
    visible_presenter_links,
)

from .text import plain, query_pattern, snippet, stream_text

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# What visitors search, how each result is labelled, and what a result page prefetches.
SEARCHED = {
    TalkPage: "Talk",
    PresenterPage: "Presenter",
    AnnouncementPage: "Announcement",
    RecapPage: "Recap",
    StandardPage: "Page",
}
BROWSE = (ProgramPage, PresenterIndexPage, NewsIndexPage)


def specific_results(pages):
    """The specific pages of one page of results, in order: one query per type, with what
    the snippets read (a talk's presenters and tags, a post's tags) prefetched."""
    by_model = {}
    for page in pages:
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        by_model.setdefault(model, []).append(page.pk)
    found = {}
    for model, ids in by_model.items():
        queryset = model.objects.filter(pk__in=ids)
        if model is TalkPage:
            links = visible_presenter_links(
                TalkPresenter.objects.select_related("presenter").order_by("sort_order")
            )
            queryset = queryset.select_related("room").prefetch_related(
                "tags", Prefetch("talk_presenters", queryset=links)
            )
        elif model in (AnnouncementPage, RecapPage):
            queryset = queryset.prefetch_related("tags")
        found.update({page.pk: page for page in queryset})
    return [found[page.pk] for page in pages if page.pk in found]


def describe(page, pattern, tz):
    """A result as the template shows it: type, title, a line of facts and a snippet."""
    tags = [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []
    meta = ""
    if isinstance(page, TalkPage):
        people = [link.presenter.title for link in page.talk_presenters.all()]
        start = timezone.localtime(page.start, tz)
        meta = plain(
            ", ".join(people),
            f"· {start:%a %-d %b, %-I:%M %p}",
            f"· {page.room.name}" if page.room_id else "",
        )
        text = plain(page.summary, stream_text(page.abstract), " ".join(tags))
    elif isinstance(page, PresenterPage):
        meta = ", ".join(part for part in (page.role, page.company) if part)
        text = plain(page.pronouns, stream_text(page.bio))
    elif isinstance(page, AnnouncementPage | RecapPage):
        date = page.display_date
        meta = plain(
            f"{timezone.localtime(date, tz):%-d %B %Y}" if date else "",
            f"· by {page.author}" if page.author else "",
        )
        text = plain(page.excerpt, stream_text(page.body), " ".join(tags))
    else:
        text = plain(getattr(page, "listing_summary", ""), page.intro, stream_text(page.body))
    # Show where the words are; a match in the title or facts alone keeps the opening lines.
    if pattern is not None and not pattern.search(text) and pattern.search(meta):
        text = plain(meta, text)
    return {
        "page": page,
        "kind": SEARCHED.get(type(page), "Page"),
        "title": snippet(page.title, pattern, length=500),
        "meta": meta,
        "snippet": snippet(text, pattern) if text else "",
    }


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    settings = ConferenceSettings.for_request(request)
    edition = visible_to_visitors(
        Page.objects.descendant_of(site.root_page, inclusive=True), for_search=True
    )
    results_page = paginator = None
    results = []
    if query:
        searched = edition.type(*SEARCHED).search(query, operator="and")
        paginator = Paginator(searched, RESULTS_PER_PAGE)
        try:
            # Junk, zero, negative and out-of-range numbers are all "no such page".
            results_page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
        pattern = query_pattern(query)
        results = [
            describe(page, pattern, settings.tzinfo)
            for page in specific_results(list(results_page.object_list))
        ]
    elif request.GET.get("page") not in (None, "", "1"):
        raise Http404("No such page of results.")
    # The schedule, the presenters and the news: where to go when a search finds nothing.
    browse = list(edition.child_of(site.root_page).type(*BROWSE).order_by("path"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "results_page": results_page,
            "paginator": paginator,
            "browse": browse,
            "noindex": True,
        },
    )
