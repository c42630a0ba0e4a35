"""A realistic mix for locust: anonymous readers and logged-in members, run by bench/loadtest.py.

Readers (3 in 5 users) read the home page, the story index and stories, a few seconds apart. Members (2 in 5)
read their home feed, their groups, posts and the 1,000-comment thread, comment, post in a group, react
through the htmx endpoint, read and answer messages, and search the site and the directory.

Each member user is a different seeded member (bench/loadtest.py writes their sessions and what they belong
to into the plan file named by BENCH_PLAN): the rate limits are per member (community/ratelimit.py), and one
member doing about one thing every five seconds stays well inside them (see docs/benchmarks.md).
Requests carry `X-Forwarded-Proto: https`, as from the TLS proxy in front of gunicorn.
"""

import itertools
import json
import os
import random
import secrets

from locust import HttpUser, between, task

with open(os.environ["BENCH_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
MEMBERS = itertools.cycle(PLAN["members"])
PROXY = {"X-Forwarded-Proto": "https", "Accept-Language": "ja"}


class Reader(HttpUser):
    """An anonymous visitor reading stories."""

    weight = 3
    wait_time = between(1, 5)

    def on_start(self):
        self.client.headers.update(PROXY)

    @task(5)
    def home(self):
        self.client.get("/", name="/ (home)")

    @task(2)
    def story_index(self):
        self.client.get(PLAN["index"], name="/stories/ (index)")

    @task(4)
    def story(self):
        self.client.get(random.choice(PLAN["stories"]), name="/stories/[story]/")


class Member(HttpUser):
    """A logged-in member: each user is another seeded member with its own session."""

    weight = 2
    wait_time = between(2, 8)

    def on_start(self):
        self.me = next(MEMBERS)
        self.csrf = secrets.token_hex(16)
        self.client.headers.update(PROXY)
        origin = self.host.replace("http://", "https://")  # the TLS proxy's address, as browsers see it
        self.client.headers.update({"Origin": origin, "Referer": f"{origin}/", "X-CSRFToken": self.csrf})
        self.client.cookies.set(PLAN["session_cookie"], self.me["session"])
        self.client.cookies.set(PLAN["csrf_cookie"], self.csrf)

    def form(self, **fields):
        return {**fields, "submit_token": secrets.token_hex(16)}

    @task(6)
    def feed(self):
        self.client.get("/community/", name="/community/ (home feed)")

    @task(3)
    def group(self):
        if self.me["groups"]:
            slug = random.choice(self.me["groups"])
            self.client.get(f"/community/groups/{slug}/", name="/community/groups/[slug]/")

    @task(3)
    def post(self):
        self.client.get(f"/community/posts/{random.choice(PLAN['posts'])}/", name="/community/posts/[id]/")

    @task(1)
    def thread(self):
        self.client.get(
            f"/community/posts/{PLAN['thread']}/", name="/community/posts/[1,000-comment thread]/"
        )

    @task(1)
    def comment(self):
        post = random.choice(PLAN["posts"])
        self.client.post(
            f"/community/posts/{post}/comments/",
            data=self.form(comment="負荷試験からのコメントです。"),
            name="/community/posts/[id]/comments/",
        )

    @task(1)
    def write_post(self):
        if self.me["groups"]:
            slug = random.choice(self.me["groups"])
            self.client.post(
                f"/community/groups/{slug}/",
                data=self.form(body="負荷試験からの投稿です。よろしくお願いします。"),
                name="/community/groups/[slug]/",
            )

    @task(2)
    def react(self):
        post = random.choice(PLAN["posts"])
        self.client.post(
            f"/community/react/post/{post}/",
            data={"reaction": random.choice(["like", "thanks", "congrats", "insightful"])},
            headers={"HX-Request": "true"},
            name="/community/react/post/[id]/ (htmx)",
        )

    @task(1)
    def inbox(self):
        self.client.get("/messages/", name="/messages/")

    @task(1)
    def message(self):
        if self.me["conversation"]:
            key = self.me["conversation"]
            self.client.get(f"/messages/{key}/", name="/messages/[key]/")
            self.client.post(
                f"/messages/{key}/",
                data=self.form(body="了解です。また連絡します。"),
                name="/messages/[key]/",
            )

    @task(1)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(PLAN["searches"])}, name="/search/?q=")

    @task(1)
    def directory(self):
        params = {"q": random.choice(PLAN["searches"])} if random.random() < 0.5 else {"joined_from": "1995"}
        self.client.get("/members/", params=params, name="/members/ (directory)")
