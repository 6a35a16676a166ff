"""Run the alert logic in memory over a JSONL article stream and write the alerts it would send (JSONL).

    python scripts/run_stream.py STREAM.jsonl --out ALERTS.jsonl
        [--claims CLAIMS.jsonl] [--baseline-claims BASELINE.jsonl]   precomputed claims instead of the extractor
        [--oracle-topic GOLD.jsonl] [--oracle-dup GOLD.jsonl]        gold relevance / gold story identity

No database and no Prefect: the baseline is built from the watch's seed documents (or `--baseline-claims`,
rows with `file` naming the seed document and `claims`), then each article is assessed in order of
publication. `--claims` rows have the shape of `claimwatch extract` output (id, claims); relevance is then
judged by `RelevanceJudge` unless `--oracle-topic` gives it. Check parts separately by switching oracles on.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.watch import WatchConfig, load_watch  # noqa: E402
from watchers.assess import ClaimSource, GivenClaims, StoryMatcher, assess_article  # noqa: E402
from watchers.baseline import baseline_from_claims, build_baseline, record_seed_stories  # noqa: E402
from watchers.claims import ClaimExtractor  # noqa: E402
from watchers.claims.relevance import RelevanceJudge  # noqa: E402
from watchers.diff import diff_to_payload  # noqa: E402
from watchers.jsonl import read_articles  # noqa: E402
from watchers.models import Article, ArticleClaims, KnownState, claim_from_json  # noqa: E402
from watchers.stories import StoryMatch, fingerprint  # noqa: E402


def claims_of(row: dict[str, Any], article_id: str) -> ArticleClaims:
    claims = tuple(c for c in (claim_from_json(r) for r in row.get("claims", [])) if c is not None)
    return ArticleClaims(article_id=article_id, claims=claims, relevant=True)


def load_rows(path: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(r.get("file") or r["id"]): r for r in rows}


class TopicOracle:
    """Claims from another source, with gold relevance."""

    def __init__(self, extractor: ClaimSource, topics: dict[str, bool]) -> None:
        self.extractor, self.topics = extractor, topics

    def extract(self, article: Article) -> ArticleClaims:
        claims = self.extractor.extract(article)
        return ArticleClaims(article.article_id, claims.claims, self.topics.get(article.article_id, False), 1.0)


def dup_oracle(gold: dict[str, dict[str, Any]]) -> StoryMatcher:
    """Story identity from gold `dup_of` (the original's URL) instead of text similarity."""

    def match(state: KnownState, article: Article) -> StoryMatch:
        story_id = gold.get(article.article_id, {}).get("dup_of") or article.url or article.article_id
        return StoryMatch(story_id, story_id in state.stories, 1.0, fingerprint(article).encode())

    return match


def baseline_state(watch: WatchConfig, extractor: ClaimExtractor, baseline_claims: Path | None) -> KnownState:
    documents = [(p.name, p.read_text(encoding="utf-8")) for p in watch.baseline_paths()]
    if baseline_claims is None:
        return build_baseline(watch, extractor, documents)
    rows = load_rows(baseline_claims)
    state = baseline_from_claims(watch, [(name, claims_of(rows.get(name, {}), name)) for name, _ in documents])
    record_seed_stories(state, documents)
    return state


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    watch = load_watch(args.watch)
    seeds = [p.read_text(encoding="utf-8") for p in watch.baseline_paths()]
    extractor = ClaimExtractor(watch, seeds)
    gold = load_rows(args.oracle_topic or args.oracle_dup) if (args.oracle_topic or args.oracle_dup) else {}
    topics = {k: r.get("topic") == "on_topic" for k, r in gold.items()} if args.oracle_topic else None
    source: ClaimSource = extractor
    if args.claims:
        given = {key: claims_of(row, key) for key, row in load_rows(args.claims).items()}
        source = GivenClaims(given, RelevanceJudge(watch, seeds))
    if topics is not None:
        source = TopicOracle(source, topics)
    matcher = dup_oracle(gold) if args.oracle_dup else None
    state = baseline_state(watch, extractor, args.baseline_claims)
    articles = sorted(read_articles(args.stream), key=lambda a: (a.published or datetime.min, a.article_id))
    alerts = []
    for article in articles:
        result = assess_article(state, source, matcher, article, watch, watch.baseline_date)
        published = article.published.date().isoformat() if article.published else None
        alerts += [{**diff_to_payload(d, article.article_id), "published": published} for d in result.diffs]
        if args.trace:
            print(f"{article.article_id} relevant={result.relevant} score={result.claims.relevance:.2f} "
                  f"story={result.story.story_id} copy={result.story.is_copy} sim={result.story.similarity:.2f} "
                  f"alerts={len(result.diffs)}", file=sys.stderr)  # fmt: skip
    return alerts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stream", type=Path)
    ap.add_argument("--out", type=Path, help="alerts JSONL (default: stdout)")
    ap.add_argument("--watch", type=Path, default=ROOT / "config" / "watch.yaml")
    ap.add_argument("--claims", type=Path, help="precomputed claims JSONL (id, claims) instead of the extractor")
    ap.add_argument("--baseline-claims", type=Path, help="claims of the seed documents (file or id, claims)")
    ap.add_argument("--oracle-topic", type=Path, metavar="GOLD", help="take relevance from gold `topic`")
    ap.add_argument("--oracle-dup", type=Path, metavar="GOLD", help="take story identity from gold `dup_of`")
    ap.add_argument("--trace", action="store_true", help="one line per article on stderr")
    args = ap.parse_args()
    lines = [json.dumps(a, ensure_ascii=False) for a in run(args)]
    text = "".join(line + "\n" for line in lines)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"{len(lines)} alerts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
