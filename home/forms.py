"""The admin's page form that offers only the page's own edition's rooms, tracks and news
categories (`EditionOwned` rows); the models' clean() refuses the others whatever the form."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .mixins import EditionOwned, edition_site_id


def limit_to_edition(form, site_id):
    """Every choice of an EditionOwned row in `form` becomes the rows of edition `site_id`,
    in a plain select: the snippet chooser Wagtail would show lists every edition's."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and issubclass(queryset.model, EditionOwned):
            if not isinstance(field.widget, forms.Select):
                field.widget = forms.Select()
                field.widget.is_required = field.required
            # Also the select's choices.
            field.queryset = queryset.for_site(site_id)


def edition_form_class(form_class, site_id):
    """`form_class` limited to the edition: what an inline panel builds its blank form from
    (the one the "Add" button copies) as well as its rows."""

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        limit_to_edition(self, site_id)

    return type(form_class.__name__, (form_class,), {"__init__": __init__})


class EditionPageForm(WagtailAdminPageForm):
    """For pages that name rooms, tracks or categories, themselves or in inline panels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page has no place in the tree yet: its rules (clean) and its choices find the
        # edition through the parent the admin names.
        self.instance.parent_for_validation = self.parent_page
        self.edition_site_id = edition_site_id(self.instance)
        limit_to_edition(self, self.edition_site_id)
        for formset in self.formsets.values():
            formset.form = edition_form_class(formset.form, self.edition_site_id)
            for form in formset.forms:
                limit_to_edition(form, self.edition_site_id)
