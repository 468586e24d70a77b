"""What a visitor may see: a page that is live, outside any view restriction (its own or an
ancestor's) and not past its `expire_at`. One rule for every listing, search, sitemap, feed,
export and for serving a page; the scheduler unpublishes expired pages within a minute, and
until then they must not show either."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, PageManager, PageQuerySet


def expired_q(prefix: str = "") -> Q:
    """Pages (or, through `prefix`, related pages) past their expiry time."""
    return Q(**{f"{prefix}expire_at__lte": timezone.now()})


def visible_to_visitors(
    queryset: PageQuerySet, *, ancestors_checked: bool = False, for_search: bool = False
) -> PageQuerySet:
    """The pages of `queryset` a visitor may see.

    `ancestors_checked`: for the children of a page being served, Wagtail has already checked
    the restrictions of that page and its ancestors, so a restriction of their own is all
    that is left to exclude, without the query `public()` costs.
    `for_search`: before `.search()`, which filters on indexed fields only (`expire_at` is
    not one), expired pages are excluded by id."""
    queryset = queryset.live()
    if ancestors_checked:
        queryset = queryset.filter(view_restrictions__isnull=True)
    else:
        queryset = queryset.public()
    if for_search:
        expired = Page.objects.filter(expired_q()).values_list("pk", flat=True)
        return queryset.exclude(pk__in=list(expired))
    return queryset.exclude(expired_q())


def visible_through(prefix: str, queryset: QuerySet) -> QuerySet:
    """Rows of `queryset` whose related page (`prefix`, e.g. "presenter__") a visitor may see.
    The page is named by a row shown inside another page, so its ancestors are that page's:
    only a restriction of its own is left to check."""
    return queryset.filter(
        Q(**{f"{prefix}live": True, f"{prefix}view_restrictions__isnull": True})
    ).exclude(expired_q(prefix))


def is_expired(page: Page) -> bool:
    return bool(page.expire_at and page.expire_at <= timezone.now())


def hidden_from_visitors(page: Page) -> str:
    """Why visitors may not see one page ("draft", "scheduled", "expired", "private"), or ""
    when they may: `visible_to_visitors` for a page already loaded."""
    if not page.live:
        return "scheduled" if page.go_live_at and page.go_live_at > timezone.now() else "draft"
    if is_expired(page):
        return "expired"
    if page.get_view_restrictions().exists():
        return "private"
    return ""


class VisiblePageQuerySet(PageQuerySet):
    def visible_to_visitors(self, **options) -> "VisiblePageQuerySet":
        return visible_to_visitors(self, **options)


# For page types whose listings ask `Model.objects....visible_to_visitors()`.
VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
