"""Escaping per channel: a hostile article's text reaches Slack, email, JSON webhooks and the terminal inert."""

from __future__ import annotations

import json
from typing import Any

import apprise.plugins.slack as apprise_slack
import pytest
from rich.console import Console

from flows import render
from tests.support.hostile import LIVE, OUTLET, SENTENCE, URL, hostile_alert
from tests.support.smtp import mailto_url, smtp_server, text_and_html
from tests.support.webhook import webhook_server
from watchers.delivery import deliver

SLACK_URL = "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#news"


class _SlackAnswer:
    status_code = 200
    content = b"ok"
    text = "ok"
    headers: dict[str, str] = {}  # noqa: RUF012

    def json(self) -> dict[str, Any]:
        return {"ok": True}


def test_slack_gets_escaped_text_and_links_rebuilt_from_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real apprise Slack formatting; only its HTTP call is captured (Slack itself is out of a test's reach)."""
    posted: list[dict[str, Any]] = []

    def capture(method: str, url: str, data: str = "", **_: Any) -> _SlackAnswer:
        posted.append(json.loads(data))
        return _SlackAnswer()

    monkeypatch.setattr(apprise_slack.requests, "request", capture)
    result = deliver(hostile_alert(), SLACK_URL, timeout=5)
    assert result.ok, result.error
    (payload,) = posted
    text = payload["attachments"][0]["text"] + payload["attachments"][0]["title"]
    for live in LIVE:
        assert live not in text, live
    assert "&lt;!channel&gt;" in text and "&amp;" in text  # shown as typed, not acted on
    links = [part.split("|")[0] for part in text.split("<")[1:]]
    assert links and all(link.startswith("https://news.test/a?b=%3Ci%3E") for link in links)  # ours, encoded


def test_email_parts_are_escaped_and_clean() -> None:
    with smtp_server() as (sink, port):
        result = deliver(hostile_alert(), mailto_url(port), timeout=5)
        assert result.ok, result.error
        (message,) = sink.wait_for(1)
    plain, html = text_and_html(message)
    for live in ("<script>", "<b>", "<i>", "<!channel>"):
        assert live not in html, live
    assert "&lt;script&gt;" in html and 'href="https://news.test/a?b=%3Ci%3E&amp;c=%7Cx%22y"' in html
    assert "<script>" in plain  # the text part shows the article's words as written: plain text runs nothing
    assert not [line for line in plain.splitlines() if line.strip() in (">", "&gt;")]


def test_json_webhook_carries_the_text_as_data() -> None:
    with webhook_server() as (log, port):
        result = deliver(hostile_alert(), f"json://127.0.0.1:{port}/hook", timeout=5)
        (request,) = log.wait_for(1)
    assert result.ok
    assert request.body["sentence"] == SENTENCE and request.body["outlet"] == OUTLET  # exact, as JSON strings
    assert request.body["url"] == "https://news.test/a?b=%3Ci%3E&c=%7Cx%22y"  # validated and encoded
    assert "(https://news.test/a?b=%3Ci%3E&c=%7Cx%22y)" in request.body["message"]  # the markdown link holds
    assert URL not in request.body["message"].replace("\\", "")  # the raw URL is never a link target


def test_terminal_rendering_does_not_run_rich_markup() -> None:
    console = Console(width=100, record=True, color_system=None)
    render.alert(console, hostile_alert())
    shown = console.export_text()
    assert "[bold red]boom[/]" in shown and "[link=https://evil.test]x[/link]" in shown  # printed, not applied
    assert "**" not in shown.split("\n")[0]  # rendered markdown, not raw
