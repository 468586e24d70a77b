"""Tell editors about `{{ site.X }}` names no edition setting answers (they stay as written)."""

import json

from django.contrib import messages
from django.http import Http404
from wagtail import hooks
from wagtail.fields import StreamField

from .edition import SITE_VARIABLE_FIELDS, unknown_site_variables
from .visibility import is_expired


def page_text(page):
    """Every text and StreamField value of a page, as one string to scan."""
    parts = []
    for field in page._meta.concrete_fields:
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            parts.append(json.dumps(field.get_prep_value(value)))
        elif isinstance(value, str):
            parts.append(value)
    return "\n".join(parts)


def unknown_variable_message(page):
    names = unknown_site_variables(page_text(page.specific))
    if not names:
        return ""
    written = ", ".join("{{ site.%s }}" % name for name in names)  # noqa: UP031
    known = ", ".join(sorted(SITE_VARIABLE_FIELDS))
    return (
        f"Unknown site variable{'s' if len(names) > 1 else ''} {written}: shown to visitors "
        f"exactly as written. Known names: {known}."
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_unknown_site_variables(request, page):
    message = unknown_variable_message(page)
    if message:
        messages.warning(request, message)


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry time answers 404 at once, not only after the scheduler's next
    run unpublishes it (up to a minute later)."""
    if is_expired(page):
        raise Http404("This page has expired.")
