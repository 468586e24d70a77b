"""The admin's "Start a new edition" form: start_edition's arguments, checked by its own rules."""

from django import forms
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Site

from home.edition import ConferenceSettings

from .start import refusal


class StartEditionForm(forms.Form):
    copy_from = forms.ChoiceField(
        label="Copy from",
        help_text="The edition the new one is based on; its talks, presenters and news stay "
        "where they are.",
    )
    name = forms.CharField(
        max_length=ConferenceSettings._meta.get_field("name").max_length,
        help_text="e.g. DjangoCon US 2028",
    )
    hostname = forms.CharField(
        label="Host name",
        max_length=Site._meta.get_field("hostname").max_length,
        help_text="The address it answers on, without http://, e.g. 2028.example.org",
    )
    start = forms.DateField(label="First day", widget=AdminDateInput)
    end = forms.DateField(label="Last day", widget=AdminDateInput)
    # The settings' own field: the same label, help text and zone check.
    time_zone = ConferenceSettings._meta.get_field("time_zone").formfield()

    class Media:
        js = ["editions/js/start-edition.js"]

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [
            (edition.site.hostname, f"{edition.name} ({edition.site.hostname})")
            for edition in editions
        ]

    def clean_hostname(self):
        return self.cleaned_data["hostname"].lower()

    def clean(self):
        data = super().clean()
        if not self.errors:
            # start_edition's refusals, beside the field each is about.
            problem = refusal(
                data["hostname"], data["start"], data["end"], data["time_zone"], data["copy_from"]
            )
            if problem:
                self.add_error(problem.field, problem.message)
        return data
