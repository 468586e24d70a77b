"""A highlighted snippet of a search result around the first matched word.

The text comes from fields already loaded (a StreamField's raw JSON, not its blocks, read by
`text.plain_text`), so showing a page of results costs no query per result."""

import re

from django.utils.html import escape, format_html, format_html_join

# Re-exported: the hostile-content tests time these patterns through this module.
from text.plain_text import MARKDOWN_LINK, MARKDOWN_MARKS, SKIP_KEYS, plain, stream_text

__all__ = [
    "MARKDOWN_LINK",
    "MARKDOWN_MARKS",
    "SKIP_KEYS",
    "highlight",
    "plain",
    "query_pattern",
    "snippet",
    "stream_text",
]

SNIPPET_LENGTH = 220
# The suffixes PostgreSQL's English stemmer folds, so "talks" also marks "talk".
SUFFIXES = ("ing", "es", "ed", "s")


def query_pattern(query):
    """A regex that finds the query's words at word starts, with their common endings."""
    roots = set()
    for word in re.findall(r"\w+", query.lower()):
        if len(word) < 2:
            continue
        for suffix in SUFFIXES:
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        roots.add(re.escape(word))
    if not roots:
        return None
    alternatives = "|".join(sorted(roots, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, pattern):
    """`text` escaped, with every match of `pattern` in <mark>."""
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return format_html_join("", "{}", ((part,) for part in parts))


def snippet(text, pattern, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first match, cut at word boundaries,
    escaped and highlighted."""
    text = plain(text)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end]
    marked = highlight(piece, pattern)
    return format_html("{}{}{}", "… " if start else "", marked, " …" if end < len(text) else "")
