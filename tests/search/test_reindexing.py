"""Keeping entries current never costs the member an error page, and two re-indexes of one object take turns."""

import logging
import threading

from django.db import connection

import pytest

from search import tasks
from search.entries import reindex
from search.models import Kind, SearchEntry
from tests.factories.members import member


@pytest.mark.django_db
def test_a_failing_broker_after_commit_is_logged_not_raised(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broker_down(*args):
        raise RuntimeError("Retry limit exceeded while trying to reconnect to the Celery redis result store")

    monkeypatch.setattr(tasks.reindex_object, "delay", broker_down)
    with (
        caplog.at_level(logging.WARNING, logger="search.signals"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        person = member(handle="saved", display_name="保存 花子")
    assert person.pk  # the write stands
    assert any("not sent" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_a_log_in_does_not_reindex_but_a_suspension_does(monkeypatch, django_capture_on_commit_callbacks):
    person = member(handle="often", display_name="頻繁 太郎")
    sent = []
    monkeypatch.setattr(tasks.reindex_object, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        person.user.save(update_fields=["last_login"])
    assert sent == []
    with django_capture_on_commit_callbacks(execute=True):
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
    assert sent == [(Kind.MEMBER, person.pk)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like every PostgreSQL race test
def test_concurrent_reindexes_of_one_member_take_turns():
    person = member(handle="racer", display_name="競争 一郎")
    errors = []
    barrier = threading.Barrier(6)

    def run():
        try:
            barrier.wait()
            reindex(Kind.MEMBER, person.pk)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SearchEntry.objects.filter(kind=Kind.MEMBER, object_id=person.pk).count() == 3


@pytest.mark.django_db
def test_a_renamed_or_deleted_department_renews_its_members_entries(django_capture_on_commit_callbacks):
    from community.models import OrgUnit
    from tests.factories.members import OrgUnitFactory
    from tests.search.helpers import found

    unit = OrgUnitFactory(name="醸造技術部")
    person = member(
        handle="dev", display_name="開発 花子", departments=[unit], departments_audience="members"
    )
    viewer = member(handle="viewer", display_name="閲覧 太郎")
    reindex(Kind.MEMBER, person.pk)
    assert found(viewer.user, "醸造", Kind.MEMBER) == [person.pk]
    with django_capture_on_commit_callbacks(execute=True):
        unit.name = "発酵研究所"
        unit.save()
    assert found(viewer.user, "醸造", Kind.MEMBER) == []
    assert found(viewer.user, "発酵", Kind.MEMBER) == [person.pk]
    with django_capture_on_commit_callbacks(execute=True):
        OrgUnit.objects.filter(pk=unit.pk).delete()
    assert found(viewer.user, "発酵", Kind.MEMBER) == []
    assert found(viewer.user, "開発", Kind.MEMBER) == [person.pk]  # still findable by name
