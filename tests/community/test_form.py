"""What the request form accepts: honeypot, required text, sizes, control characters, the
form token, and the keyed hash that stands for a client."""

from __future__ import annotations

import pytest

from portal.datarequests.form import LIMITS, check_submission
from portal.datarequests.tokens import check_token, client_key, issue_token
from portal.errors import PortalError

KEY = b"test-key-generated"


def _refusal(fields: dict[str, object], lang: str = "ja") -> tuple[str, str | None, dict]:
    with pytest.raises(PortalError) as caught:
        check_submission(fields, lang)
    return caught.value.code, caught.value.parameter, caught.value.params


def test_a_filled_honeypot_is_refused() -> None:
    assert _refusal({"what": "AED の一覧", "website": "http://spam.example"}) == (
        "request-rejected", "website", {})


def test_what_is_required_and_blank_space_is_not_text() -> None:
    assert _refusal({"what": " \n\t ", "why": "地図"}) == ("request-what-missing", "what", {})


def test_each_field_has_its_limit_named_in_the_readers_language() -> None:
    assert _refusal({"what": "あ" * 2001}) == (
        "request-field-too-long", "what", {"field": "欲しいデータ", "length": 2001, "limit": 2000})
    assert _refusal({"what": "x", "contact": "a" * 201}, "en") == (
        "request-field-too-long", "contact", {"field": "Contact", "length": 201, "limit": 200})
    assert LIMITS == {"what": 2000, "why": 2000, "contact": 200}


def test_text_is_kept_as_typed_without_control_characters() -> None:
    submission = check_submission({"what": "<script>alert(1)</script>\r\n二行目\x00\x1b[31m",
                                   "why": None, "contact": 5}, "en")
    assert (submission.what, submission.why, submission.contact, submission.lang) == (
        "<script>alert(1)</script>\n二行目[31m", "", "", "en")


def test_a_token_is_accepted_once_signed_and_fresh() -> None:
    token = issue_token(KEY, 1_000_000)
    nonce = check_token(KEY, token, 1_000_060)
    assert token.split(".")[1] == nonce


@pytest.mark.parametrize("token", [None, "", "abc", "1.2.3", "１.a.b"])
def test_a_missing_or_malformed_token_is_refused(token: object) -> None:
    with pytest.raises(PortalError) as caught:
        check_token(KEY, token, 1_000_000)
    assert (caught.value.code, caught.value.parameter) == ("request-token-invalid", "token")


def test_a_forged_or_old_token_is_refused() -> None:
    issued, nonce, _ = issue_token(KEY, 1_000_000).split(".")
    forged = f"{issued}.{nonce}.{'0' * 32}"
    other_key = issue_token(b"another-key", 1_000_000)
    for token, now in ((forged, 1_000_001), (other_key, 1_000_001),
                       (issue_token(KEY, 1_000_000), 1_000_000 + 6 * 3600 + 1),
                       (issue_token(KEY, 1_000_100), 1_000_000)):
        with pytest.raises(PortalError) as caught:
            check_token(KEY, token, now)
        assert caught.value.code == "request-token-invalid"


def test_a_client_is_a_keyed_hash_that_does_not_contain_the_address() -> None:
    first = client_key(KEY, "192.0.2.10")
    assert first == client_key(KEY, "192.0.2.10")
    assert first != client_key(KEY, "192.0.2.11")
    assert first != client_key(b"another-key", "192.0.2.10")
    assert "192.0.2.10" not in first and len(first) == 32
