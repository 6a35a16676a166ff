"""Build the side effects once at the entry point (store, HTTP client, clock, secrets) and pass them down."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from config.settings import Settings
from config.watch import WatchConfig, load_watch
from storage import Store
from watchers.claims import ClaimExtractor
from watchers.claims.learned import load_models
from watchers.http import build_client
from watchers.redact import install_log_redaction

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def prepare_prefect_env(settings: Settings) -> None:
    """Defaults for Prefect's local ephemeral API, set before Prefect is imported: our own PREFECT_HOME,
    no telemetry from an offline server, and room for its slow first start on a small machine."""
    home = settings.resolved_prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")


@dataclass
class Runtime:
    settings: Settings
    watch: WatchConfig
    store: Store
    client: httpx.Client
    extractor: ClaimExtractor
    now: Clock = utc_now
    secret_lookup: Callable[[str], str | None] = field(default=lambda _name: None)

    def close(self) -> None:
        self.client.close()
        self.store.close()


def open_runtime(
    settings: Settings,
    *,
    watch: WatchConfig | None = None,
    now: Clock = utc_now,
    transport: httpx.BaseTransport | None = None,
    secret_lookup: Callable[[str], str | None] | None = None,
    migrate: bool = True,
    adopt_watch: bool = False,
) -> Runtime:
    """Everything a step needs. Raises WatchMismatch when the database belongs to another watch (unless
    `adopt_watch`: a deliberate rebuild), and the driver's error when the database cannot be reached."""
    install_log_redaction(
        [u.get_secret_value() for u in settings.alert_urls.values()], database_url=settings.database_url
    )
    watch = watch or load_watch(settings.watch_file)
    if not settings.database_url:  # the default SQLite file lives in the data dir; other URLs leave it alone
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.from_url(settings.resolved_database_url())
    try:
        if migrate:
            store.migrate()
        store.check_watch(watch.fingerprint(), adopt=adopt_watch, record=migrate)
    except BaseException:
        store.close()
        raise
    baseline_texts = [
        p.read_text(encoding="utf-8") for p in watch.baseline_paths(Path(settings.watch_file).parent / "baseline")
    ]
    return Runtime(
        settings=settings,
        watch=watch,
        store=store,
        client=build_client(settings.http, transport=transport),
        extractor=ClaimExtractor(watch, baseline_texts, models=load_models(settings.claim_weights_dir)),
        now=now,
        secret_lookup=secret_lookup or (lambda _name: None),
    )
