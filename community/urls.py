from django.urls import path

from search.views import directory

from .views import feed, groups, interactions, membership, messages, notifications, posts, profiles

urlpatterns = [
    path("join/", membership.join, name="join"),
    path("members/", directory, name="directory"),
    path("members/<slug:handle>/", profiles.profile_detail, name="profile"),
    path("me/", profiles.me, name="me"),
    path("me/export/", profiles.me_export, name="me_export"),
    path("me/delete/", profiles.me_delete, name="me_delete"),
    path("community/", feed.home_feed, name="feed"),
    path("community/groups/", groups.group_list, name="groups"),
    path("community/groups/propose/", groups.group_propose, name="group_propose"),
    path("community/groups/<str:slug>/", groups.group_detail, name="group"),
    path("community/groups/<str:slug>/members/", groups.group_members, name="group_members"),
    path("community/groups/<str:slug>/join/", groups.group_join, name="group_join"),
    path("community/groups/<str:slug>/leave/", groups.group_leave, name="group_leave"),
    path("community/groups/<str:slug>/requests/", groups.group_requests, name="group_requests"),
    path("community/posts/<int:pk>/", posts.post_detail, name="post"),
    path("community/posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("community/posts/<int:pk>/delete/", posts.post_delete, name="post_delete"),
    path("community/posts/<int:pk>/pin/", posts.post_pin, name="post_pin"),
    path("community/posts/<int:pk>/comments/", interactions.comment_on_post, name="comment_on_post"),
    path("community/stories/<int:page_id>/comments/", interactions.comment_on_story, name="comment_on_story"),
    path("community/comments/<int:pk>/edit/", interactions.comment_edit, name="comment_edit"),
    path("community/comments/<int:pk>/delete/", interactions.comment_delete, name="comment_delete"),
    path("community/react/<str:kind>/<int:pk>/", interactions.react, name="react"),
    path("community/reactions/<str:kind>/<int:pk>/", interactions.reactors, name="reactors"),
    path("community/report/<str:kind>/<int:pk>/", interactions.report_content, name="report"),
    path("community/groups/<str:slug>/follow/", groups.group_follow, name="group_follow"),
    path("messages/", messages.inbox, name="inbox"),
    path("messages/new/<slug:handle>/", messages.start, name="message_start"),
    path("messages/<str:key>/", messages.conversation, name="conversation"),
    path("messages/<str:key>/new/", messages.new_messages, name="conversation_new"),
    path("members/<slug:handle>/block/", messages.toggle_block, name="block"),
    path("notifications/", notifications.centre, name="notifications"),
    path("notifications/read-all/", notifications.mark_all_read, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", notifications.open_one, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
    path("me/notifications/", notifications.preferences, name="notification_preferences"),
]
