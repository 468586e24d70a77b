"""`{% page_numbers page_obj as numbers %}`: the page links of `components/pagination.html`."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_numbers(page_obj: Page, on_each_side: int = 2, on_ends: int = 1) -> list[dict]:
    """The numbers to link around the current page, with gaps ({"gap": True}) where a run of
    pages is left out, so a long listing keeps a short list of links."""
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )
    return [
        {"gap": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "current": number == page_obj.number}
        for number in numbers
    ]
