"""A card for one talk of the schedule, named by model string: home never imports the program
app (the program builds on home)."""

from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.models import Page
from wagtail.utils.registry import resolve_model_string

from home.edition import settings_from_context
from home.visibility import hidden_from_visitors, visible_to_visitors


class TalkChooserBlock(blocks.PageChooserBlock):
    """A chooser limited to talks, named by string: home never imports the program app."""

    @cached_property
    def target_models(self):
        try:
            return [resolve_model_string(name) for name in self.page_type]
        except (LookupError, ValueError):
            # Only while the program app has no TalkPage yet (fresh checkouts, migrations).
            return [Page]

    def deconstruct(self):
        # Keep the model as a string so migrations never need the program app's models.
        return blocks.Block.deconstruct(self)


def talk_preview_value():
    """A talk visitors may see, so the block picker's preview shows a real card."""
    talk_model = TalkChooserBlock(page_type="program.TalkPage").target_models[0]
    visible = visible_to_visitors(talk_model.objects.all()).order_by("-first_published_at", "-pk")
    return {"talk": visible.first(), "note": "Our pick of the morning."}


class TalkReferenceBlock(blocks.StructBlock):
    talk = TalkChooserBlock(page_type="program.TalkPage")
    note = blocks.CharBlock(required=False, max_length=255, help_text="Optional: why it matters.")

    class Meta:
        icon = "user"
        template = "components/blocks/talk_block.html"
        description = "A card for one talk of the schedule: title, presenters and time."
        preview_value = staticmethod(talk_preview_value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        talk = value.get("talk")
        hidden = hidden_from_visitors(talk) if talk is not None else ""
        if hidden and not getattr((parent_context or {}).get("request"), "is_preview", False):
            # A published post must not show a talk that is not public yet (or any more).
            talk = None
        context["talk"], context["not_live"] = talk, hidden
        if talk is None:
            return context
        settings = settings_from_context(parent_context)
        # The template shows times in the edition's zone ({% timezone %}), not the server's.
        context["time_zone"] = settings.tzinfo if settings else timezone.get_current_timezone()
        # TalkPage's own ordered, visible presenters (PresenterPage, titled with the name).
        context["presenters"] = talk.presenter_links()
        return context
