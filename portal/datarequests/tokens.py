"""The form's token (CSRF) and the keyed hash that stands for a client in the rate limit.

A token is ``<issued>.<nonce>.<signature>``: HMAC-SHA256 under the requests key, valid for
TOKEN_AGE seconds. It proves the submission comes from a form this portal served; the nonce
also tells a double click (same page, same text) from a new request. A client is the keyed
hash of its address: the rate limit needs to recognise an address for an hour, never to keep
it, and without the key the hash cannot be reversed by trying every IPv4 address.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from portal.config import Settings
from portal.errors import PortalError, Unavailable

TOKEN_AGE = 6 * 3600  # seconds: a page left open over lunch still sends
KEY_FILE = "requests.key"


def requests_key(settings: Settings) -> bytes:
    """PORTAL_REQUESTS_SECRET, or the key file of the data directory (created once; every
    worker of the machine reads the same file). ``request-store-unavailable`` when the
    directory cannot be written."""
    if settings.requests_secret:
        return settings.requests_secret.encode("utf-8")
    try:
        return _key_file(Path(settings.data_dir) / KEY_FILE)
    except OSError as exc:
        raise Unavailable("request-store-unavailable", parameter="store",
                          reason=str(exc)) from None


def _key_file(path: Path) -> bytes:
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker wrote it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_hex(32).encode("ascii"))
    return path.read_bytes().strip()


def _sign(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("ascii"), hashlib.sha256).hexdigest()[:32]


def issue_token(key: bytes, now: float) -> str:
    message = f"{int(now)}.{secrets.token_hex(8)}"
    return f"{message}.{_sign(key, message)}"


def check_token(key: bytes, token: object, now: float) -> str:
    """The token's nonce; ``request-token-invalid`` when it is missing, forged or too old."""
    parts = token.split(".") if isinstance(token, str) and token.isascii() else []
    if len(parts) != 3 or not parts[0].isdigit():
        raise PortalError("request-token-invalid", parameter="token")
    issued, nonce, signature = parts
    if not hmac.compare_digest(signature, _sign(key, f"{issued}.{nonce}")):
        raise PortalError("request-token-invalid", parameter="token")
    if not 0 <= now - int(issued) <= TOKEN_AGE:
        raise PortalError("request-token-invalid", parameter="token")
    return nonce


def client_address(settings: Settings, peer: str | None, forwarded: str | None) -> str:
    """The address the rate limit stands for (only ever hashed): the peer, or behind the
    operator's own proxy (PORTAL_FORWARDED_FOR) the last X-Forwarded-For entry, the one that
    proxy wrote (the earlier ones are the client's to forge)."""
    if settings.forwarded_for and forwarded and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return peer or ""


def client_key(key: bytes, address: str) -> str:
    return hmac.new(key, b"client:" + address.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
