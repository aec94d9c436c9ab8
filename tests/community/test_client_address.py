"""Which address the rate limit hashes: the peer, or behind the operator's own proxy the last
X-Forwarded-For entry (the earlier ones are the client's to forge)."""

from __future__ import annotations

from portal.config import load_settings
from portal.datarequests.tokens import client_address

FORWARDED = "203.0.113.9, 198.51.100.7"


def test_the_peer_unless_told_to_trust_the_proxy() -> None:
    assert client_address(load_settings({}), "127.0.0.1", FORWARDED) == "127.0.0.1"
    trusting = load_settings({}, forwarded_for=True)
    assert client_address(trusting, "127.0.0.1", FORWARDED) == "198.51.100.7"
    assert client_address(trusting, "127.0.0.1", None) == "127.0.0.1"
    assert client_address(trusting, "127.0.0.1", " ") == "127.0.0.1"
