"""Actors: people, organisations, armed groups and countries taking part in the story."""

from __future__ import annotations

from config.watch import WatchConfig
from watchers.claims.text import Document
from watchers.models import ActorClaim


class ActorExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch

    def extract(self, doc: Document) -> list[ActorClaim]:
        return []
