"""Admin forms that check talks and schedule items against the edition, and the schedule's
filter form for visitors."""

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.admin.forms import WagtailAdminPageForm

# Route names of the program and talk pages; a talk with one of these slugs would be hidden.
RESERVED_SLUGS = {"calendar", "json"}


class EditionDateTimeField(forms.DateTimeField):
    """Shows and reads times in the edition's zone, whatever zone the editor's account uses."""

    def __init__(self, *args, tz=None, **kwargs):
        self.tz = tz
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        with timezone.override(self.tz):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.tz):
            return super().to_python(value)


def use_edition_zone(form, conference, names=("start", "end")):
    for name in names:
        field = form.fields.get(name)
        if field is None or isinstance(field, EditionDateTimeField):
            continue
        form.fields[name] = EditionDateTimeField(
            tz=conference.tzinfo,
            required=field.required,
            label=field.label,
            widget=field.widget,
            help_text=f"In the edition's time zone, {conference.time_zone}.",
        )


def edition_for(parent_page):
    from home.models import ConferenceSettings

    site = parent_page.get_site() if parent_page else None
    return ConferenceSettings.for_site(site) if site else None


def outside_edition(conference, value):
    """A message when `value` falls outside the edition's days (in its zone), else None."""
    if not (conference and conference.start_date and conference.end_date and value):
        return None
    day = timezone.localtime(value, conference.tzinfo).date()
    if conference.start_date <= day <= conference.end_date:
        return None
    first = format_date(conference.start_date, "l j F Y")
    last = format_date(conference.end_date, "l j F Y")
    return (
        f"This is on {format_date(day, 'l j F Y')}, outside the edition's dates "
        f"({first} to {last}, {conference.time_zone})."
    )


class TalkPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = edition_for(self.parent_page)
        if self.conference:
            use_edition_zone(self, self.conference)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", "This address is used by the schedule; choose another slug.")
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        # "End after start" is checked by TalkPage.clean, so the admin and imports share it.
        for name, value in (("start", start), ("end", end)):
            message = outside_edition(self.conference, value)
            if message:
                self.add_error(name, message)
        return cleaned_data


class ProgramPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = edition_for(self.parent_page)
        if self.conference and "schedule_items" in self.formsets:
            for form in self.formsets["schedule_items"].forms:
                use_edition_zone(form, self.conference)

    def clean(self):
        cleaned_data = super().clean()
        formset = (self.formsets or {}).get("schedule_items")
        for form in formset.forms if formset else []:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            for name in ("start", "end"):
                message = outside_edition(self.conference, form.cleaned_data.get(name))
                if message:
                    form.add_error(name, message)
        return cleaned_data


class ScheduleFilterForm(forms.Form):
    """Query-string filters of the schedule; an unknown value is ignored, never an error page."""

    day = forms.ChoiceField(required=False)
    track = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False)
    tag = forms.ChoiceField(required=False)

    def __init__(self, data, *, days, tracks, kinds, tags):
        super().__init__(data)
        self.fields["day"].choices = [("", "All days")] + [
            (day.isoformat(), format_date(day, "l j F")) for day in days
        ]
        self.fields["track"].choices = [("", "All tracks")] + [(t.slug, t.name) for t in tracks]
        self.fields["kind"].choices = [("", "All kinds")] + list(kinds)
        self.fields["tag"].choices = [("", "All tags")] + [(t.slug, t.name) for t in tags]

    @property
    def selected(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
