"""The Editors group (migration home/0003) publishes stories in the Wagtail admin but never manages users."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from stories.models import InterviewPage

pytestmark = pytest.mark.django_db


class TestEditorsGroup:
    def test_editors_may_add_change_and_publish_every_page(self):
        root = Page.get_first_root_node()
        codenames = set(
            GroupPagePermission.objects.filter(group__name="Editors", page=root).values_list(
                "permission__codename", flat=True
            )
        )
        assert {"add_page", "change_page", "publish_page"} <= codenames

    def test_editors_have_no_user_management_permissions(self):
        editors = Group.objects.get(name="Editors")
        user_perms = editors.permissions.filter(
            content_type__app_label="community", content_type__model="user"
        )
        assert not user_perms.exists()

    def test_editor_may_publish_a_story(self, editor, interview):
        permissions = interview.permissions_for_user(editor)
        assert permissions.can_edit()
        assert permissions.can_publish()
        assert interview.get_parent().permissions_for_user(editor).can_publish_subpage()

    def test_user_outside_the_group_may_not_publish(self, user, interview):
        assert not interview.permissions_for_user(user).can_publish()


class TestEditorInAdmin:
    def test_editor_reaches_the_admin_dashboard(self, client, editor):
        client.force_login(editor)
        assert client.get("/admin/").status_code == 200

    def test_editor_opens_the_page_editor_for_a_story(self, client, editor, interview):
        client.force_login(editor)
        response = client.get(f"/admin/pages/{interview.pk}/edit/")
        assert response.status_code == 200
        assert interview.title in response.content.decode()

    def test_editor_is_turned_away_from_user_management(self, client, editor):
        client.force_login(editor)
        response = client.get(reverse("wagtailusers_users:index"))
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert not response["Location"].startswith("/admin/users/")

    def test_editor_cannot_create_a_user(self, client, editor):
        client.force_login(editor)
        response = client.get(reverse("wagtailusers_users:add"))
        assert response.status_code in (302, 403)

    def test_anonymous_visitor_is_sent_to_the_site_login_which_asks_for_the_second_factor(self, client):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/admin/"


class TestAddingStories:
    @pytest.mark.parametrize("model", ["interviewpage", "eventreportpage", "collaborationpage"])
    def test_superuser_opens_the_add_form_for_each_story_kind(self, client, superuser, story_index, model):
        client.force_login(superuser)
        response = client.get(f"/admin/pages/add/stories/{model}/{story_index.pk}/")
        assert response.status_code == 200

    def test_story_base_cannot_be_added_even_by_a_superuser(self, client, superuser, story_index):
        client.force_login(superuser)
        response = client.get(f"/admin/pages/add/stories/storypage/{story_index.pk}/")
        assert response.status_code in (302, 403, 404)

    def test_story_kind_cannot_be_added_under_the_home_page(self, client, superuser, home_page):
        client.force_login(superuser)
        response = client.get(f"/admin/pages/add/stories/interviewpage/{home_page.pk}/")
        assert response.status_code in (302, 403, 404)

    def test_editor_publishes_a_new_interview_through_the_admin(self, client, editor, story_index):
        client.force_login(editor)
        data = nested_form_data(
            {
                "title": "編集者が公開したインタビュー",
                "slug": "published-by-editor",
                "intro": "管理画面から公開しました。",
                "published_date": "2025-04-01",
                "tags": "キャリア",
                "people": inline_formset([{"role": "interviewee", "name": "佐藤 一郎", "title": ""}]),
                "body": streamfield([("paragraph", rich_text("<p>本文です。</p>"))]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = client.post(f"/admin/pages/add/stories/interviewpage/{story_index.pk}/", data)

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        story = InterviewPage.objects.get(slug="published-by-editor")
        assert story.live
        assert story.get_parent().pk == story_index.pk
        assert story.owner == editor
        assert [person.name for person in story.people.all()] == ["佐藤 一郎"]
        assert client.get("/stories/published-by-editor/").status_code == 200
