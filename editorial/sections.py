"""Give each group its sections of every edition, and put the news under the workflow."""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from blog.models import NewsIndexPage
from home.models import HomePage
from program.models import PresenterIndexPage, ProgramPage
from sponsors.models import SponsorsPage

from .roles import RECAP_WORKFLOW, SECTION_PERMISSIONS, create_groups

SECTION_MODELS = {
    "home": HomePage,
    "news": NewsIndexPage,
    "program": ProgramPage,
    "presenters": PresenterIndexPage,
    "sponsors": SponsorsPage,
}


def page_permission(action):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def grant_section_permissions(pages=None):
    """Grant every group its permissions on the given section pages (default: all of them)."""
    if not Group.objects.filter(name__in=SECTION_PERMISSIONS).exists():
        create_groups(global_apps)
    permissions = {}
    for group_name, sections in SECTION_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for section, actions in sections.items():
            model = SECTION_MODELS[section]
            targets = [p for p in pages if isinstance(p, model)] if pages else model.objects.all()
            for page in targets:
                for action in actions:
                    if action not in permissions:
                        permissions[action] = page_permission(action)
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=permissions[action]
                    )
    workflow = Workflow.objects.filter(name=RECAP_WORKFLOW, active=True).first()
    if workflow:
        news_pages = [p for p in pages if isinstance(p, NewsIndexPage)] if pages else None
        for news in news_pages if news_pages is not None else NewsIndexPage.objects.all():
            WorkflowPage.objects.get_or_create(
                page=Page(pk=news.pk), defaults={"workflow": workflow}
            )
