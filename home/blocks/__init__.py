"""StreamField blocks shared by every page type's body, one module per kind: text, media,
links, the talk reference and the body itself. Migrations name blocks by these paths
(`home.blocks.RichTextBlock`, ...), so every block they name is exported here."""

from .body import (
    OWN_BACK_TO_TOP,
    OWN_CONTENTS_HEADING,
    BodyPlan,
    BodyStreamBlock,
    StandardPageStreamBlock,
    back_to_top_link,
    body_words,
    plan_body,
    reading_minutes,
)
from .edition import ConductContactBlock, ContactsBlock, VenueDetailsBlock
from .links import CallToActionBlock, LinkBlock, LinkTargetBlock, validate_link_target
from .media import GalleryBlock, ImageChooser, ImageFigureBlock, VideoBlock, validate_video
from .talks import TalkChooserBlock, TalkReferenceBlock, hidden_from_visitors
from .text import (
    CodeBlock,
    DataTableBlock,
    HeadingBlock,
    MarkdownBlock,
    QuoteBlock,
    RichTextBlock,
)

__all__ = [
    "OWN_BACK_TO_TOP",
    "OWN_CONTENTS_HEADING",
    "BodyPlan",
    "BodyStreamBlock",
    "ConductContactBlock",
    "ContactsBlock",
    "StandardPageStreamBlock",
    "VenueDetailsBlock",
    "CallToActionBlock",
    "CodeBlock",
    "DataTableBlock",
    "GalleryBlock",
    "HeadingBlock",
    "ImageChooser",
    "ImageFigureBlock",
    "LinkBlock",
    "LinkTargetBlock",
    "MarkdownBlock",
    "QuoteBlock",
    "RichTextBlock",
    "TalkChooserBlock",
    "TalkReferenceBlock",
    "VideoBlock",
    "back_to_top_link",
    "body_words",
    "hidden_from_visitors",
    "plan_body",
    "reading_minutes",
    "validate_link_target",
    "validate_video",
]
