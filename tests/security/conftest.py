"""A database that every thread of a test reaches: for tests of many people pressing one button at once."""

import sqlite3

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

# The meeting of the facilitator's working group that agency A takes part in, as in the meetings tests.
from tests.meetings.conftest import group, meeting  # noqa: F401


@pytest.fixture
def shared_database(django_db_serialized_rollback, transactional_db, tmp_path):
    """The test database, reachable from every thread and committed for real.

    PostgreSQL's test database already is. SQLite's is kept in memory, where
    other connections see it through a shared cache that refuses a busy table
    at once instead of waiting: for the test the database is copied to a file,
    as a deployment keeps it, and every connection opened meanwhile uses that.
    The migrations' rows (provinces, roles) are put back after each test's flush.
    """
    memory = connections[DEFAULT_DB_ALIAS]
    if memory.vendor != "sqlite" or not memory.is_in_memory_db():
        yield
        return
    memory.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    target = sqlite3.connect(path)
    try:
        memory.connection.backup(target)
    finally:
        target.close()
    memory_name = memory.settings_dict["NAME"]
    handler_settings = connections.settings[DEFAULT_DB_ALIAS]
    on_file = memory.copy()
    on_file.settings_dict["NAME"] = str(path)
    handler_settings["NAME"] = str(path)
    connections[DEFAULT_DB_ALIAS] = on_file
    try:
        yield
    finally:
        on_file.close()
        connections[DEFAULT_DB_ALIAS] = memory
        handler_settings["NAME"] = memory_name
        memory.settings_dict["NAME"] = memory_name
