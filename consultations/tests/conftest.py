import pytest

from consultations.services import topics_ensure


@pytest.fixture(autouse=True)
def _topics(request):
    """The topic rows come from a migration; a transactional test elsewhere may have flushed them."""
    if "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        topics_ensure()
