"""The prose of a page as one plain line: a StreamField's strings read from its raw JSON (no
image or page lookups) with markdown marks and tags removed. Page types build their search
summary with these (home.structured_data), and the site search cuts snippets from it."""

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from django.utils.html import strip_tags

# Keys of block values that hold no prose.
SKIP_KEYS = {"type", "id", "level", "anchor", "language", "url", "page", "image", "talk"}
# Classes that stop at the next `[`: from each of a run of unclosed `[` the former
# `[^\]]*` read to the end of the text (quadratic).
MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*+)\]\([^)\[]*+\)")
MARKDOWN_MARKS = re.compile(r"(^|\s)[#>*+-]+\s|[*`]+|\[\^?\w*\]:?")


def _strings(value: Any, key: str | None = None) -> Iterator[str]:
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


def stream_text(stream_value: Any) -> str:
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


def plain(*texts: Any) -> str:
    """The non-empty texts on one line, each with its runs of whitespace made one space."""
    return " ".join(" ".join(str(text or "").split()) for text in texts if text).strip()
