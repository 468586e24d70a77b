"""`{% page_meta as meta %}`: description, canonical URL, social image and JSON-LD."""

from django import template

from social.seo import page_meta as build_page_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    return build_page_meta(context)
