"""Views of the program outside its pages."""

from django.http import HttpResponse
from django.views.decorators.cache import patch_cache_control

from .models import Track, hex_colour


def track_colours_css(request):
    """The tracks' colours as a stylesheet (`.track-<pk>`): the Content Security Policy allows
    no style attributes, so pages name a class instead of writing the colour inline."""
    rules = []
    for pk, colour in Track.objects.exclude(colour="").values_list("pk", "colour"):
        if hex_colour.regex.fullmatch(colour):
            rules.append(f".track-{pk} {{ --track: {colour}; }}")
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response
