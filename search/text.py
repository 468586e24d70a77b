"""Plain text of a search result and a highlighted snippet around the first matched word.

The text comes from fields already loaded (a StreamField's raw JSON, not its blocks), so
showing a page of results costs no query per result."""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 220
# Keys of block values that hold no prose.
SKIP_KEYS = {"type", "id", "level", "anchor", "language", "url", "page", "image", "talk"}
# Classes that stop at the next `[`: from each of a run of unclosed `[` the former
# `[^\]]*` read to the end of the text (quadratic).
MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*+)\]\([^)\[]*+\)")
MARKDOWN_MARKS = re.compile(r"(^|\s)[#>*+-]+\s|[*`]+|\[\^?\w*\]:?")
# The suffixes PostgreSQL's English stemmer folds, so "talks" also marks "talk".
SUFFIXES = ("ing", "es", "ed", "s")


def _strings(value, key=None):
    if key in SKIP_KEYS:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, name)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def stream_text(stream_value):
    """The prose of a StreamField value, read from its raw JSON (no image or page lookups)."""
    if not stream_value:
        return ""
    raw = getattr(stream_value, "raw_data", stream_value)
    parts = []
    for block in raw:
        for text in _strings(block.get("value") if isinstance(block, dict) else block):
            text = MARKDOWN_LINK.sub(r"\1", text)
            text = MARKDOWN_MARKS.sub(" ", strip_tags(text))
            parts.append(unescape(text))
    return " ".join(parts)


def plain(*texts):
    return " ".join(" ".join(str(text or "").split()) for text in texts if text).strip()


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
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


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
    return mark_safe(("… " if start else "") + marked + (" …" if end < len(text) else ""))
