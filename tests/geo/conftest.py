"""The served test build, as in tests/api."""

from tests.api.conftest import app, client, live_url

__all__ = ["app", "client", "live_url"]
