import zoneinfo

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page, Revision, Site, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial.markdown_preview import markdown_preview
from home.models import ConferenceSettings

DASHBOARD_LENGTH = 20
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def editable_pages(user):
    """The pages `user` may edit: their teams' sections, and for a contributor (who has "add"
    and not "change") only the pages they own. One query for the user's permissions, cached
    on the user for the request; the rest is a subquery of the caller's query."""
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


def editable_object_ids(user):
    """The same pages' ids as text: revisions and workflow states name their page that way."""
    return editable_pages(user).annotate(object_key=Cast("pk", CharField())).values("object_key")


class EditionClock:
    """Shows each page's times in the zone of the edition (Site) it belongs to."""

    def __init__(self, request):
        self.request = request
        self.zones = None

    def zone(self, page):
        if self.zones is None:
            # One query for every edition's zone, whatever the number of rows; the page's
            # site comes from Wagtail's cached root paths (page.get_site() is a query a page).
            self.zones = dict(ConferenceSettings.objects.values_list("site_id", "time_zone"))
        site_id = next(
            (
                root.site_id
                for root in Site.get_site_root_paths()
                if page.url_path.startswith(root.root_path)
            ),
            None,
        )
        return zoneinfo.ZoneInfo(self.zones.get(site_id) or ConferenceSettings().time_zone)

    def local(self, page, moment):
        # Formatted here: the template's date filter would turn it back into UTC.
        local = timezone.localtime(moment, self.zone(page))
        return {"iso": local.isoformat(), "text": local.strftime("%a %-d %b, %H:%M %Z")}


class ScheduledPanel(Component):
    name = "scheduled_to_go_live"
    template_name = "editorial/panels/scheduled.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        clock = EditionClock(request)
        revisions = (
            Revision.page_revisions.filter(
                approved_go_live_at__isnull=False,
                object_id__in=editable_object_ids(request.user),
            )
            .order_by("approved_go_live_at")
            .select_related("user")[:DASHBOARD_LENGTH]
        )
        pages = Page.objects.in_bulk([int(revision.object_id) for revision in revisions])
        rows = []
        for revision in revisions:
            page = pages.get(int(revision.object_id))
            if page is not None:
                rows.append(
                    {
                        "page": page,
                        "when": clock.local(page, revision.approved_go_live_at),
                        "by": revision.user,
                    }
                )
        return {"rows": rows, "request": request}


class AwaitingApprovalPanel(Component):
    name = "awaiting_approval"
    template_name = "editorial/panels/awaiting_approval.html"
    order = 60

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            WorkflowState.objects.active()
            .filter(
                base_content_type__app_label="wagtailcore",
                base_content_type__model="page",
                object_id__in=editable_object_ids(request.user),
            )
            .select_related("current_task_state__task", "requested_by", "workflow")
            .order_by("created_at")[:DASHBOARD_LENGTH]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        rows = [
            {"page": pages[int(state.object_id)], "state": state}
            for state in states
            if int(state.object_id) in pages
        ]
        return {"rows": rows, "request": request}


class RecentlyPublishedPanel(Component):
    name = "recently_published"
    template_name = "editorial/panels/recently_published.html"
    order = 70

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        clock = EditionClock(request)
        pages = (
            Page.objects.live()
            .filter(
                depth__gt=2,
                last_published_at__isnull=False,
                pk__in=editable_pages(request.user).values("pk"),
            )
            .order_by("-last_published_at")[:10]
        )
        rows = [{"page": page, "when": clock.local(page, page.last_published_at)} for page in pages]
        return {"rows": rows, "request": request}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels[:0] = [ScheduledPanel(), AwaitingApprovalPanel(), RecentlyPublishedPanel()]


@hooks.register("construct_explorer_page_queryset")
def hide_drafts_the_user_cannot_edit(parent_page, pages, request):
    """The explorer lists what a user may explore, which for a contributor is the whole news
    section: other people's unpublished pages (titles of unannounced news) stay out of it."""
    return pages.filter(Q(live=True) | Q(pk__in=editable_pages(request.user).values("pk")))


class WcagContentChecker(ContentCheckerItem):
    """Wagtail's checker with the WCAG 2.2 AA rule set, plus Wagtail's own content rules."""

    axe_run_only = WCAG_22_AA
    axe_rules = {
        "alt-text-quality": {"enabled": True},
        "empty-meta-description": {"enabled": True},
    }


@hooks.register("construct_wagtail_userbar")
def use_wcag_22_checker(request, items, page=None):
    for index, item in enumerate(items):
        if type(item) is ContentCheckerItem:
            items[index] = WcagContentChecker(in_editor=item.in_editor)


@hooks.register("register_admin_urls")
def markdown_preview_url():
    return [path("markdown-preview/", markdown_preview, name="markdown_preview")]


@hooks.register("insert_editor_js")
def markdown_editor_options():
    # static/js/admin-markdown.js: previews rendered by the server (never EasyMDE's unsanitized
    # `marked`), no spell checker fetching dictionaries from a CDN.
    return format_html(
        '<script src="{}" data-preview-url="{}"></script>',
        static("js/admin-markdown.js"),
        reverse("markdown_preview"),
    )
