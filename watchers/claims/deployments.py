"""Deployments: named ships, ship and aircraft types, weapon systems and units, with side."""

from __future__ import annotations

from config.watch import WatchConfig
from watchers.claims.text import Document
from watchers.models import DeploymentClaim


class DeploymentExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch

    def extract(self, doc: Document) -> list[DeploymentClaim]:
        return []
