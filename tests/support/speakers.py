"""The statement speakers the shipped extractors give a text, for the table-driven statement tests."""

from __future__ import annotations

import functools

import pytest

from config.watch import load_watch
from watchers.claims.actors import ActorExtractor
from watchers.claims.statements import StatementExtractor
from watchers.claims.text import prepare
from watchers.models import Article


@functools.cache
def _extractors() -> tuple[ActorExtractor, StatementExtractor]:
    watch = load_watch()
    return ActorExtractor(watch), StatementExtractor(watch)


def speakers_of(text: str) -> list[str]:
    """The speakers of the statements found in `text` (one-paragraph-or-more article), in order."""
    actors, statements = _extractors()
    doc = prepare(Article(article_id="t", url="https://example.test/a", text=text))
    return [s.speaker for s in statements.extract(doc, actors.extract(doc))]


def known(reason: str, *case: object) -> object:
    """A table row known to fail: strict, so the table turns red when it starts to pass."""
    return pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=reason))
