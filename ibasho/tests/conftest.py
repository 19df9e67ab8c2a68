import sqlite3

import pytest
from django.db import connections


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A database that several threads really share.

    PostgreSQL already is one. pytest-django's SQLite test database lives in
    memory with a shared cache, where SQLite uses table locks that fail at once
    instead of waiting; so for these tests the database is copied to a file and
    every connection (this thread's and new ones) opens that file for the test.
    """
    wrapper = connections["default"]
    if wrapper.vendor != "sqlite" or not wrapper.is_in_memory_db():
        yield
        return
    wrapper.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    target = sqlite3.connect(path)
    wrapper.connection.backup(target)
    target.close()
    settings_dict = wrapper.settings_dict
    memory_name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    del connections["default"]
    try:
        yield
    finally:
        connections["default"].close()
        settings_dict["NAME"] = memory_name
        connections["default"] = wrapper
