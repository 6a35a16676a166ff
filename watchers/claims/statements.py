"""Statements: direct quotes attributed to a named person or institution."""

from __future__ import annotations

from config.watch import WatchConfig
from watchers.claims.text import Document
from watchers.models import ActorClaim, StatementClaim


class StatementExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch

    def extract(self, doc: Document, actors: list[ActorClaim]) -> list[StatementClaim]:
        return []
