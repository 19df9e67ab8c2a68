import pytest
from django.db import connections


@pytest.fixture
def shared_database(transactional_db):
    """A database that several threads really share.

    PostgreSQL always is; the SQLite test database is a file (settings: TEST
    NAME), not pytest-django's shared-cache memory database, whose table locks
    fail at once instead of waiting.
    """
    connection = connections["default"]
    assert connection.vendor != "sqlite" or not connection.is_in_memory_db()
    yield
