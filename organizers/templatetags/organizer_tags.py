"""`{% team_entry page as entry %}`: for a presenter page, the same person on the edition's
organizing team (a visible entry linked to this presenter) and the team page's address."""

from dataclasses import dataclass

from django import template

from home.mixins import edition_site_id
from organizers.models import Organizer, team_pages_of

register = template.Library()


@dataclass
class TeamEntry:
    person: Organizer
    url: str  # the person on the team page; "" while the edition has no visible team page


@register.simple_tag(takes_context=True)
def team_entry(context, presenter):
    """One query for a presenter who is not on the team, two for one who is."""
    request = context.get("request")
    site_id = edition_site_id(presenter, request)
    person = Organizer.objects.for_visitors(site_id).filter(presenter=presenter).first()
    if person is None:
        return None
    team = team_pages_of({site_id}).visible_to_visitors().first()
    url = team.get_url(request) if team else ""
    return TeamEntry(person, f"{url}#{person.anchor}" if url else "")
