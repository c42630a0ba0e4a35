"""StreamField blocks for story bodies.

`StoryBodyBlock` is what every story can hold; `InterviewBodyBlock` adds the question/answer block that makes
an interview read like a magazine. Each block renders with its own template under templates/components/blocks/.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading.html"
        preview_value = {"text": "入社のきっかけ", "level": "h2"}
        description = _("A section heading inside the story.")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)
    wide = blocks.BooleanBlock(label=_("Full width"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"
        description = _("A photo with an optional caption.")


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "components/blocks/pull_quote.html"
        preview_value = {"quote": "会社を離れても、仲間であることは変わらない。", "attribution": "山田 花子"}
        description = _("A short sentence from the story, set large.")


class AnswerBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=80, help_text=_("Name as printed, e.g. 山田"))
    text = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "user"
        label = _("Answer")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "components/blocks/question_answer.html"
        preview_value = {
            "question": "転職を決めたきっかけは？",
            "answers": [{"speaker": "山田", "text": "<p>お客様の声を直接聞く仕事がしたかったからです。</p>"}],
        }
        description = _("An interviewer's question and the answers of one or more named speakers.")


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=[*RICH_TEXT_FEATURES, "h2", "h3"],
        template="components/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    image = ImageWithCaptionBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedBlock(label=_("Embed (video, slides)"), template="components/blocks/embed.html")


class InterviewBodyBlock(StoryBodyBlock):
    question_answer = QuestionAnswerBlock()


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    url = blocks.URLBlock(label=_("Address"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=255)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "components/blocks/link.html"
