from django import template
from wagtail.models import Site

from blog.models import NewsIndexPage
from home.models import ConferenceSettings

register = template.Library()


@register.inclusion_tag("components/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    """The edition's newest posts, for the home page (a fixed number of queries)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    index = (
        NewsIndexPage.objects.child_of(site.root_page).visible_to_visitors().first()
        if site
        else None
    )
    if index is None:
        return {"posts": []}
    return {
        "posts": index.fetch_posts(index.post_rows()[:limit]),
        "index_url": index.get_url(request),
        "time_zone": ConferenceSettings.for_request(request).time_zone,
        "request": request,
    }
