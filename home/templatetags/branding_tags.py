"""`{% edition_look conference as look %}`: the edition's stylesheet, icons and logo for the
base template's head and header (home.branding)."""

from django import template

from home.branding import Look, look_for
from home.edition import ConferenceSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_look(context, conference: ConferenceSettings) -> Look:
    return look_for(conference, context.get("request"))
