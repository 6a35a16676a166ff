"""Sending one alert to one route URL. The only module here that talks to apprise.

apprise 2.x's notify() returns an AppriseResult: bool() is success, and a failure does not raise, so its
reasons come from `result.logs()`.
apprise never shows an HTTP response's Retry-After, so JSON webhooks (`json://`, `jsons://`) are posted
by a small sender here that reads it; the body is the alert as data (`webhook_body`, README "JSON webhooks").
"""

from __future__ import annotations

import hashlib
import html
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import apprise
import httpx
from apprise import AppriseResult
from pydantic import SecretStr

from config.watch import RouteConfig
from watchers.alerts import alert_document
from watchers.models import Alert
from watchers.redact import describe_error, redact, register_url_secrets

SecretLookup = Callable[[str], str | None]
DEFAULT_TIMEOUT = 15.0
_NOTIFY_TYPE = {"low": "info", "medium": "info", "high": "warning", "critical": "failure"}
_WEBHOOK_SCHEMES = {"json": "http", "jsons": "https"}


@dataclass(frozen=True)
class DeliveryResult:
    ok: bool
    error: str | None = None
    retry_after: float | None = None  # seconds the receiver asked us to wait, when it said so
    timed_out: bool = False  # no answer in time: the receiver may still have got it


def idempotency_key(alert_key: str, route: str) -> str:
    """The key every copy of one alert sent to one route carries (a retry, a resend after a crash), so a
    receiver that remembers keys drops the copies: the JSON body's `idempotency_key` and the `Idempotency-Key`
    header for JSON webhooks, the message footer for apprise routes."""
    return "cw-" + hashlib.sha256(f"{alert_key}:{route}".encode()).hexdigest()[:32]


def resolve_route_url(
    route: RouteConfig, alert_urls: Mapping[str, SecretStr], secret_lookup: SecretLookup
) -> str | None:
    """The route's apprise URL: Settings.alert_urls first, then the secret named in the route."""
    url = alert_urls[route.name].get_secret_value() if route.name in alert_urls else None
    if url is None and route.secret:
        url = secret_lookup(route.secret)
    if url:
        register_url_secrets(url)  # whatever is printed or stored later masks this URL's tokens
    return url


def resolve_routes(
    routes: list[RouteConfig], alert_urls: Mapping[str, SecretStr], secret_lookup: SecretLookup
) -> tuple[dict[str, str], list[str]]:
    """Resolve and validate every route at startup: (route → URL, problems naming the route, no secrets)."""
    urls: dict[str, str] = {}
    problems: list[str] = []
    for route in routes:
        url = resolve_route_url(route, alert_urls, secret_lookup)
        error = "no URL (set CLAIMWATCH_ALERT_URLS or its secret)" if url is None else validate_route_url(url)
        if error:
            problems.append(f"route {route.name!r}: {error}")
        elif url is not None:
            urls[route.name] = url
    return urls, problems


def describe_url(url: str) -> str:
    """A URL safe for logs: apprise's privacy form (which still shows `+Header=` values: redacted), or only
    the scheme when apprise can't parse it."""
    plugin = apprise.Apprise.instantiate(url)
    return redact(str(plugin.url(privacy=True))) if plugin else f"{url.split(':', 1)[0]}://…"


def validate_route_url(url: str) -> str | None:
    """None when apprise understands `url`, else a message that does not contain the URL's secrets."""
    if apprise.Apprise.instantiate(url) is None:
        return f"not a valid notification URL ({url.split(':', 1)[0]}://…): check the scheme and its parameters"
    return None


def deliver(
    alert: Alert,
    url: str,
    timeout: float = DEFAULT_TIMEOUT,
    client: httpx.Client | None = None,
    key: str | None = None,
) -> DeliveryResult:
    """Send `alert` to `url` (with idempotency `key`, when given). Failures come back as a result, never as an
    exception."""
    if url.split(":", 1)[0].lower() in _WEBHOOK_SCHEMES:
        if client is not None:
            return post_webhook(client, alert, url, key)
        with httpx.Client(timeout=timeout) as own_client:
            return post_webhook(own_client, alert, url, key)
    return _notify(alert, url, timeout, key)


def route_sender(
    urls: Mapping[str, str], timeout: float = DEFAULT_TIMEOUT, client: httpx.Client | None = None
) -> Callable[[Alert, str], DeliveryResult]:
    """A `send(alert, route)` for the outbox, over resolved route URLs (route name → URL)."""

    def send(alert: Alert, route: str) -> DeliveryResult:
        url = urls.get(route)
        if url is None:
            return DeliveryResult(False, f"no notification URL configured for route {route!r}")
        return deliver(alert, url, timeout, client, key=idempotency_key(alert.key, route))

    return send


