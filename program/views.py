"""Views of the program outside its pages."""

from django.http import HttpResponse
from django.views.decorators.cache import patch_cache_control

from .models import Track, hex_colour


def track_colours_css(request, site_id):
    """The colours of one edition's tracks as a stylesheet (`.track-<pk>`): the Content
    Security Policy allows no style attributes, so pages name a class instead of writing the
    colour inline. Each edition has its own address (`track_colours_url`), so no cache holds
    one edition's colours for another."""
    rules = []
    tracks = Track.objects.for_site(site_id).exclude(colour="")
    for pk, colour in tracks.values_list("pk", "colour"):
        if hex_colour.regex.fullmatch(colour):
            rules.append(f".track-{pk} {{ --track: {colour}; }}")
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response
