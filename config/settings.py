"""Settings from the environment (prefix `CLAIMWATCH_`), parsed once at the entry point and passed down."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError

from config import DEFAULT_WATCH_FILE


class HttpLimits(BaseSettings):
    """Limits of our HTTP client (env: `CLAIMWATCH_HTTP__CONNECT_TIMEOUT=5`, ...)."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # wall clock for one response, trickling servers included
    max_feed_bytes: int = 10_000_000
    max_page_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host_concurrency: int = 2
    max_connections: int = 10
    user_agent: str = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)"
    # hosts, IPs or networks exempt from the SSRF guard, optionally on one port only ("127.0.0.1:8080",
    # "intranet.example:443", "[::1]:8080", "10.0.0.0/8"); tests allowlist 127.0.0.1
    allow_private_hosts: list[str] = Field(default_factory=list)


def default_data_dir() -> Path:
    """The per-user data directory: $XDG_DATA_HOME/claimwatch, else ~/.local/share/claimwatch. Never relative to
    the current directory, so a run from elsewhere finds the same database."""
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "claimwatch"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CLAIMWATCH_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(default_factory=default_data_dir)  # made absolute below
    database_url: str = ""  # default: sqlite under data_dir
    watch_file: Path = DEFAULT_WATCH_FILE
    # apprise URLs, keyed by route name in watch.yaml (env: CLAIMWATCH_ALERT_URLS='{"slack": "slack://..."}')
    alert_urls: dict[str, SecretStr] = Field(default_factory=dict)
    http: HttpLimits = Field(default_factory=HttpLimits)
    prefect_home: Path | None = None  # default: data_dir / "prefect"
    # learned claim-model weights; default: the files shipped in watchers/claims/weights/
    claim_weights_dir: Path | None = None

    @field_validator("database_url")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()

    @field_validator("data_dir", "watch_file", "prefect_home", "claim_weights_dir")
    @classmethod
    def _absolute(cls, v: Path | None) -> Path | None:
        # resolved once, at start: a later chdir (or a Prefect worker's own cwd) cannot move the data
        return v.expanduser().resolve() if v is not None else None

    def unknown_routes(self, known: list[str]) -> str | None:
        """An error naming the CLAIMWATCH_ALERT_URLS keys that are no route of the watch (and the routes), or None."""
        unknown = sorted(set(self.alert_urls) - set(known))
        if not unknown:
            return None
        return (
            f"CLAIMWATCH_ALERT_URLS names route(s) {', '.join(map(repr, unknown))} that watch.yaml does not define; "
            f"known routes: {', '.join(known) or '(none)'}"
        )

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'claimwatch.db').resolve()}"

    def resolved_prefect_home(self) -> Path:
        return (self.prefect_home or self.data_dir / "prefect").resolve()


class SettingsConfigError(ValueError):
    """An environment setting is malformed; the message names it and never repeats its value (it may be secret)."""


ALERT_URLS_HELP = (
    'CLAIMWATCH_ALERT_URLS must be a JSON object of route name → apprise URL, e.g. \'{"slack": "slack://…"}\''
)


def load_settings() -> Settings:
    """Settings from the environment, or SettingsConfigError in one line naming the bad variable."""
    try:
        return Settings()
    except SettingsError as exc:
        field = str(exc).split('"')[1] if '"' in str(exc) else ""
        if field == "alert_urls":
            raise SettingsConfigError(f"{ALERT_URLS_HELP}: it is not valid JSON") from exc
        raise SettingsConfigError(f"CLAIMWATCH_{field.upper()} is not valid JSON") from exc
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_input=False, include_url=False):
            name = "CLAIMWATCH_" + "__".join(str(p) for p in err["loc"]).upper()
            hint = f" ({ALERT_URLS_HELP})" if err["loc"][:1] == ("alert_urls",) else ""
            problems.append(f"{name}: {err['msg']}{hint}")
        raise SettingsConfigError("; ".join(problems)) from exc
