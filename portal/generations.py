"""Generation numbers: a number kept in the cache that every relevant change bumps. Whatever is cached under a
key holding the number is never read again after a bump, and simply expires."""

import hashlib
import json
import time

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key):
        self.key = key

    def current(self):
        """The current number. Started from the clock, so a cache that lost it never revives old entries."""
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, time.time_ns(), timeout=None)
            value = cache.get(self.key)
        return value

    def kept(self, what, seconds, find):
        """find(), kept in the cache for `seconds` under the current number (0: found every time). `what` names
        the answer: any JSON value (a name, the query's parts), digested into the key."""
        if seconds <= 0:
            return find()
        name = json.dumps(what, sort_keys=True, ensure_ascii=False)
        key = f"{self.key}:{self.current()}:{hashlib.sha256(name.encode()).hexdigest()}"
        found = cache.get(key)
        if found is None:
            found = find()
            cache.set(key, found, seconds)
        return found

    def bump(self):
        """Retire everything cached under the current number: now, and again when the surrounding transaction
        commits. A request that read the new number before the commit still saw the old rows and may have
        stored them; the bump on commit retires that copy. (Outside a transaction on_commit runs at once.)"""
        self._incr()
        transaction.on_commit(self._incr)

    def _incr(self):
        try:
            cache.incr(self.key)
        except ValueError:  # nothing stored yet: the next reader starts a fresh number anyway
            cache.add(self.key, time.time_ns(), timeout=None)
