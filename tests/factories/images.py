"""Images of the project's custom image model (home.PortalImage)."""

from wagtail.images import get_image_model
from wagtail.models import Collection

import factory
import wagtail_factories


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = get_image_model()

    # wagtail-factories would make a new root collection per image; ours live in the site's root collection.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"写真 {n}")
    file = factory.django.ImageField(width=120, height=80, color="teal", filename="photo.png")
    credit = ""
