"""Markdown to safe HTML: python-markdown, then nh3, then `{{ site.X }}` substitution.

Headings get GitHub-style ids so links such as `#monday-morning-talks` written for GitHub,
Jekyll or Eleventy keep working once the content lives here. HTML comments (unpublished notes
in imported posts) are removed before rendering and can never survive nh3.
"""

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote

import markdown
import nh3
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from markdown.treeprocessors import Treeprocessor

from . import site_variables as site_variables_module
from .site_variables import substitute

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
BLANK_TARGET = re.compile(r'\btarget="_blank"')
# A tag name after `<` whose `>` never comes before the next `<`: python-markdown's HTML
# parser looks ahead to the end of the text for each one (quadratic).
TAG_START = re.compile(r"<[A-Za-z/!?][^<>]*+(>?)")
NESTING_MARKS = re.compile(r"\\.|[\[\]()]")  # an escaped mark is text
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SAFE_ID = re.compile(r"^[\w\-:.]+$")
SAFE_CLASS = re.compile(
    r"^(footnote|footnote-ref|footnote-backref|image-missing|language-[\w+#-]+)$"
)
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# What may reach python-markdown: it is quadratic in the `[` and `(` left open in a paragraph,
# in the depth of quotes and in the tags left open; within these bounds a page renders in
# about the time of an ordinary page of its size (`make bench` measures it).
MAX_MARKDOWN_CHARS = 100_000
MAX_NESTING = 4
MAX_OPEN_TAGS = 32

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target", "class", "id"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "code": {"class"},
    "div": {"class"},
    "span": {"class"},
    "sup": {"id", "class"},
    "li": {"id"},
    "ol": {"start"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "abbr": {"title"},
    **{tag: {"id"} for tag in HEADING_TAGS},
}


def github_slug(text: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped (not - or _), spaces to -."""
    text = unicodedata.normalize("NFC", unescape(text or "")).strip().lower()
    kept = "".join(char for char in text if char in "-_ " or unicodedata.category(char)[0] in "LNM")
    return kept.replace(" ", "-")


# Ids the site's templates give elements of their own (the skip link's target, the post's
# article, the search box, the table of contents' title): a body heading never takes one.
PAGE_ANCHORS = frozenset({"main", "top", "site-search-q", "contents-title"})


class Slugger:
    """Unique anchors for one page, GitHub-style: the second `intro` is `intro-1`."""

    def __init__(self, used=()):
        self.used = set(used)

    def slug(self, text, explicit=""):
        base = explicit or github_slug(text) or "section"
        slug, number = base, 0
        while slug in self.used:
            number += 1
            slug = f"{base}-{number}"
        self.used.add(slug)
        return slug


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


def strip_comments(text):
    """Remove `<!-- ... -->` outside fenced code (inside a fence it is code, shown as text)."""
    lines, kept, fence, chunk = text.split("\n"), [], None, []
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            kept.append(COMMENT.sub("", "\n".join(chunk)))
            chunk, fence = [line], match.group(1)
        elif fence is not None:
            chunk.append(line)
            closing = line.strip()
            if closing.startswith(fence) and not closing.strip(fence[0]):
                kept.append("\n".join(chunk))
                chunk, fence = [], None
        else:
            chunk.append(line)
    if chunk:
        kept.append(COMMENT.sub("", "\n".join(chunk)) if fence is None else "\n".join(chunk))
    return "\n".join(part for part in kept)


def pelican_footnotes(text):
    """Pelican's inline `[ref]note[/ref]` footnotes become markdown footnotes."""
    notes, parts, position = [], [], 0
    # A scan rather than `\\[ref\\](.+?)\\[/ref\\]`: that regex reads to the end of the
    # text from every `[ref]` left unclosed.
    while (start := text.find("[ref]", position)) >= 0:
        end = text.find("[/ref]", start + 6)
        if end < 0:
            break
        notes.append(text[start + 5 : end].strip())
        parts += [text[position:start], f"[^ref-{len(notes)}]"]
        position = end + 6
    text = "".join(parts) + text[position:]
    if notes:
        text += "\n\n" + "\n".join(f"[^ref-{n}]: {note}" for n, note in enumerate(notes, 1))
    return text


LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|1[.)])[ \t]+\S")


def lists_interrupt_paragraphs(text):
    """A blank line before a list that directly follows a line of text.

    Jekyll (kramdown) and Eleventy (markdown-it) start a list right under a line of text;
    python-markdown would read it as part of the paragraph.
    """
    lines, fence, previous = [], None, ""
    for line in text.split("\n"):
        match = FENCE.match(line)
        if match and (fence is None or line.strip().startswith(fence)):
            fence = None if fence else match.group(1)
        elif (
            fence is None
            and LIST_ITEM.match(line)
            and previous.strip()
            and not previous[0].isspace()
            and not LIST_ITEM.match(previous)
        ):
            lines.append("")
        lines.append(line)
        previous = line
    return "\n".join(lines)


