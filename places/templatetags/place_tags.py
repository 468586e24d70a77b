"""`{% local_guide_link %}`: a link to the edition's local guide, for the venue page (or any
other), and nothing while the edition has no guide a visitor may see."""

from django import template

from home.mixins import edition_site_id
from places.models import guide_pages_of

register = template.Library()


@register.inclusion_tag("places/local_guide_link.html", takes_context=True)
def local_guide_link(context):
    """One query."""
    request = context.get("request")
    site_id = edition_site_id(context.get("page"), request)
    guide = guide_pages_of({site_id}).visible_to_visitors().first()
    return {"guide": guide, "url": guide.get_url(request) if guide else ""}
