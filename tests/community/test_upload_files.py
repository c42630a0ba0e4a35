"""Member uploads no row uses are deleted: on commit when a row lets go of its image (replaced, removed, the row
or the account deleted), never before and never on rollback, never while another row names the file; and by
the clean_uploads sweep, which spares files in use, files younger than the grace period and everything else in
storage."""

import io
import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

import pytest
from PIL import Image

from community import upload_files
from community.models import Post, Profile
from tests.factories.community import GroupFactory, PostFactory
from tests.factories.members import member
from tests.factories.users import DEFAULT_PASSWORD

from .test_profile_editing import _form_data

pytestmark = pytest.mark.django_db
HOUR = 3600


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every file these tests store goes to a temporary folder, never var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _jpeg(color=(200, 120, 80)):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, format="JPEG")
    return out.getvalue()


def _with_image(instance, field_name="photo"):
    """Store a picture in the row's image field and save the row; returns the stored name."""
    getattr(instance, field_name).save("picture.jpg", ContentFile(_jpeg()))
    return getattr(instance, field_name).name


def _exists(name):
    return default_storage.exists(name)


def _age(name, hours):
    """Make a stored file look last modified hours ago."""
    when = time.time() - hours * HOUR
    os.utime(default_storage.path(name), (when, when))


# --- deleted on commit --------------------------------------------------------------------------------


def test_replaced_photo_is_deleted_after_commit_not_before(login, alumna, django_capture_on_commit_callbacks):
    old = _with_image(alumna)
    upload = SimpleUploadedFile("new.jpg", _jpeg((10, 20, 30)), content_type="image/jpeg")
    with django_capture_on_commit_callbacks() as callbacks:
        response = login(alumna).post(reverse("me"), {**_form_data(alumna), "photo": upload})
    assert response.status_code == 302
    alumna.refresh_from_db()
    new = alumna.photo.name
    assert new != old and _exists(new)
    assert _exists(old)  # the transaction has not committed yet

    for callback in callbacks:
        callback()
    assert not _exists(old)
    assert _exists(new)


def test_removed_photo_is_deleted_after_commit(login, alumna, django_capture_on_commit_callbacks):
    old = _with_image(alumna)
    with django_capture_on_commit_callbacks() as callbacks:
        login(alumna).post(reverse("me"), {**_form_data(alumna), "remove_photo": "on"})
    alumna.refresh_from_db()
    assert not alumna.photo
    assert _exists(old)  # not before the commit

    for callback in callbacks:
        callback()
    assert not _exists(old)


def test_replacement_rolled_back_deletes_nothing(alumna, django_capture_on_commit_callbacks):
    old = _with_image(alumna)
    profile = Profile.objects.get(pk=alumna.pk)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        profile.photo.save("new.jpg", ContentFile(_jpeg((10, 20, 30))))
        profile.photo = ""
        profile.save()
        raise RuntimeError("the write fails after the image was replaced and cleared")
    assert callbacks == []
    assert _exists(old)
    alumna.refresh_from_db()
    assert alumna.photo.name == old


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # like every transaction test: e2e reloads after it
def test_real_commit_deletes_the_old_file_and_real_rollback_keeps_it():
    profile = member(handle="committed")
    first = _with_image(profile)  # autocommit: the row names it at once

    with pytest.raises(RuntimeError), transaction.atomic():
        _with_image(Profile.objects.get(pk=profile.pk))
        raise RuntimeError("rolled back")
    assert _exists(first)
    assert Profile.objects.get(pk=profile.pk).photo.name == first

    with transaction.atomic():
        second = _with_image(Profile.objects.get(pk=profile.pk))
        assert _exists(first)  # inside the transaction: still there
    assert not _exists(first)
    assert _exists(second)


def test_saving_other_fields_keeps_the_image(alumna, django_capture_on_commit_callbacks):
    name = _with_image(alumna)
    with django_capture_on_commit_callbacks(execute=True):
        profile = Profile.objects.get(pk=alumna.pk)
        profile.organisation = "別の会社"
        profile.save()
        profile.photo = ""  # cleared in memory, but not among the fields saved
        profile.save(update_fields=["organisation"])
        Profile.objects.defer("photo").get(pk=alumna.pk).save()
    assert _exists(name)


def test_deleting_a_post_deletes_its_image(login, alumna, django_capture_on_commit_callbacks):
    post = PostFactory(author=alumna.user, group=None)
    name = _with_image(post, "image")
    with django_capture_on_commit_callbacks() as callbacks:
        response = login(alumna).post(reverse("post_delete", args=[post.pk]))
    assert response.status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()
    assert _exists(name)

    for callback in callbacks:
        callback()
    assert not _exists(name)


def test_deleting_a_group_deletes_its_cover_and_its_posts_images(alumna, django_capture_on_commit_callbacks):
    group = GroupFactory()
    cover = _with_image(group, "cover")
    images = [_with_image(PostFactory(author=alumna.user, group=group), "image") for _ in range(3)]
    PostFactory(author=alumna.user, group=group)  # one without an image
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        group.delete()
    # the files of one transaction are checked and deleted together
    assert len([callback for callback in callbacks if isinstance(callback, upload_files._Deletion)]) == 1
    assert not any(_exists(name) for name in [cover, *images])


