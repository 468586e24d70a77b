"""`{% render_body page.body %}`: a body with page-wide heading anchors and site variables."""

from django import template
from django.utils.html import format_html_join

from home.blocks import back_to_top_link, plan_body
from home.edition import variables_from_context
from text.markdown import PAGE_ANCHORS, render_markdown
from text.site_variables import safe_value

register = template.Library()


@register.simple_tag(takes_context=True)
def render_body(context, body, plan=None, back_to_top=""):
    """Render each block with its planned anchor; `back_to_top` names the target of the
    "Back to top" links put before every level-2 heading after the first and at the end
    (none when the body has back-to-top links of its own)."""
    plan = plan or plan_body(body)
    if plan.own_back_to_top:
        back_to_top = ""
    base = context.flatten()
    # Look the edition's variables up once for the whole body.
    base["site_variables"] = variables_from_context(base)
    parts, seen_heading = [], False
    for child, extra in plan.blocks:
        if back_to_top and child.block_type == "heading" and child.value.get("level") == "h2":
            if seen_heading:
                parts.append(back_to_top_link(back_to_top))
            seen_heading = True
        parts.append(child.block.render(child.value, {**base, **extra}))
    if back_to_top and seen_heading:
        parts.append(back_to_top_link(back_to_top))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag(takes_context=True)
def markdown_text(context, text):
    """`{% markdown_text row.bio %}`: a markdown field of a row (an organizer's bio, a place's
    text) as the markdown block renders it: sanitized, with the edition's site variables."""
    return render_markdown(text, variables_from_context(context), reserved=PAGE_ANCHORS)


@register.filter
def safe_link(value):
    """`href="{{ url|safe_link }}"`: "" for an address the link rule refuses, e.g. one stored
    before the rule existed."""
    return safe_value(value)
