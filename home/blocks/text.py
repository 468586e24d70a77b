"""Text blocks: headings, rich text, markdown, quotes, code and tables.

Rich text and markdown are sanitized with nh3 when they render, whatever way the content
arrived (the editor, an import, a script), and `{{ site.X }}` variables are resolved afterwards
from the edition's settings. Nothing from content is ever run as a template.
"""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.rich_text import expand_db_html
from wagtailmarkdown.blocks import MarkdownBlock as BaseMarkdownBlock

from home.edition import variables_from_context
from text.markdown import (
    PAGE_ANCHORS,
    Slugger,
    github_slug,
    render_markdown,
    sanitize,
    searchable_text,
    validate_markdown,
)
from text.site_variables import substitute

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "hr"]
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
        validate_markdown(value)
        return value

    def get_searchable_content(self, value):
        return [searchable_text(value)]


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
