import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def media_and_cache(settings, tmp_path):
    """Uploaded files in a folder of the test's own; a clean cache (rate limits, live state)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WEEFWERK_GROUPS_SECONDS = 0.2
    settings.WEEFWERK_FORECAST_SECONDS = 0.3
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rich(facilitator):
    from weefwerk.archive.tests.rich import build_rich_trajectory

    return build_rich_trajectory(facilitator)
