"""Security for the whole site, independent of its content: the response headers (Content
Security Policy per area with the media host and the preview panel's framing,
Permissions-Policy, Cross-Origin-Resource-Policy), refusing NUL bytes in addresses,
throttling of guessed passwords (logins, and the shared passwords of pages and collections)
with django-axes and its lockout pages (security/templates/security/), and the admin without
inline scripts (security/admin_csp.py, security/templates/wagtailadmin/).

This app imports no app of the project, only Django, Wagtail and third-party packages.
Settings in site_config/settings/security.py; docs/security.md says more.
"""
