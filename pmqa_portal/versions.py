"""Table versions: a token per database table in the shared cache, renewed by every write to the table.

The busiest pages keep their rendered rows in the cache with the tokens of the
tables they read (`pmqa_portal.fragments`), and each request's user
(`pmqa_portal.auth_backends`). A write renews the tables' tokens, so an entry can
never be served after its rows changed: its tokens no longer match.

Writes are seen where Django sends SQL (a database execute wrapper), not through
model signals, so `QuerySet.update()`, `bulk_create()`, many-to-many changes,
raw deletes and `loaddata` all count. A token is renewed at once (the writer's
own next read, and tests, which never commit, see the change) and again after the
transaction commits: a page read from the old rows while the transaction was open
may have been stored under the first renewed token, never under the last.
Writes made outside Django (psql, COPY) are not seen: fragments live at most
`fragments.FRAGMENT_SECONDS`, and `manage.py clear_cache` drops them at once.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db.backends.signals import connection_created
from django_redis import get_redis_connection
from django_redis.cache import RedisCache

KEY_PREFIX = "pmqa:table:"
# Tables of the portal's own apps; sessions, django-axes and the like are written often and never cached.
WATCHED_PREFIXES = ("pmqa_portal_", "meetings_", "stakeholders_", "auth_group")
# A pseudo-table renewed by a write to any watched table: for pages that read too many tables to list.
ANY_TABLE = "*"
# The statements Django writes with: INSERT INTO "t", UPDATE "t", DELETE FROM "t" (same quoting on SQLite),
# and SQLite's INSERT OR IGNORE INTO "t" (many-to-many add(), bulk_create(ignore_conflicts=True)).
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def table_names(*models_or_tables) -> list[str]:
    return [item if isinstance(item, str) else item._meta.db_table for item in models_or_tables]


def lookup(key: str, tables) -> tuple[object | None, str]:
    """What `store()` kept under the key, if the tables have not been written since; and their tokens now.

    One round trip to the cache: the entry and the tokens are read together.
    """
    return _read([(key, tables)])[0]


def store(key: str, value, tokens: str, timeout: int) -> None:
    """Keep the value with the tokens read before it was made (by lookup()): a write since makes it a miss."""
    cache.set(key, (tokens, value), timeout)


@dataclass(frozen=True)
class Entry:
    """A value kept under `key` while none of `tables` is written; `make()` works it out again."""

    key: str
    tables: tuple
    make: Callable[[], object]
    seconds: int


def fetch(*entries: Entry) -> list:
    """The entries' values, all read in one round trip to the cache (a request that needs several pays
    for one); each one missing or outdated is made, in the entries' order, and stored."""
    values = []
    for entry, (value, tokens) in zip(entries, _read([(e.key, e.tables) for e in entries]), strict=True):
        if value is None:
            value = entry.make()
            store(entry.key, value, tokens, entry.seconds)
        values.append(value)
    return values


def _read(wanted: list[tuple[str, tuple]]) -> list[tuple[object | None, str]]:
    """(value or None, tokens now) of each (key, tables), from one MGET; tokens missing are drawn."""
    token_keys = [[KEY_PREFIX + name for name in table_names(*tables)] for _key, tables in wanted]
    every_token_key = list(dict.fromkeys(key for keys in token_keys for key in keys))
    found = cache.get_many([key for key, _tables in wanted] + every_token_key)
    missing = {token_key: _draw() for token_key in every_token_key if token_key not in found}
    if missing:
        # Two processes may draw different tokens at once; the loser's entries are a miss, not stale.
        _set_tokens(missing)
        found.update(missing)
    results = []
    for (key, _tables), keys in zip(wanted, token_keys, strict=True):
        tokens = ".".join(str(found[token_key]) for token_key in keys)
        entry = found.get(key)
        results.append((entry[1] if entry is not None and entry[0] == tokens else None, tokens))
    return results


def renew(tables) -> None:
    _set_tokens({KEY_PREFIX + name: _draw() for name in tables})


def _draw() -> int:
    # An integer: django-redis keeps integers as plain values, so reading tokens unpickles nothing.
    return secrets.randbits(48)


def _set_tokens(tokens: dict[str, int]) -> None:
    """Keep tokens with no expiry: there is one per watched table; if the cache evicts one, a new one is
    drawn (a miss, never stale). On Redis one MSET: django-redis's set_many() sends a pipeline of SETs,
    twice the cost, and every write to a portal table renews two tokens."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        get_redis_connection(DEFAULT_CACHE_ALIAS).mset({backend.make_key(key): value for key, value in tokens.items()})
    else:
        cache.set_many(tokens, None)


def written_table(sql: str) -> str | None:
    """The watched table a statement writes to, if any."""
    match = _WRITE.match(sql)
    if match is None:
        return None
    table = match.group(1)
    return table if table.startswith(WATCHED_PREFIXES) else None


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    table = written_table(sql) if isinstance(sql, str) else None
    if table is not None:
        tables = (table, ANY_TABLE)
        renew(tables)
        connection = context["connection"]
        if connection.in_atomic_block:
            connection.on_commit(lambda: renew(tables))
    return result


def _install(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def install() -> None:
    """Watch every database connection Django opens (called from the core app's ready())."""
    connection_created.connect(_install, dispatch_uid="pmqa_versions_watch_writes")
