from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name):
    """The URL of a route of a routable program page (its calendar, its JSON), without
    requiring wagtail.contrib.routable_page in INSTALLED_APPS for its template tags."""
    base = page.get_url(context.get("request")) or ""
    return base + page.reverse_subpage(name)
