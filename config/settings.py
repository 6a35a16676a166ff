"""Settings from the environment (prefix `CLAIMWATCH_`), parsed once at the entry point and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    # hosts or IPs exempt from the SSRF guard (tests allowlist 127.0.0.1)
    allow_private_hosts: list[str] = Field(default_factory=list)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CLAIMWATCH_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Path(".data")
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

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'claimwatch.db').resolve()}"

    def resolved_prefect_home(self) -> Path:
        return (self.prefect_home or self.data_dir / "prefect").resolve()
