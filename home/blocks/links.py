"""Link blocks: a label and where it leads, as a call to action or a navigation link."""

from django.core.exceptions import ValidationError
from wagtail import blocks

from home.edition import variables_from_context
from text.site_variables import SITE_VARIABLE, substitute_url, validate_link

from .text import VARIABLES_HELP


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


class LinkBlock(LinkTargetBlock):
    label = blocks.CharBlock(max_length=64)

    class Meta:
        icon = "link"
        template = "components/blocks/link_block.html"
        description = "A navigation link to a page of the site or another address."
        preview_value = {"label": "Tickets", "url": "https://example.org/tickets/"}
