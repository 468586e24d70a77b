from wagtail.snippets.models import register_snippet

from .models import BlogCategory

register_snippet(BlogCategory)