def test_file_another_row_still_names_is_kept(alumna, django_capture_on_commit_callbacks):
    first = PostFactory(author=alumna.user, group=None)
    shared = _with_image(first, "image")
    second = PostFactory(author=alumna.user, group=None, image=shared)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert _exists(shared)
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not _exists(shared)


def test_account_deletion_removes_the_photo_and_post_images(
    login, alumna, django_capture_on_commit_callbacks
):
    photo = _with_image(alumna)
    image = _with_image(PostFactory(author=alumna.user, group=None), "image")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(alumna).post(
            reverse("me_delete"), {"confirm": "DELETE", "password": DEFAULT_PASSWORD}
        )
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=alumna.pk).exists()
    assert not _exists(photo)
    assert not _exists(image)


def test_user_deleted_elsewhere_loses_the_photo(alumna, django_capture_on_commit_callbacks):
    """The admin deleting a user (no view of ours involved) removes the photo too."""
    photo = _with_image(alumna)
    with django_capture_on_commit_callbacks(execute=True):
        alumna.user.delete()
    assert not _exists(photo)


# --- the sweep ----------------------------------------------------------------------------------------


def _stored(name):
    return default_storage.save(name, ContentFile(_jpeg()))


@pytest.fixture
def stored_files(alumna):
    """A file a row names, unused files old and fresh, and an old file outside the member-upload folders."""
    in_use = _with_image(alumna)
    old_orphans = [_stored("posts/ab/" + "a" * 32 + ".jpg"), _stored("groups/cd/" + "c" * 32 + ".jpg")]
    fresh = _stored("profiles/ef/" + "e" * 32 + ".jpg")
    elsewhere = _stored("original_images/kept.jpg")
    for name in [in_use, *old_orphans, elsewhere]:
        _age(name, 48)
    _age(fresh, 2)
    return {"in_use": in_use, "old_orphans": old_orphans, "fresh": fresh, "elsewhere": elsewhere}


def test_sweep_deletes_only_old_orphans(stored_files):
    out = io.StringIO()
    call_command("clean_uploads", stdout=out)
    assert not any(_exists(name) for name in stored_files["old_orphans"])
    assert _exists(stored_files["in_use"])
    assert _exists(stored_files["fresh"])
    assert _exists(stored_files["elsewhere"])
    assert (
        "4 file(s) checked: 1 in use, 1 unused but newer than 24 hours, 2 unused deleted." in out.getvalue()
    )


def test_sweep_grace_period_is_an_option(stored_files):
    call_command("clean_uploads", "--older-than", "1", stdout=io.StringIO())
    assert not _exists(stored_files["fresh"])
    assert _exists(stored_files["in_use"])


def test_dry_run_lists_orphans_and_deletes_nothing(stored_files):
    out = io.StringIO()
    call_command("clean_uploads", "--dry-run", stdout=out)
    listed = out.getvalue()
    for name in stored_files["old_orphans"]:
        assert name in listed
        assert _exists(name)
    assert stored_files["in_use"] not in listed and stored_files["fresh"] not in listed
    assert "2 unused would delete." in listed


def test_sweep_goes_through_storage_not_the_file_system(settings, media):
    """Object storage has no paths: the sweep lists and dates files through the storage API alone."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    owner = member(handle="inmemory")
    in_use = _with_image(owner)
    orphan = _stored("posts/12/" + "1" * 32 + ".jpg")
    assert default_storage.exists(orphan) and not media.exists()  # nothing on disk to walk

    call_command("clean_uploads", "--older-than", "0", stdout=io.StringIO())
    assert not default_storage.exists(orphan)
    assert default_storage.exists(in_use)


def test_beat_runs_the_sweep_weekly(settings, stored_files):
    from community.tasks import clean_uploads

    (entry,) = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "community.tasks.clean_uploads"
    ]
    assert entry["schedule"].day_of_week == {0}  # Sunday, once a week
    assert clean_uploads.delay().get() == {"checked": 4, "in_use": 1, "recent": 1, "orphans": 2}
    assert not any(_exists(name) for name in stored_files["old_orphans"])


def test_nothing_stored_yet_is_nothing_to_sweep():
    out = io.StringIO()
    call_command("clean_uploads", stdout=out)
    assert "0 file(s) checked" in out.getvalue()


def test_the_check_for_a_file_still_in_use_can_read_an_index():
    """names_in_use() asks each image field whether a row names the files; without a partial index on the names
    it read the whole post table (174 ms at a million posts) each time a post with an image changed (0018)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plans")
    for model, index in ((Post, "post_image_idx"), (Profile, "profile_photo_idx")):
        image_field = next(field for each, field in upload_files.image_fields(model))
        query = model._base_manager.filter(**{f"{image_field.attname}__in": ["posts/00/x.jpg"]})
        sql, params = query.values_list(image_field.attname).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan
