"""Media blocks: an image with its alt text and credit, a gallery, a click-to-load video."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from text.video import youtube_id

PREVIEW_IMAGES = 3


def library_images(count):
    """The newest images of the library: block previews show real pictures, not empty frames."""
    return list(get_image_model().objects.order_by("-created_at", "-pk")[:count])


def figure_preview(image, caption="The opening keynote"):
    return {
        "image": image,
        "alt_text": image.title if image else "",
        "caption": caption,
        "credit": "Photo: the volunteers",
    }


def image_preview_value():
    images = library_images(1)
    return figure_preview(images[0] if images else None)


def gallery_preview_value():
    figures = [figure_preview(image, image.title) for image in library_images(PREVIEW_IMAGES)]
    return {"title": "The hallway track", "images": figures}


class ImageChooser(ImageChooserBlock):
    """Fetches every image of a body, and their renditions, in two queries."""

    def bulk_to_python(self, values):
        values = list(values)
        ids = [value for value in values if value is not None]
        objects = get_image_model().objects.prefetch_renditions().in_bulk(ids) if ids else {}
        return [objects.get(value) for value in values]


class ImageFigureBlock(blocks.StructBlock):
    image = ImageChooser()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="What the image shows, for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False, help_text="Tick only if the image adds nothing to the text."
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=255, help_text="e.g. Photo: Jane Doe")

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        description = "A photo or illustration with alt text, a caption and a credit."
        preview_value = staticmethod(image_preview_value)
        form_classname = "image-figure-block struct-block"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("decorative") and not value.get("alt_text"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe the image, or tick “decorative” if it adds nothing."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = "" if value.get("decorative") else value.get("alt_text", "")
        return context


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255)
    images = blocks.ListBlock(ImageFigureBlock(), min_num=1)

    class Meta:
        icon = "copy"
        template = "components/blocks/gallery_block.html"
        description = "A grid of photos, each with its own caption and credit."
        preview_value = staticmethod(gallery_preview_value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["items"] = [
            (item, "" if item.get("decorative") else item.get("alt_text", ""))
            for item in value.get("images", [])
            if item.get("image")
        ]
        return context


def validate_video(value):
    youtube_id(value)


class VideoBlock(blocks.StructBlock):
    url = blocks.CharBlock(
        max_length=255,
        validators=[validate_video],
        help_text="A youtu.be or youtube.com link, or the video ID.",
    )
    title = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "media"
        template = "components/blocks/video_block.html"
        description = "A YouTube video that loads only when the visitor presses play."
        preview_value = {"url": "https://youtu.be/UTKcPBKCQEc", "title": "A conference talk"}
