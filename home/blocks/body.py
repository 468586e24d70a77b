"""The body of every page type, and its plan: page-wide unique heading anchors, and whether
the body brings its own table of contents and back-to-top links."""

import math
import re
from dataclasses import dataclass

from django.utils.html import format_html, strip_tags
from wagtail import blocks

from text.markdown import PAGE_ANCHORS, Heading, Slugger, github_slug, markdown_headings

from .edition import ConductContactBlock, ContactsBlock, VenueDetailsBlock
from .links import CallToActionBlock
from .media import GalleryBlock, ImageFigureBlock, VideoBlock
from .talks import TalkReferenceBlock
from .text import (
    RICH_TEXT_FEATURES,
    VARIABLES_HELP,
    CodeBlock,
    DataTableBlock,
    HeadingBlock,
    MarkdownBlock,
    QuoteBlock,
    RichTextBlock,
)

WORDS_PER_MINUTE = 230


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="components/blocks/paragraph_block.html",
        description="Formatted text with links and lists.",
        preview_value="<p>Tickets are on sale now. See you at the venue!</p>",
        help_text=VARIABLES_HELP,
    )
    markdown = MarkdownBlock(
        icon="doc-full",
        template="components/blocks/markdown_block.html",
        description="Markdown text, e.g. a post imported from the old site.",
        preview_value="## Monday morning talks\n\nThe [schedule](/schedule/) is out.",
        help_text="Markdown with tables, fenced code and footnotes. " + VARIABLES_HELP,
    )
    image = ImageFigureBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    talk = TalkReferenceBlock()
    table = DataTableBlock()
    code = CodeBlock()


class StandardPageStreamBlock(BodyStreamBlock):
    """A standard page's body: also the blocks that show the edition's venue and contacts
    (the venue, code of conduct and practical information pages)."""

    venue_details = VenueDetailsBlock()
    conduct_contact = ConductContactBlock()
    contacts = ContactsBlock()


@dataclass
class BodyPlan:
    """Each block with the extra context it renders with, and the headings in page order;
    whether the body brings its own table of contents and back-to-top links (imported posts
    often do), so that the page does not add a second set."""

    blocks: list
    headings: list
    own_contents: bool = False
    own_back_to_top: bool = False


OWN_CONTENTS_HEADING = re.compile(r"^\s*(table of )?contents\s*$", re.IGNORECASE)
# A link whose words are "back to top" (emphasis around them) to an anchor of the page. Runs
# over every body on every uncached render: bounded, possessive repeats keep it linear (an
# unbounded `[\W_]*` re-read a run of `[!` from each `[`, quadratic).
OWN_BACK_TO_TOP = re.compile(
    r"\[[\W_]{0,20}+back to top[\W_]{0,20}\]\(#"
    r"|href=\"#[^\"]{0,200}+\"[^>]{0,500}+>[\W_]{0,20}+back to top",
    re.IGNORECASE,
)


def plan_body(body):
    """Anchors for every heading of a body, unique on the page and the same on every render.

    Heading blocks and the headings inside markdown blocks share one GitHub-style slugger, in
    the order they appear, so a second "Monday" becomes `monday-1` wherever it is.
    """
    slugger, items, headings = Slugger(PAGE_ANCHORS), [], []
    own_back_to_top = False
    for child in body or []:
        extra = {}
        if child.block_type == "heading":
            text = child.value.get("text", "")
            explicit = github_slug(child.value.get("anchor") or "")
            anchor = slugger.slug(text, explicit=explicit)
            headings.append(Heading(int(child.value.get("level", "h2")[1]), text, anchor))
            extra["block_anchor"] = anchor
        elif child.block_type == "markdown":
            reserved = frozenset(slugger.used)
            found = markdown_headings(child.value, reserved)
            slugger.used.update(heading.anchor for heading in found)
            headings.extend(found)
            extra["reserved_anchors"] = reserved
            own_back_to_top = own_back_to_top or bool(OWN_BACK_TO_TOP.search(child.value or ""))
        elif child.block_type == "paragraph":
            source = child.value.source if child.value else ""
            own_back_to_top = own_back_to_top or bool(OWN_BACK_TO_TOP.search(source))
        items.append((child, extra))
    own_contents = any(
        heading.level >= 2 and OWN_CONTENTS_HEADING.match(heading.text) for heading in headings
    )
    return BodyPlan(items, headings, own_contents, own_back_to_top)


def body_words(body):
    """Words a reader reads in a body (text blocks only), for the reading time."""
    count = 0
    for child in body or []:
        if child.block_type == "paragraph":
            count += len(strip_tags(child.value.source).split())
        elif child.block_type == "markdown":
            count += len(re.sub(r"[#*_`>\[\]()|-]", " ", child.value or "").split())
        elif child.block_type in {"heading", "quote", "code"}:
            text = child.value.get("text") or child.value.get("quote") or child.value.get("code")
            count += len((text or "").split())
    return count


def reading_minutes(body):
    return max(1, math.ceil(body_words(body) / WORDS_PER_MINUTE))


def back_to_top_link(target="top"):
    return format_html('<p class="back-to-top"><a href="#{}">Back to top</a></p>', target)
