"""Editors work in the edition's time zone unless they chose another one.

Wagtail reads and shows admin date-times (the "Set publishing schedule" dialog, revisions,
the page listing) in the user's account time zone, falling back to the server's (UTC). A
communication team that types "10:00" for "tickets on sale at 10:00" means the edition's
10:00, so an account with no zone of its own follows the zone of the edition it is editing
(the site the admin is opened on)."""

from wagtail.models import Site
from wagtail.users.models import UserProfile

from home.models import ConferenceSettings


class EditionTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            self.follow_edition_zone(request)
        return self.get_response(request)

    @staticmethod
    def follow_edition_zone(request):
        user = request.user
        # An account without a profile row gets one in memory: a page view writes nothing.
        profile = getattr(user, "wagtail_userprofile", None) or UserProfile(user=user)
        if not profile.current_time_zone and Site.find_for_request(request) is not None:
            # In memory only: the editor's own zone, once saved on the account page, wins.
            profile.current_time_zone = ConferenceSettings.for_request(request).time_zone
        # Wagtail's admin views read the zone from the profile cached on the user.
        user.wagtail_userprofile = profile
