"""Alert messages: content, severity, the change-based key, and digests."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from config.watch import AlertsConfig, BaselineSource, TrackConfig, WatchConfig
from watchers.alerts import alert_document, alert_key, compose_alert, compose_digest, fold
from watchers.models import (
    ActorClaim,
    ClaimDiff,
    DeploymentClaim,
    Evidence,
    FigureClaim,
    Source,
    StatementClaim,
)

WATCH = WatchConfig(
    name="venezuela-2025",
    title="US–Venezuela",
    baseline_date=dt.date(2025, 10, 31),
    baseline_documents=["000.txt", "001_3283293aca2b446f.txt"],
    baseline_sources={"001_3283293aca2b446f.txt": BaselineSource(outlet="The Defense News", published="2025-10-31")},
    tracks=[TrackConfig(name="boat_strike_deaths", kind="killed", description="Deaths in boat strikes")],
    alerts=AlertsConfig(track_severity={"boat_strike_deaths": "critical"}),
)
PUBLISHED = dt.datetime(2025, 11, 2, 15, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SOURCE = Source("a042", "https://news.test/a042_(x)", "Reuters", PUBLISHED, "story-7")
SENTENCE = "At least 65 people have been killed in 16 strikes on *alleged* drug boats."


def figure_diff(new: float = 65, article: str = "a042") -> ClaimDiff:
    claim = FigureClaim("killed", new, "cumulative", "people", Evidence(SENTENCE, 0, 70), "boat_strike_deaths")
    return ClaimDiff(
        "figure_changed",
        claim,
        replace(SOURCE, article_id=article),
        old=61,
        new=new,
        track="boat_strike_deaths",
        independent_sources=2,
        baseline_document="001_3283293aca2b446f.txt",
    )


def test_figure_alert_says_what_changed_and_where() -> None:
    payload = {"type": "figure_changed", "kind": "killed", "track": "boat_strike_deaths", "old": 61, "new": 65}
    alert = compose_alert(figure_diff(), WATCH, payload)
    assert alert.title == "Boat strike deaths: 61 → 65 (+4)"
    assert alert.severity == "critical"  # the track's severity wins over figure_changed's "high"
    assert alert.payload == {**payload, **alert.payload}  # the public line, with structured fields added
    assert alert.tags == ("figure_changed", "boat_strike_deaths")
    for body in (alert.body_markdown, alert.body_text, alert.body_html):
        for fact in ("61 → 65", "Reuters", "2025-11-02 14:05 UTC", "Independent sources: 2"):
            assert fact in body, fact
    # the baseline named by its outlet and date (watch.yaml's baseline_sources), not by its file name
    assert "Baseline: The Defense News, 2025-10-31" in alert.body_text
    assert ".txt" not in alert.body_text and ".txt" not in alert.body_html
    assert "[Reuters](https://news.test/a042_(x%29), 2025-11-02 14:05 UTC" in alert.body_markdown
    assert f"“{SENTENCE}”" in alert.body_text
    assert "> At least 65 people have been killed in 16 strikes on \\*alleged\\* drug boats." in alert.body_markdown
    assert "(https://news.test/a042_(x%29)" in alert.body_markdown  # a link markdown can't cut short
    assert alert.body_markdown.startswith("**Boat strike deaths: 61 → 65 (+4)**")
    assert "Tracks: Deaths in boat strikes" in alert.body_text  # the track's description is in the body


def test_the_key_names_the_change_not_the_article() -> None:
    same_change = [compose_alert(figure_diff(article=a), WATCH, {}).key for a in ("a042", "a077")]
    assert same_change[0] == same_change[1]
    assert compose_alert(figure_diff(new=70), WATCH, {}).key != same_change[0]
    other_watch = WATCH.model_copy(update={"name": "other"})
    assert alert_key(figure_diff(), other_watch.name) != same_change[0]


@pytest.mark.parametrize(
    ("claim", "diff_type", "title", "severity"),
    [
        (
            DeploymentClaim("USS Gerald R. Ford", "ship", Evidence("The Ford arrived.", 0, 17), side="US"),
            "new_deployment",
            "New deployment: USS Gerald R. Ford (ship, US)",
            "medium",
        ),
        (
            ActorClaim("Tren de Aragua", "group", Evidence("Tren de Aragua", 0, 14)),
            "new_actor",
            "New actor: Tren de Aragua (group)",
            "low",
        ),
        (
            StatementClaim("Nicolás Maduro", "We will resist.", Evidence("Maduro said: We will resist.", 0, 28)),
            "new_statement",
            "New statement by Nicolás Maduro: “We will resist.”",
            "low",
        ),
    ],
)
def test_other_alert_types(claim: object, diff_type: str, title: str, severity: str) -> None:
    diff = ClaimDiff(diff_type, claim, SOURCE)  # type: ignore[arg-type]
    alert = compose_alert(diff, WATCH, {"type": diff_type})
    assert (alert.title, alert.severity, alert.tags) == (title, severity, (diff_type,))
    assert "Baseline" not in alert.body_text
    assert claim.evidence.sentence in alert.body_text  # type: ignore[attr-defined]


def test_names_are_folded_for_the_key() -> None:
    assert fold("  Nicolás   MADURO!") == "nicolas maduro"
    ev = Evidence("s", 0, 1)
    keys = {
        compose_alert(ClaimDiff("new_deployment", DeploymentClaim(name, "ship", ev), SOURCE), WATCH, {}).key
        for name in ("USS Gerald R. Ford", "uss gerald r ford", "USS Gerald R. Ford ")
    }
    assert len(keys) == 1


def test_digest_collects_alerts() -> None:
    ev = Evidence("s", 0, 1)
    alerts = [
        compose_alert(ClaimDiff("new_actor", ActorClaim(n, "person", ev), SOURCE), WATCH, {"name": n})
        for n in ("Diosdado Cabello", "Vladimir Padrino López")
    ]
    now = dt.datetime(2025, 11, 3, 12, 0, tzinfo=dt.UTC)
    digest = compose_digest(alerts, WATCH, now)
    assert digest.type == "digest" and digest.severity == "low"
    assert digest.title == "US–Venezuela: 2 updates (digest)"
    assert all(a.title in digest.body_text and a.body_markdown in digest.body_markdown for a in alerts)
    assert [a["name"] for a in digest.payload["alerts"]] == ["Diosdado Cabello", "Vladimir Padrino López"]
    assert [a["key"] for a in digest.payload["alerts"]] == [a.key for a in alerts]
    assert compose_digest([*alerts, compose_alert(figure_diff(), WATCH, {})], WATCH, now).severity == "critical"
    with pytest.raises(ValueError):
        compose_digest([], WATCH, now)


def test_a_date_without_a_time_is_shown_as_a_date() -> None:
    midnight = dt.datetime(2025, 11, 4, tzinfo=dt.UTC)
    alert = compose_alert(replace(figure_diff(), source=replace(SOURCE, published=midnight)), WATCH, {})
    assert "Reuters, 2025-11-04\n" in alert.body_text and "00:00" not in alert.body_text
    assert alert.payload["published"] == "2025-11-04"
    timed = compose_alert(figure_diff(), WATCH, {})
    assert timed.payload["published"] == "2025-11-02T14:05:00+00:00"


def test_the_outlet_falls_back_to_the_domain() -> None:
    source = replace(SOURCE, publisher="", url="https://www.example.org/x")
    alert = compose_alert(replace(figure_diff(), source=source), WATCH, {})
    assert "Source: example.org, " in alert.body_text
    assert alert.payload["outlet"] == "example.org"


def test_structured_fields_carry_the_change_as_data() -> None:
    payload = {"type": "figure_changed", "kind": "killed", "track": "boat_strike_deaths", "old": 61, "new": 65}
    alert = compose_alert(replace(figure_diff(), source=replace(SOURCE, title="Toll rises")), WATCH, payload)
    doc = alert_document(alert)
    assert doc["schema"] == 1 and doc["key"] == alert.key and doc["severity"] == "critical"
    assert (doc["type"], doc["track"], doc["old"], doc["new"], doc["delta"]) == (
        "figure_changed",
        "boat_strike_deaths",
        61,
        65,
        4,
    )
    assert (doc["url"], doc["article_title"], doc["outlet"]) == ("https://news.test/a042_(x)", "Toll rises", "Reuters")
    assert doc["independent_sources"] == 2
    assert doc["baseline"] == {
        "document": "001_3283293aca2b446f.txt",
        "outlet": "The Defense News",
        "published": "2025-10-31",
    }
    assert doc["title"] == alert.title
    json.dumps(doc)  # JSON all the way down


def test_corroboration_names_the_alert_it_follows_up() -> None:
    diff = replace(figure_diff(), type="corroborated", old=None, independent_sources=3)
    alert = compose_alert(diff, WATCH, {"type": "corroborated"})
    assert alert.title == "Corroborated: Boat strike deaths 65, now reported by 3 independent sources"
    assert alert.severity == "low"  # `severity: corroborated:`, not the track's critical
    assert alert.payload["corroborates"] == {
        "type": "figure_changed",
        "key": compose_alert(figure_diff(), WATCH, {}).key,
    }
    assert alert.key != compose_alert(replace(diff, independent_sources=5), WATCH, {}).key
    ship = DeploymentClaim("USS Gravely", "ship", Evidence("USS Gravely arrived.", 0, 20))
    update = compose_alert(ClaimDiff("corroborated", ship, SOURCE, independent_sources=2), WATCH, {})
    assert (update.title, update.severity) == (
        "Corroborated: USS Gravely, now reported by 2 independent sources",
        "low",
    )
