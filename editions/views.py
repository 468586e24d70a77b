"""The admin's Editions: every edition in a table, and the form that starts the next one."""

from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton, ListingButton

from home.edition import ConferenceSettings, all_editions, current_edition

from .forms import StartEditionForm
from .proposal import next_edition
from .start import EditionRefused, start_edition

# Who may list and start editions: whoever may change an edition's settings (Editors).
EDITIONS_PERMISSION = "home.change_conferencesettings"


def settings_url(edition: ConferenceSettings):
    return reverse("wagtailsettings:edit", args=["home", "conferencesettings", edition.site_id])


def start_url(edition: ConferenceSettings | None = None):
    url = reverse("editions:start")
    return f"{url}?copy_from={edition.site.hostname}" if edition else url


def dates(edition: ConferenceSettings):
    if not edition.start_date:
        return "no dates"
    return f"{edition.start_date:%-d %b %Y} – {edition.end_date or edition.start_date:%-d %b %Y}"


class EditionColumn(TitleColumn):
    """The edition's name, leading to its settings, with what can be done with it."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["buttons"] = [
            ListingButton("Conference settings", settings_url(instance)),
            ListingButton("Start the next edition from it", start_url(instance)),
        ]
        return context


class AddressColumn(Column):
    cell_template_name = "editions/address_cell.html"


class EditionsIndexView(BaseListingView):
    page_title = "Editions"
    header_icon = "date"
    index_url_name = "editions:index"
    paginate_by = None
    columns = [
        EditionColumn("name", label="Edition", get_url=settings_url),
        AddressColumn("hostname", label="Host name", accessor="site"),
        Column("dates", label="Dates", accessor=dates),
        Column("phase", label="Phase", accessor="get_phase_display"),
    ]

    def get_base_queryset(self):
        return all_editions(self.request)

    def get_header_buttons(self):
        return [HeaderButton("Start a new edition", url=start_url(), icon_name="plus")]


class StartEditionView(WagtailAdminTemplateMixin, FormView):
    template_name = "editions/start.html"
    page_title = "Start a new edition"
    header_icon = "date"
    form_class = StartEditionForm

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse_lazy("editions:index"), "label": "Editions"},
            {"url": "", "label": self.page_title},
        ]

    def source(self):
        """The edition proposed to copy from: the one asked for, else the current one, else
        the newest."""
        editions = all_editions(self.request)
        asked = self.request.GET.get("copy_from")
        chosen = next((e for e in editions if e.site.hostname == asked), None)
        return chosen or current_edition(self.request) or next(iter(editions), None)

    def get_initial(self):
        source = self.source()
        return next_edition(source) if source else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editions": all_editions(self.request)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        # The values proposed for each edition one may copy from, for start-edition.js to
        # fill in when the editor picks another.
        proposals = {
            edition.site.hostname: {
                name: value.isoformat() if hasattr(value, "isoformat") else value
                for name, value in next_edition(edition).items()
            }
            for edition in all_editions(self.request)
        }
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label="Start the edition",
            submit_button_active_label="Starting…",
            media=form.media,
            proposals=proposals,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            edition = start_edition(
                data["hostname"],
                data["name"],
                data["start"],
                data["end"],
                time_zone=data["time_zone"],
                copy_from=data["copy_from"],
            )
        except EditionRefused as refused:  # taken between the form's check and now
            form.add_error(refused.field, str(refused))
            return self.form_invalid(form)
        home = edition.site.root_page
        messages.success(
            self.request,
            edition.summary(),
            buttons=[
                messages.button(reverse("wagtailadmin_pages:edit", args=[home.pk]), "Edit"),
                messages.button(settings_url(edition.conference), "Conference settings"),
            ],
        )
        return redirect("editions:index")
