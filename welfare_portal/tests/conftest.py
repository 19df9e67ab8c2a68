"""Fixtures shared by welfare_portal's tests (the cast of users is in the project's conftest.py)."""

from .statistics_data import frozen, known  # noqa: F401 (fixtures for the monthly figures)
