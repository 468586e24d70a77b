from django import template
from django.utils import timezone

from home.edition import settings_from_context

register = template.Library()


@register.simple_tag(takes_context=True)
def next_deadline(context):
    """(what, day) of the edition's next deadline, today counted in the edition's zone."""
    conference = settings_from_context(context)
    if conference is None:
        return None
    return conference.next_deadline(timezone.localdate(timezone=conference.tzinfo))
