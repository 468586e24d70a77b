"""The admin without inline scripts: Wagtail 8.0's chooser widgets (page, image, document,
snippet) end their HTML with `<script>new PageChooser(id, options);</script>`, written in
Python (BaseChooser.render), so no template override reaches it. `render_with_marker` writes
the same call as a marker that static/js/admin-csp-init.js starts, so the admin's script-src
needs no 'unsafe-inline'. Applied to BaseChooser by security/wagtail_hooks.py."""

import json
from typing import Any

from django.forms.renderers import BaseRenderer
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

# Constructors admin-csp-init.js will call; it refuses any other name.
MARKED_CONSTRUCTORS = {"PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser"}

wagtail_render = BaseChooser.render


def render_with_marker(
    self: BaseChooser,
    name: str,
    value: Any,
    attrs: dict[str, Any] | None = None,
    renderer: BaseRenderer | None = None,
) -> SafeString:
    """BaseChooser.render with a marker instead of its inline script; a chooser whose start-up
    is other code of its own (render_js_init overridden, e.g. the workflow task chooser) keeps
    Wagtail's rendering."""
    own_js_init = type(self).render_js_init is not BaseChooser.render_js_init
    if own_js_init or self.js_constructor not in MARKED_CONSTRUCTORS:
        return wagtail_render(self, name, value, attrs, renderer)
    if not attrs or "id" not in attrs:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute")
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(attrs["id"], name, value_data)
    marker = format_html(
        '<span hidden data-csp-init="{}" data-csp-id="{}" data-csp-options="{}"></span>',
        self.js_constructor,
        attrs["id"],
        json.dumps(options),
    )
    # widget_html is Wagtail's own rendering, as its render() returns it.
    return mark_safe(widget_html + marker)  # noqa: S308
