"""The admin without inline scripts: the start-up script for the markers that
security/templates/wagtailadmin/ and security/admin_csp.py write instead of inline scripts."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.admin.widgets.chooser import BaseChooser

from .admin_csp import render_with_marker


@hooks.register("insert_global_admin_js")
def inline_script_markers() -> SafeString:
    # static/js/admin-csp-init.js starts the panels and pickers whose inline scripts
    # security/templates/wagtailadmin/ replaces with markers (no 'unsafe-inline' in the admin).
    return format_html('<script src="{}" defer></script>', static("js/admin-csp-init.js"))


# Choosers start from a marker, not an inline script (security/admin_csp.py).
BaseChooser.render = render_with_marker
