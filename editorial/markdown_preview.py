"""The markdown editor's Preview and Side-by-side views, rendered by the server: EasyMDE's own
renderer (`marked` into innerHTML, unsanitized) would run whatever HTML a block holds in the
session of whoever previews it. Here the editor shows exactly what the site will publish,
through the site's own nh3-sanitized rendering (text.markdown.render_markdown)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from text.markdown import render_markdown

# A markdown block larger than this is no recap: refuse it rather than render it on each key.
PREVIEW_MAX_CHARS = 200_000


@require_POST
@never_cache
def markdown_preview(request):
    """POST `text` → {"html": the site's rendering}. Registered under /admin/ by
    editorial.wagtail_hooks (Wagtail requires a login with admin access there); CSRF-protected
    as every POST is."""
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return JsonResponse(
            {
                "error": f"The markdown is {len(text)} characters; previews stop at "
                f"{PREVIEW_MAX_CHARS}."
            },
            status=413,
        )
    return JsonResponse({"html": str(render_markdown(text))})
