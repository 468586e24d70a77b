"""The anonymous page cache: whole page responses, per site and URL, shared by every process.

What is cached
    What Wagtail serves as a page (the `before_serve_page` hook marks it), for a GET or HEAD
    answered 200 without a cookie, to a request with no real session (a session cookie that
    names no session in the session store is ignored), for a page without a view restriction
    of its own or of an ancestor. Previews, the admin, documents and other views never are.

What invalidates
    Each site has a *generation*; an entry is served only while the site's generation is the
    one it was stored under. The generation lives where every process sees it: in Redis when
    the page cache alias is Redis (`REDIS_URL`), otherwise in the database
    (`pagecache.SiteGeneration`, one row per site, read at most once a second per process).
    A new generation starts, once the change is committed, when a page is published,
    unpublished, moved or deleted, a revision is scheduled, or a registered model is saved or
    deleted. Time counts too: an entry never outlives the next `go_live_at`, `expire_at` or
    revision `approved_go_live_at` after it was stored, and the scheduler's publish and
    unpublish start a new generation.

Registering a model whose changes show on every page
    In your AppConfig.ready()::

        from pagecache.invalidation import invalidate_on_change

        invalidate_on_change(Room)                    # every site
        invalidate_on_change(ConferenceSettings, per_site=True)  # instance.site_id only

docs/pagecache.md says more.
"""
