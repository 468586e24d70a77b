"""`/search/?q=`: the talks, presenters, news and pages of the current edition, through
Wagtail's database search backend (PostgreSQL full-text search in production)."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from blog.models import AnnouncementPage, NewsIndexPage, RecapPage
from home.models import ConferenceSettings, StandardPage
from home.structured_data import StructuredDataMixin
from home.visibility import visible_to_visitors
from organizers.models import TeamPage
from places.models import LocalGuidePage
from program.models import PresenterIndexPage, PresenterPage, ProgramPage, TalkPage
from sponsors.models import SponsorsPage
from text.plain_text import plain

from .text import query_pattern, snippet

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# What visitors search, how each result is labelled, and what a result page prefetches.
SEARCHED = {
    TalkPage: "Talk",
    PresenterPage: "Presenter",
    AnnouncementPage: "Announcement",
    RecapPage: "Recap",
    StandardPage: "Page",
    TeamPage: "Team",
    LocalGuidePage: "Local guide",
    SponsorsPage: "Sponsors",
}
BROWSE = (ProgramPage, PresenterIndexPage, NewsIndexPage)


def specific_results(pages):
    """The specific pages of one page of results, in order: one query per type, with what
    the snippets read (a talk's presenters and tags, a post's tags) prefetched by the type
    itself (`for_search_results`)."""
    by_model = {}
    for page in pages:
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        by_model.setdefault(model, []).append(page.pk)
    found = {}
    for model, ids in by_model.items():
        queryset = model.objects.filter(pk__in=ids)
        if issubclass(model, StructuredDataMixin):
            queryset = model.for_search_results(queryset)
        found.update({page.pk: page for page in queryset})
    return [found[page.pk] for page in pages if page.pk in found]


def describe(page, pattern, tz):
    """A result as the template shows it: type, title, a line of facts and a snippet."""
    # Each page type says which facts and which text its result shows.
    meta, text = page.search_summary(tz)
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