def _notify(alert: Alert, url: str, timeout: float, key: str | None = None) -> DeliveryResult:
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return DeliveryResult(False, validate_route_url(url))
    plugin.socket_connect_timeout = plugin.socket_read_timeout = timeout
    plain = plugin.notify_format == apprise.NotifyFormat.TEXT
    # HTML, not markdown: from HTML apprise builds Slack mrkdwn with `&`, `<`, `>` escaped and links rebuilt
    # (from markdown it turns "<!channel>" in article text back into a live mention), and a clean email text part.
    body, body_format = (alert.body_text, "text") if plain else (alert.html(), "html")
    if key:  # apprise has no header for it: the footer lets a reader (or a mail filter) spot a repeat
        body += f"\n\nalert id: {key}" if plain else f"\n<p>alert id: {html.escape(key)}</p>"
    notifier = apprise.Apprise()
    notifier.add(plugin)
    started = time.monotonic()
    try:
        result = notifier.notify(
            body=body, title=alert.title, body_format=body_format, notify_type=_NOTIFY_TYPE[alert.severity]
        )
    except Exception as exc:  # a plugin bug must not stop the drain: it becomes this row's error
        return DeliveryResult(False, _redact(describe_error(exc), url))
    ok, reasons = read_outcome(result)
    if ok:
        return DeliveryResult(True)
    error = _redact(reasons or "notification failed", url) + f" [{describe_url(url)}]"
    # apprise does not say whether a send timed out; one that failed after the whole timeout may have
    # reached the receiver (an SMTP server slow to answer DATA), so it is treated as one that timed out
    timed_out = time.monotonic() - started >= timeout or "timed out" in error.lower()
    return DeliveryResult(False, error + (" (no answer within the timeout)" if timed_out else ""), timed_out=timed_out)


def read_outcome(result: AppriseResult) -> tuple[bool, str]:
    """(success, reasons) from notify()'s AppriseResult; the reasons are its log messages (WARNING and up)."""
    if bool(result):
        return True, ""
    problems = (entry.message for entry in result.logs() if entry.level in {"WARNING", "ERROR", "CRITICAL"})
    return False, "; ".join(problems).strip()


def _redact(message: str, url: str) -> str:
    """The message with `url` in its privacy form and every secret of it masked."""
    register_url_secrets(url)
    return redact(message.replace(url, describe_url(url)))


def webhook_request(alert: Alert, url: str, key: str | None = None) -> tuple[str, dict[str, str], dict[str, Any]]:
    """(endpoint, headers, JSON body) for a `json://` URL, as apprise builds them.

    `+Name=value` query items become headers and `:key=value` items payload fields, like apprise
    (a `+` here is the marker, not an encoded space).
    """
    parts = urlsplit(url)
    query = [(unquote(k), unquote(v)) for k, _, v in (item.partition("=") for item in parts.query.split("&") if item)]
    endpoint = f"{_WEBHOOK_SCHEMES[parts.scheme.lower()]}://{parts.hostname}"
    endpoint += f":{parts.port}" if parts.port else ""
    endpoint += parts.path or "/"
    headers = {"Content-Type": "application/json", **{k[1:]: v for k, v in query if k.startswith("+")}}
    body = webhook_body(alert)
    body.update({k[1:]: v for k, v in query if k.startswith(":")})
    if key:
        headers["Idempotency-Key"] = body["idempotency_key"] = key
    return endpoint, headers, body


def webhook_body(alert: Alert) -> dict[str, Any]:
    """The structured alert (`alert_document`, schema 1) with the readable title, message (markdown) and text;
    `level` is apprise's notify type (info/warning/failure) for receivers that sort by it."""
    return {**alert_document(alert), "message": alert.body_markdown, "text": alert.body_text,
            "level": _NOTIFY_TYPE[alert.severity]}  # fmt: skip


def post_webhook(client: httpx.Client, alert: Alert, url: str, key: str | None = None) -> DeliveryResult:
    endpoint, headers, body = webhook_request(alert, url, key)
    parts = urlsplit(url)
    auth: Any = (
        httpx.BasicAuth(unquote(parts.username), unquote(parts.password or ""))
        if parts.username
        else httpx.USE_CLIENT_DEFAULT
    )
    try:
        response = client.post(endpoint, json=body, headers=headers, auth=auth)
    except httpx.TimeoutException as exc:
        return DeliveryResult(False, f"{type(exc).__name__} posting to {describe_url(url)}", timed_out=True)
    except httpx.HTTPError as exc:
        return DeliveryResult(False, f"{type(exc).__name__} posting to {describe_url(url)}")
    if response.is_success:
        return DeliveryResult(True)
    error = f"HTTP {response.status_code} from {describe_url(url)}"
    return DeliveryResult(False, error, retry_after_seconds(response.headers))


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Retry-After as seconds: delta-seconds, or an HTTP date measured against the response's Date."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        until, sent = parsedate_to_datetime(value), parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError):
        return None
    return max((until - sent).total_seconds(), 0.0)
