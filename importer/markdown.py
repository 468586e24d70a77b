"""Turn imported markdown into the site's body blocks (headings, prose, images)."""

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(```|~~~)")
# These run over imported text: each is linear (possessive repeats, classes that stop at the
# next place a match could start, or a scan in code), where the former patterns re-read the
# rest of a line or of the file from every start.
ATX_HEADING = re.compile(r"^(#{1,6})\s++(\S.*+)$")
SETEXT_UNDERLINE = re.compile(r"^(=+|-+)\s*$")
IMAGE_LINE = re.compile(
    r"^\s*!\[(?P<alt>[^\]]*)\]\((?P<ref>[^)\s]+)(?:\s+\"(?P<title>[^\"]*)\")?\)\s*$"
)
CREDIT_START = re.compile(r"\((?:photo\s++)?credit:", re.IGNORECASE)
CREDIT_REST = re.compile(r"\s*+(?P<credit>.+)\)\s*")
RAW_TAG = re.compile(r"{%-?\s*(?:end)?raw\s*-?%}")
EXCERPT_MARKER = re.compile(r"<!--\s*excerpt\s*-->", re.IGNORECASE)
POST_URL = re.compile(r"{%\s*post_url\s+(?P<name>[\w./-]+)\s*%}")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:", re.MULTILINE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MARKDOWN_SYNTAX = re.compile(r"[*_`>#]|!\[[^\[\]]*+\]\([^)\[]*+\)|\[([^\[\]]*+)\]\([^)\[]*+\)")


@dataclass
class Block:
    """One body block, independent of the StreamField's storage format."""

    type: str  # "heading", "markdown" or "image"
    text: str = ""
    level: int = 2
    ref: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""
    extra: dict = field(default_factory=dict)


def unwrap_raw(text):
    """`{% raw %}` only protected Liquid syntax from Jekyll; the site never runs templates."""
    return RAW_TAG.sub("", text)


def split_excerpt(text):
    """Return (excerpt, body without the marker); the excerpt is plain text."""
    parts = EXCERPT_MARKER.split(text, maxsplit=1)
    if len(parts) == 1:
        return "", text
    excerpt = plain_text(parts[0])
    return excerpt, parts[0].rstrip() + "\n\n" + parts[1].lstrip()


def strip_html_comments(text):
    """`<!-- ... -->` removed; an unclosed one is kept. No match can start after the last
    `-->`, so the pattern only runs before it (from an unclosed `<!--` it reads to the end)."""
    end = text.rfind("-->") + 3
    return HTML_COMMENT.sub("", text[:end]) + text[end:] if end > 2 else text


def heading_text(text):
    """An ATX heading's text without its closing `#`s (`## Title ##`)."""
    return text.rstrip().rstrip("#").rstrip() or text[0]


def split_credit(caption):
    """("Caption", "Jane") from "Caption (photo credit: Jane)"."""
    start = CREDIT_START.search(caption)
    rest = CREDIT_REST.fullmatch(caption, start.end()) if start else None
    if not rest:
        return caption, ""
    return caption[: start.start()].strip(), rest.group("credit").strip()


def plain_text(markdown_text, limit=400):
    text = strip_html_comments(markdown_text)
    text = MARKDOWN_SYNTAX.sub(lambda m: m.group(1) or "", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def post_url_names(text):
    return [match.group("name") for match in POST_URL.finditer(text)]


def replace_post_urls(text, url_for_name):
    """`{% post_url 2023-04-20-slug %}` becomes the imported post's URL."""
    return POST_URL.sub(lambda m: url_for_name(m.group("name")), text)


def split_blocks(text, headings=True):
    """Headings become heading blocks, images on a line of their own image blocks (the line
    just before an image is its caption), and the prose between them markdown blocks.
    Fenced code is left whole, so a `#` inside it is never taken for a heading."""
    lines = text.split("\n")
    blocks, prose = [], []
    in_fence = False
    in_comment = False

    def flush():
        chunk = "\n".join(prose).strip("\n")
        if chunk.strip():
            blocks.append(Block("markdown", text=chunk))
        prose.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        if FENCE.match(line.lstrip()):
            in_fence = not in_fence
        if not in_fence and not in_comment and "<!--" in line and "-->" not in line:
            in_comment = True
        elif in_comment and "-->" in line:
            in_comment = False
            prose.append(line)
            index += 1
            continue
        if in_fence or in_comment:
            prose.append(line)
            index += 1
            continue

        heading = ATX_HEADING.match(line) if headings else None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if heading:
            flush()
            text, level = heading_text(heading.group(2)), len(heading.group(1))
            blocks.append(Block("heading", text=text, level=level))
            index += 1
            continue
        if (
            headings
            and line.strip()
            and SETEXT_UNDERLINE.match(next_line)
            and not (prose and prose[-1].strip())
            and not line.lstrip().startswith(("-", "*", ">", "|"))
        ):
            flush()
            level = 1 if next_line.startswith("=") else 2
            blocks.append(Block("heading", text=line.strip(), level=level))
            index += 2
            continue
        image = IMAGE_LINE.match(line)
        if image:
            caption = ""
            if prose and prose[-1].strip() and not prose[-1].lstrip().startswith(("#", "-", "*")):
                caption = prose.pop().strip()
            flush()
            caption, credit = split_credit(caption)
            blocks.append(
                Block(
                    "image",
                    ref=image.group("ref"),
                    alt=image.group("alt") or image.group("title") or "",
                    caption=caption,
                    credit=credit,
                )
            )
            index += 1
            continue
        prose.append(line)
        index += 1
    flush()
    return blocks


def body_blocks(title, text):
    """The blocks of a page body: a leading `# Title` that repeats the page title is dropped
    (the template shows the title), other headings fit the site's levels 2 to 4."""
    # Footnotes only resolve within one markdown block, so a body that has them keeps its
    # headings in the markdown (the table of contents reads them there too).
    blocks = split_blocks(text, headings=not FOOTNOTE_DEFINITION.search(text))
    first = blocks[0] if blocks else None
    if first and first.type == "heading" and first.level == 1 and same_words(first.text, title):
        blocks = blocks[1:]
    for block in blocks:
        if block.type == "heading":
            block.level = min(max(block.level, 2), 4)
    return blocks


def same_words(first, second):
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()
