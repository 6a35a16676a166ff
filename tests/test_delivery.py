"""Delivery through real apprise to a real SMTP sink, and JSON webhooks to a local HTTP server."""

from __future__ import annotations

import apprise
from pydantic import SecretStr

from config.watch import RouteConfig
from tests.support.smtp import free_port, mailto_url, smtp_server, text_and_html
from tests.support.webhook import Answer, webhook_server
from watchers.delivery import (
    deliver,
    describe_url,
    read_outcome,
    resolve_route_url,
    resolve_routes,
    retry_after_seconds,
    route_sender,
    validate_route_url,
    webhook_request,
)
from watchers.models import Alert

ALERT = Alert(
    key="k1",
    type="figure_changed",
    severity="critical",
    title="Deaths in boat strikes: 61 → 65 (+4)",
    body_markdown="**Deaths in boat strikes: 61 → 65 (+4)**\n\n> 65 killed.\n\n- Link: [news.test](https://news.test/a)",
    body_text="Deaths in boat strikes: 61 → 65 (+4)\n\n“65 killed.”\n\nLink: https://news.test/a",
    payload={"type": "figure_changed", "track": "boat_strike_deaths", "old": 61, "new": 65},
    body_html="<p><strong>Deaths in boat strikes: 61 → 65 (+4)</strong></p>\n<p><em>“65 killed.”</em></p>\n"
    '<ul><li>Link: <a href="https://news.test/a">news.test</a></li></ul>',
)


def test_email_gets_html_and_text() -> None:
    with smtp_server() as (sink, port):
        result = deliver(ALERT, mailto_url(port), timeout=5)
        assert result.ok, result.error
        (message,) = sink.wait_for(1)
    assert message["Subject"] == ALERT.title
    assert message["To"] == "ops@example.org"
    plain, html = text_and_html(message)
    assert '<a href="https://news.test/a">news.test</a>' in html
    assert "<strong>Deaths in boat strikes" in html
    assert "65 killed." in plain and "<strong>" not in plain
    assert not [line for line in plain.splitlines() if line.strip().startswith(">")]  # no stray quote marker


def test_smtp_down_is_a_failed_result_without_secrets() -> None:
    url = f"mailto://ops:hunter2secret@127.0.0.1:{free_port()}?from=claimwatch@example.org&to=ops@example.org"
    result = deliver(ALERT, url, timeout=2)
    assert not result.ok
    assert result.error and "hunter2secret" not in result.error
    assert "127.0.0.1" in result.error  # the reason names the host (apprise's log, or our privacy URL)


def test_webhook_gets_the_alert_as_data_beside_title_and_message() -> None:
    with webhook_server() as (log, port):
        result = deliver(ALERT, f"json://127.0.0.1:{port}/hook?+X-Token=abc&:source=claimwatch", timeout=5)
        (request,) = log.wait_for(1)
    assert result.ok
    assert request.path == "/hook"
    assert request.headers["x-token"] == "abc"
    assert request.body == {
        "schema": 1,
        "key": "k1",
        "type": "figure_changed",
        "track": "boat_strike_deaths",
        "old": 61,
        "new": 65,
        "severity": "critical",
        "title": ALERT.title,
        "message": ALERT.body_markdown,
        "text": ALERT.body_text,
        "level": "failure",
        "source": "claimwatch",
    }


def test_webhook_429_reports_retry_after() -> None:
    answers = [Answer(429, {"Retry-After": "120"}), Answer(500)]
    with webhook_server(answers) as (_log, port):
        url = f"json://127.0.0.1:{port}/hook"
        first, second, third = (deliver(ALERT, url, timeout=5) for _ in range(3))
    assert (first.ok, first.retry_after) == (False, 120.0)
    assert first.error and first.error.startswith(f"HTTP 429 from json://127.0.0.1:{port}/hook")
    assert (second.ok, second.retry_after) == (False, None)
    assert third.ok


def test_webhook_unreachable_is_a_failed_result() -> None:
    result = deliver(ALERT, f"json://user:s3cret@127.0.0.1:{free_port()}/hook", timeout=2)
    assert not result.ok
    assert result.error and result.error.startswith("ConnectError") and "s3cret" not in result.error


def test_retry_after_forms() -> None:
    assert retry_after_seconds({"retry-after": "30"}) == 30.0
    when = {"retry-after": "Wed, 21 Oct 2026 07:28:30 GMT", "date": "Wed, 21 Oct 2026 07:28:00 GMT"}
    assert retry_after_seconds(when) == 30.0
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2026 07:28:30 GMT"}) is None  # no Date to measure from
    assert retry_after_seconds({}) is None


def test_webhook_request_for_https() -> None:
    endpoint, headers, _body = webhook_request(ALERT, "jsons://hooks.example.org/a/b?+Authorization=Bearer%20x")
    assert endpoint == "https://hooks.example.org/a/b"
    assert headers["Authorization"] == "Bearer x"


def test_route_urls_are_validated_and_masked() -> None:
    slack = "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#news-alerts"
    assert validate_route_url(slack) is None
    assert validate_route_url("mailto://127.0.0.1:25?from=a@example.org&to=b@example.org") is None
    error = validate_route_url("nosuchscheme://token-abc@host")
    assert error and "token-abc" not in error
    assert "TIiajkdnlazkcOXrIdevi7FQ" not in describe_url(slack)
    assert "hunter2" not in describe_url("mailto://u:hunter2@example.org?to=a@example.org")


def test_route_url_resolution_prefers_settings_then_secret() -> None:
    route = RouteConfig(name="slack", secret="claimwatch-slack-url")
    secrets = {"claimwatch-slack-url": "json://127.0.0.1:9/from-secret"}
    from_settings = {"slack": SecretStr("json://127.0.0.1:9/from-env")}
    assert resolve_route_url(route, from_settings, secrets.get) == "json://127.0.0.1:9/from-env"
    assert resolve_route_url(route, {}, secrets.get) == "json://127.0.0.1:9/from-secret"
    assert resolve_route_url(RouteConfig(name="slack"), {}, secrets.get) is None


def test_route_sender_reports_a_route_without_url() -> None:
    result = route_sender({})(ALERT, "pager")
    assert not result.ok and result.error == "no notification URL configured for route 'pager'"


def test_resolve_routes_reports_each_problem_by_route() -> None:
    routes = [RouteConfig(name="email"), RouteConfig(name="slack", secret="s"), RouteConfig(name="pager")]
    urls, problems = resolve_routes(
        routes, {"email": SecretStr("mailto://127.0.0.1:25?from=a@example.org&to=b@example.org")}, {"s": "bad://x"}.get
    )
    assert list(urls) == ["email"]
    assert problems == [
        "route 'slack': not a valid notification URL (bad://…): check the scheme and its parameters",
        "route 'pager': no URL (set CLAIMWATCH_ALERT_URLS or its secret)",
    ]


def test_read_outcome_gives_the_reasons_of_a_real_apprise_failure() -> None:
    notifier = apprise.Apprise()
    notifier.add(f"json://127.0.0.1:{free_port()}/hook")  # nothing listens there
    ok, reasons = read_outcome(notifier.notify(body="b", title="t"))
    assert not ok and "Connection error" in reasons and "127.0.0.1" in reasons
