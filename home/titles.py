"""Titles are one line of text: every page type's title, and schedule items', normalized on save.

A line break or control character in a title has no use on the page, and breaks what carries the
title in one line: HTTP headers, iCalendar properties, feed and JSON-LD consumers. One
`pre_save` receiver covers every model (pages, their revisions, schedule items) and every way a
title arrives (the admin, an import, a script).
"""

import re
import unicodedata

from django.db.models.signals import pre_save
from wagtail.models import Page

# Control characters (tab, CR, LF, NUL, DEL, C1) and the Unicode line and paragraph separators.
BREAKING_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})
SPACES = re.compile(r" {2,}")
TITLE_FIELDS = ("title", "draft_title", "seo_title")
# Besides every page type: models whose title the exports and pages show on one line.
OTHER_TITLED_MODELS = frozenset({"wagtailcore.Revision", "program.ScheduleItem"})


def normalize_title(text):
    """One line: breaks and control characters become a space, runs of spaces one space."""
    if not isinstance(text, str):
        return text
    spaced = "".join(
        " " if unicodedata.category(char) in BREAKING_CATEGORIES else char for char in text
    )
    return SPACES.sub(" ", spaced).strip()


def normalize_titles(sender, instance, **kwargs):
    if not (isinstance(instance, Page) or sender._meta.label in OTHER_TITLED_MODELS):
        return
    for name in TITLE_FIELDS:
        value = getattr(instance, name, None)
        if isinstance(value, str):
            setattr(instance, name, normalize_title(value))
    # A revision keeps the page's fields as JSON: previews and later publishing read them.
    content = getattr(instance, "content", None)
    if sender._meta.label == "wagtailcore.Revision" and isinstance(content, dict):
        for name in TITLE_FIELDS:
            if isinstance(content.get(name), str):
                content[name] = normalize_title(content[name])


def connect_signals():
    pre_save.connect(normalize_titles, dispatch_uid="home.titles.normalize_titles")
