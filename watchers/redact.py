"""The one redaction function: every message, log record and stored error passes through `redact`.

Secrets reach text in a few shapes, each masked here:
- a URL's userinfo (`scheme://user:pass@host`: apprise URLs, `mailtos://`, PostgreSQL DSNs) → `user:***@`;
- query parameters whose name looks like a secret (token, key, password, secret, sig, auth, …), and every
  apprise `+Header=` / `-param=` value (headers and GET parameters of json/xml/form webhooks carry credentials);
- `key=value` / `key: value` pairs with such names in free text (libpq conninfo, driver messages), and
  `Bearer <token>`;
- and, verbatim, every secret registered at start-up (`register_url_secrets`): the configured route URLs and
  database URL, whose tokens can sit in a path or host where no pattern would recognise them (`slack://A/B/C`).

`install_log_redaction` makes every log record of the process pass through `redact` when it is created, so
handlers installed later (Prefect's console and API handlers included) only ever see masked text.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

MASK = "***"
# Parameter names that carry credentials; substrings, matched case-insensitively ("X-Api-Key", "access_token").
_SECRET_NAME = re.compile(r"token|key|pass|pwd|secret|sig|auth|credential|session|cookie|bearer|private", re.I)
_USERINFO = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.\-]*://)(?P<userinfo>[^/\s?#'\"<>]*)@", re.I)
_QUERY_PARAM = re.compile(r"(?P<sep>[?&;])(?P<name>[^=&\s#?;'\"<>]+)=(?P<value>[^&\s#;'\"<>]*)")
_FREE_PAIR = re.compile(
    r"(?P<name>\b[\w\-]*(?:token|password|passwd|pwd|secret|api[_\-]?key|signature|credential)s?)"
    r"(?P<sep>['\"]?\s*[=:]\s*)(?P<quote>['\"]?)(?P<value>[^\s'\"&,;)]+)",
    re.I,
)
_BEARER = re.compile(r"\b(?P<kind>Bearer|Basic|Token)\s+(?P<value>[A-Za-z0-9\-._~+/=]{6,})", re.I)
_MIN_SECRET = 4  # shorter values (a port, "db") would mask ordinary words

_lock = threading.Lock()
_known: tuple[str, ...] = ()  # longest first, so a secret containing another is masked whole


def register_secret(value: str | None) -> None:
    """Mask `value` (and its URL-decoded form) verbatim wherever it appears from now on."""
    global _known
    if not value:
        return
    new = {v for v in (value, unquote(value)) if len(v) >= _MIN_SECRET}
    with _lock:
        _known = tuple(sorted(set(_known) | new, key=len, reverse=True))


def register_url_secrets(url: str, *, database: bool = False) -> None:
    """Register what in a configured URL can be a credential: the whole URL, its userinfo, the values of its
    query parameters, and for non-web schemes (apprise services: `slack://TokenA/TokenB/TokenC`) the host and
    every path segment."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        register_secret(url)
        return
    database = database or parts.scheme.lower().startswith(("postgres", "sqlite", "mysql"))
    if not database:  # a database URL stays readable (`postgresql://user:***@host/db`): only its password is secret
        register_secret(url)
    register_secret(parts.password)
    if parts.password and not database:
        register_secret(parts.username)
    for name, value in parse_qsl(parts.query, keep_blank_values=False):
        if name[:1] in "+-:" or _SECRET_NAME.search(name):
            register_secret(value)
    if not database and parts.scheme.lower() not in ("http", "https", "json", "jsons", "mailto", "mailtos"):
        register_secret(parts.netloc.rpartition("@")[2].split(":")[0])  # as written: hostname is lowercased
        for segment in parts.path.split("/"):
            register_secret(segment)


def forget_secrets() -> None:
    """Drop every registered secret (tests that register their own)."""
    global _known
    with _lock:
        _known = ()


def _mask_userinfo(match: re.Match[str]) -> str:
    userinfo = match.group("userinfo")
    if not userinfo:
        return match.group(0)
    user, colon, _password = userinfo.partition(":")
    return f"{match.group('scheme')}{user}:{MASK}@" if colon else f"{match.group('scheme')}{userinfo}@"


def _mask_param(match: re.Match[str]) -> str:
    name = match.group("name")
    bare = unquote(name)
    if bare[:1] in "+-" or _SECRET_NAME.search(bare):
        return f"{match.group('sep')}{name}={MASK}" if match.group("value") else match.group(0)
    return match.group(0)


def redact(text: str) -> str:
    """`text` with every secret masked (see the module docstring). Idempotent; never raises."""
    if not text:
        return text
    for secret in _known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _USERINFO.sub(_mask_userinfo, text)
    text = _QUERY_PARAM.sub(_mask_param, text)
    text = _FREE_PAIR.sub(lambda m: f"{m.group('name')}{m.group('sep')}{m.group('quote')}{MASK}", text)
    return _BEARER.sub(lambda m: f"{m.group('kind')} {MASK}", text)


def describe_error(exc: BaseException) -> str:
    """One redacted line for an exception: its class and the first line of its message. SQLAlchemy errors are
    read from the driver's own message, without the statement, parameters and "Background on this error" link."""
    orig: Any = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc).strip()
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    name = type(orig if orig is not None else exc).__name__
    return redact(f"{name}: {first}" if first else name)


# --------------------------------------------------------------------------- logging


_installed = False


def install_log_redaction(secrets: Iterable[str] = (), database_url: str = "") -> None:
    """Mask every log record of this process at creation (message, arguments, traceback); register `secrets`
    (route URLs) and the database URL's password first. Idempotent: entry points (CLI, flows) each call it."""
    global _installed
    for url in secrets:
        register_url_secrets(url)
    if database_url:
        register_url_secrets(database_url, database=True)
    with _lock:
        if _installed:
            return
        _installed = True
    factory = logging.getLogRecordFactory()

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(redacting_factory)


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep what there is, masked
        message = f"{record.msg} {record.args}"
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


class RedactingStream:
    """A text stream that masks what it writes, over the current sys.stdout/sys.stderr (looked up at each
    write, so test runners that swap them still capture). Rich writes a whole rendered print at once."""

    def __init__(self, name: str) -> None:
        self._name = name

    @property
    def _target(self) -> Any:
        import sys

        return getattr(sys, self._name)

    def write(self, text: str) -> int:
        self._target.write(redact(text))
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._target, attr)
