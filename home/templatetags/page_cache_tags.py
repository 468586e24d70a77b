"""`{% page_cache_generation site_id as generation %}`: the site's cache generation, for keys
of `{% cache %}` fragments that must be cleared when the page cache is (pagecache)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from pagecache.generations import current_generation, page_cache_enabled

register = template.Library()


@register.simple_tag(takes_context=True)
def page_cache_generation(context, site_id):
    request = context.get("request")
    if not page_cache_enabled() or request is None or not site_id:
        return ""
    known = getattr(request, "page_cache_generations", None)
    if known is None:
        known = request.page_cache_generations = {}
    if not known.get(site_id):
        known[site_id] = current_generation(site_id)
    return known[site_id] or ""


ARIA_CURRENT = ' aria-current="page"'


@register.tag
def current_links(parser, token):
    """`{% current_links %}...{% endcurrent_links %}`: marks the links to the page being viewed
    with aria-current="page" after the fact, so the navigation inside can be one cached
    fragment per site rather than one per URL."""
    nodelist = parser.parse(("endcurrent_links",))
    parser.delete_first_token()
    return CurrentLinksNode(nodelist)


class CurrentLinksNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context).replace(ARIA_CURRENT, "")
        request = context.get("request")
        if request is None:
            return html
        target = f'href="{conditional_escape(request.path)}"'
        return mark_safe(html.replace(target, target + ARIA_CURRENT))  # noqa: S308
