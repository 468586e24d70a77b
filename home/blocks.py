"""StreamField blocks shared by every page type's body.

Text blocks (rich text, markdown) are sanitized with nh3 when they render, whatever way the
content arrived (the editor, an import, a script), and `{{ site.X }}` variables are resolved
afterwards from the edition's settings. Nothing from content is ever run as a template.
"""

import math
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, strip_tags
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtailmarkdown.blocks import MarkdownBlock as BaseMarkdownBlock

from .markdown import (
    PAGE_ANCHORS,
    Heading,
    Slugger,
    github_slug,
    markdown_headings,
    markdown_problem,
    render_markdown,
    sanitize,
    searchable_text,
)
from .site_variables import (
    SITE_VARIABLE,
    edition_settings,
    substitute,
    substitute_url,
    validate_link,
    variables_from_context,
)
from .video import youtube_id

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "hr"]
WORDS_PER_MINUTE = 230
VARIABLES_HELP = (
    "Site variables such as {{ site.ticket_link }} or {{ site.contact_us_email }} are "
    "replaced with this edition's settings."
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")], default="h2"
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="The #link target. Leave empty to make one from the heading's text.",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        description = "A section heading that appears in the table of contents."
        preview_value = {"text": "Monday morning talks", "level": "h2"}

    def clean(self, value):
        value = super().clean(value)
        # Filled in once, so later edits of the text do not break links people shared.
        value["anchor"] = github_slug(value.get("anchor") or value.get("text", ""))
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = (parent_context or {}).get("block_anchor") or Slugger(
            PAGE_ANCHORS
        ).slug(value.get("text", ""), explicit=github_slug(value.get("anchor") or ""))
        # The level becomes a tag name: never trust stored data with it.
        level = value.get("level")
        context["tag"] = level if level in {"h2", "h3", "h4"} else "h2"
        return context


class RichTextBlock(blocks.RichTextBlock):
    """Draftail text, sanitized on output too: imported or scripted content skips the editor."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        html = sanitize(expand_db_html(value.source if value else ""))
        context["html"] = substitute(html, variables_from_context(parent_context))
        return context


class MarkdownBlock(BaseMarkdownBlock):
    """wagtail-markdown's editor; rendering goes through home.markdown (nh3, GitHub anchors)."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        context["html"] = render_markdown(
            value,
            variables_from_context(parent_context),
            reserved=parent_context.get("reserved_anchors", PAGE_ANCHORS),
        )
        return context

    def clean(self, value):
        value = super().clean(value)
        # python-markdown slows down quadratically on some text; refuse it while it is typed.
        problem = markdown_problem(value or "")
        if problem:
            line, message = problem
            raise ValidationError(f"Line {line}: {message}." if line else f"The text {message}.")
        return value

    def get_searchable_content(self, value):
        return [searchable_text(value)]


class ImageChooser(ImageChooserBlock):
    """Fetches every image of a body, and their renditions, in two queries."""

    def bulk_to_python(self, values):
        values = list(values)
        ids = [value for value in values if value is not None]
        objects = get_image_model().objects.prefetch_renditions().in_bulk(ids) if ids else {}
        return [objects.get(value) for value in values]


