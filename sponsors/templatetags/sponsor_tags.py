"""`{% sponsor_strip site_id %}` (the footer's logos), `{% sponsors_by_level %}` (the home
page's section) and `{% sponsor_logo sponsor size %}`. Both listings read the one
`edition_sponsors` kept on the request: a fixed number of queries, shared by one response."""

from django import template
from django.utils.html import format_html
from wagtail.models import Site

from sponsors.logos import STRIP, logo_picture
from sponsors.models import edition_sponsors

register = template.Library()


@register.simple_tag
def sponsor_logo(sponsor, size, name_beside=False):
    """The logo in the box of `size` ("large", "medium", "small" or "strip"), as a link to
    the sponsor's site when it has a safe one. Its alt text is the sponsor's name, which
    names the link; a logo whose name is written beside it is decorative without a link,
    and its name is not repeated when the logo is missing."""
    if name_beside and sponsor.logo is None:
        return ""
    if not sponsor.safe_link:
        return logo_picture(sponsor, size, alt="" if name_beside else None)
    picture = logo_picture(sponsor, size)
    return format_html('<a href="{}" rel="sponsored">{}</a>', sponsor.safe_link, picture)


@register.inclusion_tag("sponsors/strip.html", takes_context=True)
def sponsor_strip(context, site_id):
    request = context.get("request")
    found = edition_sponsors(site_id, request)
    return {"sponsors": found.sponsors, "page_url": found.page_url, "size": STRIP}


@register.inclusion_tag("components/sponsors_by_level.html", takes_context=True)
def sponsors_by_level(context):
    """The sponsors of the edition being served, by level (for the home page)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    found = edition_sponsors(site.pk if site else None, request)
    return {"groups": found.by_level, "page_url": found.page_url}
