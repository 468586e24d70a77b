"""Marks what Wagtail serves as a page: only that is ever stored by the page cache."""

from wagtail import hooks


@hooks.register("before_serve_page")
def mark_page_for_cache(page, request, serve_args, serve_kwargs):
    """Only what Wagtail serves as a page is ever stored (never a preview, an admin view or a
    document); the middleware checks the page's view restrictions before storing it."""
    request.page_cache_page = page
