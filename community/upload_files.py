"""Member uploads that no row uses any more are deleted from storage: a row's old image when it is replaced or
cleared, a deleted row's image, and (from the clean_uploads command, weekly from beat) any file under the upload
folders that no row names.

A file is deleted only after the transaction that let go of it commits, and only if no row of any member-image
field still names it then: a rollback, even of a savepoint, therefore deletes nothing that is still in use.
What the signals never hear about (an upload whose transaction rolled back, a QuerySet.update(), a crash
between commit and deletion) is left to sweep_uploads(), which spares files younger than a grace period so an
upload whose row is not committed yet is never taken.

Connected in CommunityConfig.ready(). A delete signal on a model stops Django deleting its rows in one statement
when a parent is deleted (it loads them first, as it must for the signal); for posts, groups and profiles that
is the price of removing their files.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models.fields.files import FieldFile, ImageFileDescriptor
from django.db.models.signals import post_save, pre_delete
from django.utils import timezone

logger = logging.getLogger(__name__)
GRACE_HOURS = 24
BATCH = 500


class StoredNameDescriptor(ImageFileDescriptor):
    """Remembers the file name a row held when it was loaded (or last saved), so a save can tell that the file
    was replaced or cleared. The first value set is the one from the database, or the new row's initial one."""

    def __set__(self, instance, value):
        super().__set__(instance, value)
        instance.__dict__.setdefault(_stored_key(self.field), _committed_name(value))


def _stored_key(image_field):
    return f"_stored_{image_field.attname}"


def _committed_name(value):
    """The storage name a value stands for, "" for nothing or for a file not stored yet."""
    if isinstance(value, str):
        return value
    if isinstance(value, FieldFile):
        return (value.name or "") if value._committed else ""
    return ""


def image_fields(model=None):
    """The member-image fields (community.uploads.MemberImageField) of one model, or of every installed one."""
    from django.apps import apps

    from .uploads import MemberImageField

    models = [model] if model is not None else apps.get_models()
    return [
        (each, image_field)
        for each in models
        for image_field in each._meta.concrete_fields
        if isinstance(image_field, MemberImageField)
    ]


def names_in_use(names):
    """Those of names that some row's member-image field holds."""
    names = list(names)
    found = set()
    for model, image_field in image_fields():
        for start in range(0, len(names), BATCH):
            chunk = names[start : start + BATCH]
            found.update(
                model._base_manager.filter(**{f"{image_field.attname}__in": chunk}).values_list(
                    image_field.attname, flat=True
                )
            )
    return found


class _Deletion:
    """The files one transaction let go of, deleted in one go when it commits: one check of which are still
    named per transaction, however many rows it deleted."""

    def __init__(self, storage):
        self.storage = storage
        self.names = set()
        self.done = False

    def __call__(self):
        self.done = True
        for name in sorted(self.names - names_in_use(self.names)):
            self.storage.delete(name)


def delete_after_commit(storage, name, using=None):
    """Delete the file name from storage once the current transaction commits (at once outside one), unless a
    row names it then."""
    if not name:
        return
    connection = transaction.get_connection(using)
    # A deletion already waiting in this transaction takes the name. One registered in a savepoint that rolled
    # back is no longer in the list; one that holds names of rows whose deletion rolled back keeps their files,
    # as they are still named.
    pending = next(
        (
            callback
            for _savepoints, callback, _robust in connection.run_on_commit
            if isinstance(callback, _Deletion) and callback.storage is storage and not callback.done
        ),
        None,
    )
    if pending is None:
        pending = _Deletion(storage)
        pending.names.add(name)
        transaction.on_commit(pending, using=using, robust=True)  # a storage error is logged, not raised
    else:
        pending.names.add(name)


def _image_saved(sender, instance, created, update_fields, using, **kwargs):
    for _model, image_field in image_fields(sender):
        if image_field.attname not in instance.__dict__:
            continue  # deferred: not saved
        if update_fields is not None and image_field.name not in update_fields:
            continue
        key = _stored_key(image_field)
        before = "" if created else instance.__dict__.get(key, "")
        now = _committed_name(getattr(instance, image_field.attname))
        instance.__dict__[key] = now
        if before and before != now:
            delete_after_commit(image_field.storage, before, using)


def _image_deleted(sender, instance, using, **kwargs):
    for _model, image_field in image_fields(sender):
        current = _committed_name(
            getattr(instance, image_field.attname)
        )  # loads a deferred name: row still there
        for name in {instance.__dict__.get(_stored_key(image_field), ""), current}:
            delete_after_commit(image_field.storage, name, using)


def connect():
    for model in {model for model, _image_field in image_fields()}:
        label = model._meta.label_lower
        post_save.connect(_image_saved, sender=model, dispatch_uid=f"upload-files-saved-{label}")
        pre_delete.connect(_image_deleted, sender=model, dispatch_uid=f"upload-files-deleted-{label}")


# --- the sweep -------------------------------------------------------------------------------------------


@dataclass
class Sweep:
    """What sweep_uploads() found: files looked at, in use, younger than the grace period, and the orphans it
    deleted (or would delete)."""

    checked: int = 0
    in_use: int = 0
    recent: int = 0
    orphans: list = field(default_factory=list)

    def as_dict(self):
        return {
            "checked": self.checked,
            "in_use": self.in_use,
            "recent": self.recent,
            "orphans": len(self.orphans),
        }


def upload_folders():
    """(storage, folder) of every member-image field: posts, groups, profiles."""
    found = {(image_field.storage, image_field.folder) for _model, image_field in image_fields()}
    return sorted(found, key=lambda pair: pair[1])


def stored_files(storage, folder):
    """Every file name under folder in storage, through listdir alone (works with object storage too)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}"
    for directory in sorted(directories):
        yield from stored_files(storage, f"{folder}/{directory}")


def all_names_in_use():
    """Every name some member-image field holds."""
    found = set()
    for model, image_field in image_fields():
        found.update(
            model._base_manager.exclude(**{image_field.attname: ""})
            .values_list(image_field.attname, flat=True)
            .iterator(chunk_size=5000)
        )
    return found


def sweep_uploads(older_than_hours=GRACE_HOURS, dry_run=False, progress=None):
    """Delete the files under the member-upload folders that no row names and that were last modified more
    than older_than_hours ago; with dry_run, only find them. progress(folder, sweep) is called after each
    folder. Returns a Sweep."""
    cutoff = timezone.now() - timedelta(hours=older_than_hours)
    in_use = all_names_in_use()  # read before listing: a file stored after this is younger than the cutoff
    sweep = Sweep()
    for storage, folder in upload_folders():
        for name in stored_files(storage, folder):
            sweep.checked += 1
            if name in in_use:
                sweep.in_use += 1
            elif storage.get_modified_time(name) > cutoff:
                sweep.recent += 1
            else:
                sweep.orphans.append(name)
                if not dry_run:
                    storage.delete(name)
        if progress is not None:
            progress(folder, sweep)
    if sweep.orphans and not dry_run:
        logger.info("deleted %s unused member upload(s)", len(sweep.orphans))
    return sweep
