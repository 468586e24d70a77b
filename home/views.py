"""The edition's look outside its pages: its stylesheet, web app manifest and /favicon.ico."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control

from .branding import LONG_CACHE, SHORT_CACHE, look_for, short_hash
from .edition import ConferenceSettings


def cache_for(response, request, current_version):
    """Kept a year under the address of the current version (a change makes a new one), a
    few minutes under any other, so an old address never holds on to old content."""
    long = request.GET.get("v") == current_version
    patch_cache_control(
        response, public=True, max_age=LONG_CACHE if long else SHORT_CACHE, immutable=long
    )
    return response


def edition_stylesheet(request, site_id):
    """The colours of one edition (`/edition/<site id>.css`), the address its pages link:
    one per edition, so neither a browser nor a CDN gives one edition's colours to another,
    also in a preview, which the admin's host serves."""
    conference = ConferenceSettings.objects.filter(site_id=site_id).first()
    if conference is None:
        raise Http404("No such edition")
    css = look_for(conference).stylesheet
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    return cache_for(response, request, short_hash(css))


def web_manifest(request):
    """The web app manifest of the edition the request's host serves."""
    look = look_for(ConferenceSettings.for_request(request), request)
    response = HttpResponse(look.manifest(), content_type="application/manifest+json")
    return cache_for(response, request, look.manifest_version)


def favicon(request):
    """/favicon.ico, which browsers ask for without reading the page: the edition's 32 px
    icon, or the project's default."""
    look = look_for(ConferenceSettings.for_request(request), request)
    response = HttpResponseRedirect(look.favicon.url)
    patch_cache_control(response, public=True, max_age=SHORT_CACHE)
    return response