def markdown_problem(text: str) -> tuple[int | None, str] | None:
    """Why `text` may not reach python-markdown, as (line, message), or None.

    Counted outside fenced code (code is never parsed as markup): the characters, the `[` and
    `(` left open in one paragraph, the depth of `>` quotes and the HTML tags left open."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return None, (
            f"is {len(text):,} characters long; at most {MAX_MARKDOWN_CHARS:,}: "
            "split it into several blocks"
        )
    fence, brackets, parentheses, markup = None, 0, 0, []
    for number, line in enumerate(text.split("\n"), 1):
        match = FENCE.match(line)
        markup.append("" if fence is not None or match else line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            closing = line.strip()
            if closing.startswith(fence) and not closing.strip(fence[0]):
                fence = None
            continue
        if not line.strip():
            brackets = parentheses = 0
            continue
        quoted = line.lstrip(" >")
        depth = line[: len(line) - len(quoted)].count(">")
        if depth > MAX_NESTING:
            return number, f"quotes (>) are nested {depth} deep; at most {MAX_NESTING}"
        for mark in NESTING_MARKS.finditer(line):
            char = mark.group()
            if char[0] == "\\":
                continue
            if char == "[":
                brackets += 1
            elif char == "]":
                brackets = max(0, brackets - 1)
            elif char == "(":
                parentheses += 1
            else:
                parentheses = max(0, parentheses - 1)
            if brackets > MAX_NESTING or parentheses > MAX_NESTING:
                sign = "[" if brackets > MAX_NESTING else "("
                return number, (
                    f"more than {MAX_NESTING} “{sign}” left open in one paragraph: close "
                    f"them, or write \\{sign} for a literal {sign}"
                )
    # Over the whole text: a tag may span lines.
    markup, open_tags = "\n".join(markup), 0
    for tag in TAG_START.finditer(markup):
        open_tags += not tag.group(1)
        if open_tags > MAX_OPEN_TAGS:
            return markup.count("\n", 0, tag.start()) + 1, (
                f"more than {MAX_OPEN_TAGS} “<” that start an HTML tag and are never "
                "closed with “>”: write &lt; for a literal <"
            )
    return None


def validate_markdown(value: str) -> None:
    """A validator for markdown text (blocks and model fields): refuses what
    `markdown_problem` refuses, saying where."""
    problem = markdown_problem(value or "")
    if problem:
        line, message = problem
        raise ValidationError(f"Line {line}: {message}." if line else f"The text {message}.")


def plain_paragraphs(text):
    """Markdown over the bounds, shown as escaped text (it can only come from outside the
    editor and the importer, which refuse it)."""
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    return "".join(
        "<p>" + escape(part.strip()).replace("\n", "<br>") + "</p>" for part in paragraphs
    )


def _element_text(element, md):
    text = "".join(element.itertext())
    # Inline raw HTML and code are stashed as placeholders until serialization.
    for index, raw in enumerate(md.htmlStash.rawHtmlBlocks):
        placeholder = md.htmlStash.get_placeholder(index)
        if placeholder in text:
            text = text.replace(placeholder, re.sub(r"<[^<>]++>", "", str(raw)))
    return " ".join(text.split())


def _is_external_or_absolute(src):
    src = src.strip().lower()
    return src.startswith(("http://", "https://", "/")) and not src.startswith("//")


class AnchorsAndImages(Treeprocessor):
    """GitHub-style heading ids, and a visible placeholder for images we cannot serve."""

    def __init__(self, md, slugger, headings):
        super().__init__(md)
        self.slugger, self.headings = slugger, headings

    def run(self, root):
        for element in root.iter():
            if element.tag in HEADING_TAGS:
                text = _element_text(element, self.md)
                anchor = self.slugger.slug(text)
                element.set("id", anchor)
                self.headings.append(Heading(int(element.tag[1]), text, anchor))
            elif element.tag == "img":
                src = element.get("src", "")
                if _is_external_or_absolute(src):
                    element.set("loading", "lazy")
                    element.set("decoding", "async")
                    continue
                # A relative file from an imported post that was never uploaded.
                name = unquote(src.rsplit("/", 1)[-1]) or "image"
                label = element.get("alt") or name
                element.tag = "span"
                element.attrib.clear()
                element.set("class", "image-missing")
                element.text = f"Image not available: {label}"


def _attribute_filter(tag, attribute, value):
    if attribute == "id":
        return value if SAFE_ID.match(value) else None
    if attribute == "class":
        classes = [name for name in value.split() if SAFE_CLASS.match(name)]
        return " ".join(classes) or None
    if attribute == "target":
        return "_blank" if value == "_blank" else None
    if tag == "img" and attribute == "src" and not _is_external_or_absolute(value):
        return None
    return value


def sanitize(html: str, tags: set[str] | None = None, attributes: dict | None = None) -> str:
    """nh3 with the markdown allow-list; comments are always dropped."""
    cleaned = nh3.clean(
        html,
        tags=tags or ALLOWED_TAGS,
        attributes=attributes or ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
    )
    return COMMENT.sub("", noopener(cleaned))


def noopener(html):
    """`rel="noopener noreferrer"` on every `target="_blank"` link. A scan from `<a ` to its
    `>`: a regex that looks for the target inside each tag re-reads the text for every `<a `
    with no `>` after it."""
    parts, position = [], 0
    while (start := html.find("<a ", position)) >= 0:
        end = html.find(">", start)
        if end < 0:
            break
        tag = html[start:end]
        if BLANK_TARGET.search(tag):
            tag += ' rel="noopener noreferrer"'
        parts += [html[position:start], tag, ">"]
        position = end + 1
    return "".join(parts) + html[position:]


@lru_cache(maxsize=256)
def _render(text, reserved):
    slugger, headings = Slugger(reserved), []
    md = markdown.Markdown(
        extensions=["fenced_code", "tables", "footnotes", "sane_lists"],
        extension_configs={"footnotes": {"BACKLINK_TEXT": "↩"}},
        output_format="html",
    )
    md.treeprocessors.register(AnchorsAndImages(md, slugger, headings), "anchors", 4)
    source = strip_comments(text.replace("\r\n", "\n"))
    if markdown_problem(source):
        return sanitize(plain_paragraphs(source)), ()
    html = md.convert(pelican_footnotes(lists_interrupt_paragraphs(source)))
    return sanitize(html), tuple(headings)


def _renderer_version():
    """Changes whenever the rendering code or its libraries do, so a deploy never serves HTML
    cached by an older renderer."""
    digest = hashlib.sha256()
    for module in (__file__, site_variables_module.__file__):
        digest.update(Path(module).read_bytes())
    for package in ("markdown", "nh3"):
        digest.update(package.encode() + _version(package).encode())
    return digest.hexdigest()[:16]


def _version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # pragma: no cover
        return ""


RENDERER_VERSION = _renderer_version()
RENDERED_TIMEOUT = 60 * 60 * 24 * 7
# The cache alias site_config defines for fragments and rendered markdown (shared by every
# process when it is Redis; a dummy cache in tests).
RENDERED_CACHE = "fragments"


def _rendered_key(text, variables, reserved):
    """The cache key of one rendering: a hash of the source, the variables and the anchors
    already taken, so a new revision or a changed setting is a new key (nothing to clear)."""
    material = json.dumps(
        [
            RENDERER_VERSION,
            text,
            sorted((str(name), str(value)) for name, value in (variables or {}).items()),
            sorted(reserved),
        ],
        ensure_ascii=False,
    )
    return "markdown:" + hashlib.sha256(material.encode()).hexdigest()


def render_markdown(
    text: str, variables: Mapping[str, object] | None = None, reserved: Iterable[str] = frozenset()
) -> str:
    """Safe HTML for `text`, with site variables resolved; `reserved` anchors are taken.

    Rendered once per revision and edition settings: the HTML is kept in the `fragments`
    cache (shared by every process when it is Redis) under a hash of everything it depends on.
    """
    text, reserved = text or "", frozenset(reserved)
    if not text:
        return substitute("", {})
    cache, key = caches[RENDERED_CACHE], _rendered_key(text, variables, reserved)
    html = cache.get(key)
    if html is None:
        rendered, _ = _render(text, reserved)
        html = str(substitute(rendered, variables or {}))
        cache.set(key, html, RENDERED_TIMEOUT)
    # Only ever HTML this function sanitized and stored itself.
    return mark_safe(html)  # noqa: S308


@lru_cache(maxsize=256)
def searchable_text(text: str) -> str:
    """The words of `text` for the search index. Kept per process: the index asks a body for
    its words once for each column it fills (five per page)."""
    return strip_tags(render_markdown(text))


def markdown_headings(text: str, reserved: Iterable[str] = frozenset()) -> tuple[Heading, ...]:
    """The headings of `text` with the anchors `render_markdown` gives them."""
    return _render(text or "", frozenset(reserved))[1]
