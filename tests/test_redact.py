"""The one redaction function: each shape a secret takes in text, and the log records of the whole process."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from watchers.delivery import describe_url
from watchers.redact import describe_error, forget_secrets, install_log_redaction, redact, register_url_secrets


@pytest.fixture(autouse=True)
def _clean_registry() -> Iterator[None]:
    forget_secrets()
    yield
    forget_secrets()


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        (
            "cannot open postgresql+psycopg://cw:pg-Pa55@db.internal:5432/cw",
            "pg-Pa55",
            "postgresql+psycopg://cw:***@db",
        ),
        ("mailtos://ops:smtp-Pa55@smtp.example.org?to=a@example.org", "smtp-Pa55", "to=a@example.org"),
        ("json://h/hook?+X-Api-Token=tok-123456&format=text", "tok-123456", "format=text"),
        ("json://h/hook?%2BAuthorization=Bearer%20abcdef&x=1", "abcdef", "x=1"),
        ("json://h/hook?-sig=s1gnature99&:field=v", "s1gnature99", ":field=v"),
        ("https://api.example.org/x?api_key=k3y-value&page=2", "k3y-value", "page=2"),
        ("https://u:p4ssw0rd-x@example.org/", "p4ssw0rd-x", "https://u:***@example.org/"),
        ("host=db user=cw password=libpq-S3cret dbname=cw", "libpq-S3cret", "dbname=cw"),
        ('{"token": "json-t0ken-1"}', "json-t0ken-1", '"token"'),
        ("Authorization: Bearer eyJhbGciOi.xyz", "eyJhbGciOi.xyz", "Authorization"),
        ("postgresql://cw:p@ss@word@db/cw", "ss@word", "@db/cw"),  # an unencoded @ in the password
    ],
)
def test_each_shape_is_masked(text: str, secret: str, kept: str) -> None:
    masked = redact(text)
    assert secret not in masked
    assert kept in masked
    assert redact(masked) == masked  # idempotent


def test_ordinary_text_is_left_alone() -> None:
    text = "HTTP 500 from https://news.example.org/2025/11/strike?page=2 (at https://x.org/a?to=ops@example.org)"
    assert redact(text) == text


def test_registered_route_urls_mask_tokens_in_paths_and_hosts() -> None:
    register_url_secrets("slack://T1ABCDEFG/B2HIJKLMN/xoxbSECRETtoken/#alerts")
    message = "slack notify failed for slack://T1ABCDEFG/B2HIJKLMN/xoxbSECRETtoken: 403 (token xoxbSECRETtoken)"
    masked = redact(message)
    assert "xoxbSECRETtoken" not in masked and "T1ABCDEFG" not in masked


def test_database_url_stays_readable_but_loses_its_password() -> None:
    register_url_secrets("postgresql+psycopg://claimwatch:Pg-0nly-pw@127.0.0.1:5432/claimwatch")
    assert redact("bad password Pg-0nly-pw for claimwatch") == "bad password *** for claimwatch"


def test_apprise_privacy_form_no_longer_shows_header_values() -> None:
    url = "json://127.0.0.1:9/hook?+X-Token=HeaderValue99&-key=ParamValue99"
    described = describe_url(url)
    assert "HeaderValue99" not in described and "ParamValue99" not in described
    assert described.startswith("json://127.0.0.1:9/hook")


def test_describe_error_is_one_line_without_sql_or_parameters() -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine("sqlite://")
    with pytest.raises(OperationalError) as caught, engine.connect() as conn:
        conn.execute(text("SELECT * FROM missing WHERE password = :p"), {"p": "param-Secret1"})
    line = describe_error(caught.value)
    assert line == "OperationalError: no such table: missing"


def test_every_log_record_is_masked_with_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction(["json://u:LogPw-123@127.0.0.1/x"])
    log = logging.getLogger("claimwatch.test")
    try:
        raise RuntimeError("connect to json://u:LogPw-123@127.0.0.1/x failed")
    except RuntimeError:
        log.exception("delivery to %s failed", "json://u:LogPw-123@127.0.0.1/x?token=tok-LOG-9")
    text = caplog.text
    assert "delivery to" in text and "RuntimeError" in text
    assert "LogPw-123" not in text and "tok-LOG-9" not in text
