"""Let SQLite answer "no such row" for an integer it cannot store.

A typed or forged id beyond 64 bits (`?agency=99999999999999999999`) makes
Python's sqlite3 raise OverflowError while binding, which Django turns into a
500. PostgreSQL compares such a number and simply finds nothing; binding it to
SQLite as text does the same, since no integer column holds a text value.
"""

import sqlite3

SQLITE_MAX = 2**63 - 1


def _bind_int(value: int):
    return value if -SQLITE_MAX - 1 <= value <= SQLITE_MAX else str(value)


def install() -> None:
    sqlite3.register_adapter(int, _bind_int)
