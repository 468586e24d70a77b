"""The admin's sponsor form: the levels offered are the sponsor's edition's. Sponsor.clean()
refuses a level of another edition whatever the form (imports and scripts too)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm


def level_with_edition(level) -> str:
    site = level.site
    return f"{level.name} ({site.site_name or site.hostname})"


class SponsorForm(WagtailAdminModelForm):
    """A sponsor being edited is offered its own edition's levels. A new one has no edition
    yet: every edition's levels are offered, each named with its edition."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("level")
        if field is None:
            return
        # A plain select: the snippet chooser Wagtail would show lists every edition's.
        field.widget = forms.Select()
        field.widget.is_required = field.required
        if self.instance.site_id:
            field.queryset = field.queryset.for_site(self.instance.site_id)
        else:
            field.queryset = field.queryset.select_related("site").order_by(
                "site__site_name", "site__hostname", "sort_order", "name"
            )
            field.label_from_instance = level_with_edition