class ImageFigureBlock(blocks.StructBlock):
    image = ImageChooser()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="What the image shows, for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False, help_text="Tick only if the image adds nothing to the text."
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=255, help_text="e.g. Photo: Jane Doe")

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        description = "A photo or illustration with alt text, a caption and a credit."
        preview_value = {"caption": "The opening keynote", "credit": "Photo: the volunteers"}
        form_classname = "image-figure-block struct-block"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("decorative") and not value.get("alt_text"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe the image, or tick “decorative” if it adds nothing."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = "" if value.get("decorative") else value.get("alt_text", "")
        return context


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255)
    images = blocks.ListBlock(ImageFigureBlock(), min_num=1)

    class Meta:
        icon = "copy"
        template = "components/blocks/gallery_block.html"
        description = "A grid of photos, each with its own caption and credit."
        preview_value = {"title": "The hallway track", "images": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["items"] = [
            (item, "" if item.get("decorative") else item.get("alt_text", ""))
            for item in value.get("images", [])
            if item.get("image")
        ]
        return context


def validate_video(value):
    youtube_id(value)


class VideoBlock(blocks.StructBlock):
    url = blocks.CharBlock(
        max_length=255,
        validators=[validate_video],
        help_text="A youtu.be or youtube.com link, or the video ID.",
    )
    title = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "media"
        template = "components/blocks/video_block.html"
        description = "A YouTube video that loads only when the visitor presses play."
        preview_value = {"url": "https://youtu.be/UTKcPBKCQEc", "title": "A conference talk"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        description = "A quotation with the name of the person who said it."
        preview_value = {
            "quote": "The hallway track was the best part of my week.",
            "attribution": "A first-time attendee",
        }


def validate_link_target(value):
    resolved = SITE_VARIABLE.sub("https://example.org/", value or "").strip()
    validate_link(resolved)


class LinkTargetBlock(blocks.StructBlock):
    """A label and where it leads: a page of the site, or an address checked when saved (no
    script URLs) whose site variables are resolved when the page renders. The template gets
    the resolved address as `href`."""

    label = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=500,
        validators=[validate_link_target],
        help_text="Used when no page is chosen. " + VARIABLES_HELP,
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter an address.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        if page:
            request = (parent_context or {}).get("request")
            context["href"] = page.get_url(request)
        else:
            context["href"] = substitute_url(
                value.get("url"), variables_from_context(parent_context)
            )
        return context


class CallToActionBlock(LinkTargetBlock):
    style = blocks.ChoiceBlock(
        choices=[("primary", "Primary"), ("secondary", "Secondary")], default="primary"
    )

    class Meta:
        icon = "pick"
        template = "components/blocks/cta_block.html"
        description = "A prominent button, e.g. to buy a ticket or submit a talk."
        preview_value = {"label": "Buy a ticket", "url": "https://example.org/tickets/"}


class TalkChooserBlock(blocks.PageChooserBlock):
    """A chooser limited to talks, named by string: home never imports the program app."""

    @cached_property
    def target_models(self):
        from wagtail.utils.registry import resolve_model_string

        try:
            return [resolve_model_string(name) for name in self.page_type]
        except (LookupError, ValueError):
            # Only while the program app has no TalkPage yet (fresh checkouts, migrations).
            return [Page]

    def deconstruct(self):
        # Keep the model as a string so migrations never need the program app's models.
        return blocks.Block.deconstruct(self)


def _presenters_of(talk):
    """The talk's presenters as {"name", "page"}, through the talk's own relation (home never
    imports the program app): `presenter_links()` or a `talk_presenters` through model."""
    people = []
    if callable(getattr(talk, "presenter_links", None)):
        people = list(talk.presenter_links())
    elif hasattr(talk, "talk_presenters"):
        people = [link.presenter for link in talk.talk_presenters.select_related("presenter")]
    result = []
    for person in people:
        name = getattr(person, "name", "") or getattr(person, "title", "") or str(person)
        result.append({"name": name, "page": person if isinstance(person, Page) else None})
    return result


def _talk_time(talk, attributes):
    for attribute in attributes:
        value = getattr(talk, attribute, None)
        if value:
            return value
    return None


def hidden_from_visitors(page):
    """Why visitors may not see a page ("draft", "scheduled", "expired", "private"), or "":
    the rule of program.models.public_live for one page (home never imports the program)."""
    now = timezone.now()
    if not page.live:
        return "scheduled" if page.go_live_at and page.go_live_at > now else "draft"
    if page.expire_at and page.expire_at <= now:
        return "expired"
    if page.get_view_restrictions().exists():
        return "private"
    return ""


class TalkReferenceBlock(blocks.StructBlock):
    talk = TalkChooserBlock(page_type="program.TalkPage")
    note = blocks.CharBlock(required=False, max_length=255, help_text="Optional: why it matters.")

    class Meta:
        icon = "user"
        template = "components/blocks/talk_block.html"
        description = "A card for one talk of the schedule: title, presenters and time."
        preview_value = {"note": "Our pick of the morning."}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        talk = value.get("talk")
        hidden = hidden_from_visitors(talk) if talk is not None else ""
        if hidden and not getattr((parent_context or {}).get("request"), "is_preview", False):
            # A published post must not show a talk that is not public yet (or any more).
            talk = None
        context["talk"], context["not_live"] = talk, hidden
        if talk is None:
            return context
        settings = edition_settings(parent_context)
        tz = settings.tzinfo if settings else None
        start = _talk_time(talk, ("start", "start_datetime", "start_time", "starts_at"))
        end = _talk_time(talk, ("end", "end_datetime", "end_time", "ends_at"))
        context["start"], context["end"] = start, end
        # The template shows times in the edition's zone ({% timezone %}), not the server's.
        context["time_zone"] = tz or timezone.get_current_timezone()
        context["presenters"] = _presenters_of(talk)
        return context


class DataTableBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "components/blocks/table_block.html"
        description = "A simple table of text, with an optional header row."
        preview_value = {
            "first_row_is_table_header": True,
            "data": [["Day", "What"], ["Monday", "Talks"], ["Thursday", "Sprints"]],
        }


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        choices=[
            ("python", "Python"),
            ("django", "Django template"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("javascript", "JavaScript"),
            ("shell", "Shell"),
            ("sql", "SQL"),
            ("json", "JSON"),
            ("yaml", "YAML"),
            ("text", "Plain text"),
        ],
        default="python",
    )
    code = blocks.TextBlock()

    class Meta:
        icon = "code"
        template = "components/blocks/code_block.html"
        description = "A code sample, shown as written."
        preview_value = {"language": "python", "code": 'print("Hello, Djangonauts!")'}


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
