"""Figures: numbers about the situation, with kind, scope, qualifier and tracked quantity."""

from __future__ import annotations

from config.watch import WatchConfig
from watchers.claims.text import Document
from watchers.models import FigureClaim


class FigureExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch

    def extract(self, doc: Document) -> list[FigureClaim]:
        return []
