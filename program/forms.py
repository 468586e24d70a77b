"""Admin forms that show talks' and schedule items' times in the edition's zone and offer
only the edition's rooms and tracks (home.forms; the rules themselves are in
program.validators and home.mixins, called by the models), and the schedule's filter form for
visitors."""

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as format_date

from home.forms import EditionPageForm
from home.models import ConferenceSettings


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


class TalkPageForm(EditionPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = (
            ConferenceSettings.for_page(self.parent_page) if self.parent_page else None
        )
        if self.conference:
            use_edition_zone(self, self.conference)


class ProgramPageForm(EditionPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = (
            ConferenceSettings.for_page(self.parent_page) if self.parent_page else None
        )
        for form in (
            self.formsets["schedule_items"].forms if "schedule_items" in self.formsets else []
        ):
            if self.conference:
                use_edition_zone(form, self.conference)
            # ScheduleItem.clean checks the times against the program's edition; a new item
            # meets its program only when saved.
            if form.instance.page_id is None:
                form.instance.page = self.instance


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
