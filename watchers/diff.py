"""Diff: the changes one article brings against what is known, by the alert rules of the eval contract.

- `figure_changed`: the article's highest figure for a tracked quantity is above the known maximum (one
  per track and article; a track without a baseline value alerts on its first figure, old None). Lower or
  equal readings are stale news, kept in history.
- `new_deployment`: an asset neither in the baseline nor already alerted.
- `new_actor`: an actor not known, once `alerts.new_actor_min_sources` independent stories named it.
- `new_statement`: a quote by a known actor that is not a (fuzzy) repeat of a quote already seen.

A copy of a story already processed (its `Source.story_id` is already in `state.stories`) raises nothing
and counts as no new source; its readings still go into history, as stale.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from config.watch import WatchConfig
from watchers.models import (
    ActorClaim,
    ArticleClaims,
    ClaimDiff,
    DeploymentClaim,
    FigureClaim,
    KnownEntity,
    KnownState,
    Source,
    StatementClaim,
    TrackPoint,
)

BASELINE_PREFIX = "baseline:"  # story id prefix of the seed documents' sources
QUOTE_OVERLAP = 0.6  # share of the shorter quote's words that makes two quotes one (as the eval's scorer)
SAME_WORDS, MIN_REATTRIBUTED_WORDS = 0.9, 4  # a quote re-attributed is still the same quote
NAME_SIMILARITY = 88  # rapidfuzz ratio above which two names are one (as the eval's scorer)
# Words that do not tell entities apart: titles, articles, the "USS" of ship names, "U.S." of institutions.
_TITLES = "president secretary minister spokeswoman spokesman spokesperson gen general adm admiral dr mr mrs ms sen"
_TITLE_WORDS = frozenset((_TITLES + " senator rep the of uss us u s").split())


# --------------------------------------------------------------------------- names and quotes


_LATIN = "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_CYRILLIC = {
    c: "" if latin == "-" else latin
    for c, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}


_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
_CYRILLIC_LETTER = re.compile("[а-яё]")  # str.translate costs ten times this search: skip it when it has nothing to do
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NOT_WORD = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, Cyrillic transliterated: 'Nicolás Maduro' → 'nicolas maduro',
    'Мария Захарова' → 'mariya zakharova'. (str.translate and regexes: this runs over whole articles.)"""
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        if _CYRILLIC_LETTER.search(text):
            text = text.translate(_CYRILLIC_TABLE)
        text = _COMBINING.sub("", text)
    return " ".join(_NOT_WORD.sub(" ", text).split())


def name_tokens(name: str) -> list[str]:
    return [t for t in fold(name).split() if t not in _TITLE_WORDS]


def names_match(a: str, b: str) -> bool:
    """One entity: same tokens, one name's tokens inside the other's sharing the last token, or near-equal."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if set(small) <= set(big) and small[-1] == big[-1]:
        return True
    if fuzz.ratio(" ".join(ta), " ".join(tb)) >= NAME_SIMILARITY:
        return True
    return abbreviates(a, b) or abbreviates(b, a) or _declined_alike(a, b)


# Russian declines names ("Ольгу Соколову" is the accusative of "Ольга Соколова"), and the letters of a name move
# between scripts by sound: "c" before e/i/y is an "с" ("Cecilia" ~ "Сесилия"), "kh"/"h", "y"/"i", "z"/"s", "u" after
# a consonant a "ю" ("Lucia" ~ "Люсия"). A name written in Cyrillic is compared by its words' stems in that spelling.
_SOUNDS = (
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("w", "v"),
    ("z", "s"),
    ("y", "i"),
    ("j", "i"),
    ("q", "k"),
    ("iu", "u"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_CASE_ENDING = re.compile(r"(?:[aeiouy]+|[oe]m|ami|ikh|ogo|ego|omu|emu)$")


@lru_cache(maxsize=4096)  # the same few names are compared again and again
def name_stem(word: str) -> str:
    """A name word in its sound spelling without a case ending: 'sokolova', 'sokolovu' → 'sokolov'."""
    word = _SOFT_C.sub("s", word).replace("c", "k")
    for a, b in _SOUNDS:
        word = word.replace(a, b)
    return _CASE_ENDING.sub("", word) or word


def _declined_alike(a: str, b: str) -> bool:
    """One name in Cyrillic, in any case, and the other in either script: the same words by stem, each equal or
    near-equal ("Трампом" ~ "Trump", "Ольгу Соколову" ~ "Olga Sokolova"); never two Latin names ("Mario"/"Maria")."""
    if not _CYRILLIC_LETTER.search(f"{a} {b}".lower()):
        return False
    ta, tb = [name_stem(t) for t in name_tokens(a)], [name_stem(t) for t in name_tokens(b)]
    if len(ta) != len(tb) or min(len(t) for t in ta + tb) < 3:
        return False
    return all(x == y or fuzz.ratio(x, y) >= 80 for x, y in zip(ta, tb, strict=True))


_SKIPPABLE = _TITLE_WORDS | {"and", "for", "de", "del", "la", "las", "los", "el", "y"}


def abbreviates(short: str, long: str) -> bool:
    """An all-capitals word made of the starts of the other name's words, in order: "CIA" of "Central
    Intelligence Agency", "USSOUTHCOM" of "U.S. Southern Command", "ELN" of "Ejército de Liberación Nacional"."""
    word = short.strip()
    words = fold(long).split()
    if not (word.isalpha() and word.isupper() and len(word) >= 2 and len(words) >= 2):
        return False
    return _consumes(fold(word), tuple(words))


def _consumes(letters: str, words: tuple[str, ...]) -> bool:
    if not words:
        return not letters
    head, rest = words[0], words[1:]
    if head in _SKIPPABLE and _consumes(letters, rest):
        return True
    return any(
        letters[:n] == head[:n] and _consumes(letters[n:], rest) for n in range(1, min(len(head), len(letters)) + 1)
    )


def entity_matches(entity: KnownEntity, name: str, aliases: Iterable[str] = ()) -> bool:
    """The name against the entity's names, or the entity's name against the aliases (never alias to alias:
    "Su-30MKV" a.k.a. "Su-30" is not the known "Su-30MK2" a.k.a. "Su-30")."""
    return any(names_match(name, n) for n in [entity.name, *entity.aliases]) or any(
        names_match(entity.name, a) for a in aliases
    )


def find_entity(pool: list[KnownEntity], name: str, aliases: Iterable[str] = ()) -> KnownEntity | None:
    aliases = list(aliases)
    return next((e for e in pool if entity_matches(e, name, aliases)), None)


def find_asset(pool: list[KnownEntity], name: str, aliases: Iterable[str] = ()) -> KnownEntity | None:
    """Like `find_entity`, and a name cut short is the asset it starts ("USS Gerald" of "USS Gerald R. Ford",
    "B-52" of "B-52 bombers"); a first name is not a person, so this is for assets only. A ship's group is the
    ship ("Ford strike group"), and a designator without its variant letter is any known variant of it
    ("F-35" of "F-35B", "P-8" of "P-8A"; but "Su-30MKV" is not "Su-30MK2"). Names whose numbers differ are
    different assets however alike the words ("Squadron 28" is not "Squadron 26", "B-1" not "B-52")."""
    pool = [e for e in pool if any(_numbers_agree(name, n) for n in [e.name, *e.aliases])]
    found = find_entity(pool, name, aliases)
    if found is not None:
        return found
    short = name_tokens(name)
    found = next((e for e in pool if short and any(_starts(n, short) for n in [e.name, *e.aliases])), None)
    if found is not None:
        return found
    ship = _FORMATION.sub("", name)
    if ship != name and name_tokens(ship):
        found = find_entity(pool, ship)
        if found is not None:
            return found
    mine = _designators(name)
    if not mine:
        return None
    return next((e for e in pool if any(_same_airframe(mine, _designators(n)) for n in [e.name, *e.aliases])), None)


# "the Ford carrier strike group", "Iwo Jima Amphibious Ready Group", "the Iwo Jima group": the formation around
# a named ship.
_FORMATION = re.compile(
    r"\s+(?:(?:(?:carrier|expeditionary)\s+strike|strike|battle|amphibious\s+ready)\s+)?group$|\s+(?:ARG|CSG)$",
    re.IGNORECASE,
)
_DESIGNATOR = re.compile(
    # the variant may carry a sub-number ("Mi-17V-5" is a Mi-17)
    r"(?<![\w-])([A-Za-z]{1,3}(?:/[A-Za-z])?)-(\d{1,3})([A-Za-z]{0,3}\d?(?:-\d{1,2})?)(?:/[A-Za-z]{1,2})?(?![\w-])"
)


def _designators(name: str) -> set[tuple[str, str, str]]:
    return {(p.lower(), n, v.lower()) for p, n, v in _DESIGNATOR.findall(name)}


def _same_airframe(a: set[tuple[str, str, str]], b: set[tuple[str, str, str]]) -> bool:
    """One designator family, and one of the two names gives no variant."""
    return any(pa == pb and na == nb and (not va or not vb) for pa, na, va in a for pb, nb, vb in b)


def _numbers_agree(a: str, b: str) -> bool:
    """The numbers of one name are among the other's ("Mi-17" and "Mi-17V-5", "USS Ford" and "Ford (CVN 78)")."""
    na, nb = set(re.findall(r"\d+", a)), set(re.findall(r"\d+", b))
    return na <= nb or nb <= na


def _starts(name: str, prefix: list[str]) -> bool:
    tokens = name_tokens(name)
    return len(tokens) > len(prefix) and tokens[: len(prefix)] == prefix


def asset_aliases(claim: DeploymentClaim) -> tuple[str, ...]:
    """A deployment's other names, where the claim carries them (annotated claims do; the contract may follow)."""
    return tuple(getattr(claim, "aliases", ()))


def quote_overlap(a: str, b: str) -> float:
    wa, wb = set(fold(a).split()), set(fold(b).split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


# --------------------------------------------------------------------------- state updates


def record_reading(state: KnownState, track: str, value: float, sentence: str, source: Source) -> bool:
    """Add a reading of a track to history; it raises the known maximum when higher (or first). Returns that."""
    known = state.tracks.get(track)
    accepted = known is None or value > known
    if accepted:
        state.tracks[track] = value
    state.history.setdefault(track, []).append(TrackPoint(value, sentence, source, accepted))
    return accepted


def baseline_document(state: KnownState, track: str) -> str | None:
    """The seed document holding the baseline value of a track (its highest baseline reading)."""
    points = [p for p in state.history.get(track, []) if p.source.story_id.startswith(BASELINE_PREFIX)]
    return max(points, key=lambda p: p.value).source.article_id if points else None


def _baseline_name(entity: KnownEntity | None) -> str | None:
    return entity.first_seen.article_id if entity and entity.in_baseline and entity.first_seen else None


def _note_story(entity: KnownEntity, story_id: str) -> None:
    if story_id not in entity.story_ids:
        entity.story_ids.append(story_id)


# --------------------------------------------------------------------------- the rules


def diff_article(
    state: KnownState, claims: ArticleClaims, source: Source, watch: WatchConfig, *, update: bool = False
) -> list[ClaimDiff]:
    """The changes `claims` bring against `state`, which is advanced in place (history, known, candidates).

    `update`: a new version of an article already processed (re-fetched, its text changed). Its story is
    known, yet it is no copy: a figure raised inside the same URL is news. It is still the same source, so it
    adds no independent support to a candidate actor (its story is already among the candidate's stories).
    """
    is_copy = not update and bool(source.story_id) and source.story_id in state.stories
    diffs = _figure_diffs(state, claims, source, watch, is_copy)
    if is_copy:
        return []
    diffs += _deployment_diffs(state, claims, source)
    diffs += _actor_diffs(state, claims, source, watch.alerts.new_actor_min_sources)
    diffs += _statement_diffs(state, claims, source)
    return diffs


def _figure_diffs(
    state: KnownState, claims: ArticleClaims, source: Source, watch: WatchConfig, is_copy: bool
) -> list[ClaimDiff]:
    tracked = {t.name for t in watch.tracks}
    by_track: dict[str, list[FigureClaim]] = {}
    for claim in claims.claims:
        if isinstance(claim, FigureClaim) and claim.track in tracked:
            by_track.setdefault(claim.track, []).append(claim)
    diffs = []
    for track, readings in by_track.items():
        highest = max(readings, key=lambda c: c.value)
        old = state.tracks.get(track)
        # A copy's readings are history only: it may differ from its original, and still is no news.
        if not is_copy and record_reading(state, track, highest.value, highest.evidence.sentence, source):
            diffs.append(
                ClaimDiff(
                    type="figure_changed",
                    claim=highest,
                    source=source,
                    old=old,
                    new=highest.value,
                    track=track,
                    baseline_document=baseline_document(state, track),
                )
            )
        stale = readings if is_copy else [c for c in readings if c is not highest]
        for claim in stale:
            point = TrackPoint(claim.value, claim.evidence.sentence, source, accepted=False)
            state.history.setdefault(track, []).append(point)
    return diffs


def _deployment_diffs(state: KnownState, claims: ArticleClaims, source: Source) -> list[ClaimDiff]:
    diffs = []
    for claim in claims.claims:
        if not isinstance(claim, DeploymentClaim):
            continue
        aliases = list(asset_aliases(claim))
        known = find_asset(state.assets, claim.asset, aliases)
        if known is not None:
            _note_story(known, source.story_id)
            continue
        state.assets.append(
            KnownEntity(claim.asset, claim.category, aliases, story_ids=[source.story_id], first_seen=source)
        )
        diffs.append(ClaimDiff(type="new_deployment", claim=claim, source=source))
    return diffs


def is_generic_asset(name: str) -> bool:
    """A type with no name or designator ("a carrier strike group", "destroyers"): usually one of the assets
    already known, in other words; it is remembered but raises no alert of its own."""
    return not any(c.isupper() or c.isdigit() for c in name)


def _actor_diffs(state: KnownState, claims: ArticleClaims, source: Source, min_sources: int) -> list[ClaimDiff]:
    diffs = []
    for claim in claims.claims:
        if not isinstance(claim, ActorClaim):
            continue
        known = find_entity(state.actors, claim.name, claim.aliases)
        if known is not None:
            _note_story(known, source.story_id)
            continue
        if find_entity(state.assets, claim.name) is not None or not named_in_evidence(claim):
            continue  # a ship named after a person, or only an adjective ("a Ruritanian-style deal")
        candidate = find_entity(state.candidate_actors, claim.name, claim.aliases)
        if candidate is None:
            candidate = KnownEntity(name=claim.name, category=claim.category, aliases=list(claim.aliases))
            candidate.first_seen = source
            state.candidate_actors.append(candidate)
        elif source.story_id in candidate.story_ids:
            continue  # named again by the same story: no new source
        candidate.story_ids.append(source.story_id)
        candidate.aliases.extend(
            n for n in [claim.name, *claim.aliases] if n not in [candidate.name, *candidate.aliases]
        )
        if len(candidate.story_ids) < min_sources:
            continue
        state.candidate_actors.remove(candidate)
        state.actors.append(candidate)
        fullest = max([candidate.name, *candidate.aliases], key=lambda n: len(name_tokens(n)))
        named = dataclasses.replace(
            claim,
            name=fullest,
            category=candidate.category,  # type: ignore[arg-type]
            aliases=tuple(n for n in [candidate.name, *candidate.aliases] if n != fullest),
        )
        diffs.append(
            ClaimDiff(type="new_actor", claim=named, source=source, independent_sources=len(candidate.story_ids))
        )
    return diffs


def same_quote(known: KnownEntity, claim: StatementClaim) -> bool:
    """A repeat: same speaker and most words shared, or nearly the same words under another attribution
    (a spokeswoman's words quoted as her ministry's)."""
    overlap = quote_overlap(known.name, claim.quote)
    if overlap >= SAME_WORDS and min(len(known.name.split()), len(claim.quote.split())) >= MIN_REATTRIBUTED_WORDS:
        return True
    return overlap >= QUOTE_OVERLAP and names_match(known.category, claim.speaker)


def named_in_evidence(claim: ActorClaim) -> bool:
    """The evidence sentence names the actor: a last word of its name or of an alias stands there as a word.
    Aliases that only extend the name ("Nicaraguan" of "Nicaragua") are adjectives, not names. Claims
    without evidence (annotations) pass."""
    words = set(fold(claim.evidence.sentence).split())
    if not words:
        return True
    base = fold(claim.name)
    names = [claim.name, *(a for a in claim.aliases if not fold(a).startswith(base))]
    return any(tokens[-1] in words for tokens in map(name_tokens, names) if tokens)


def _statement_diffs(state: KnownState, claims: ArticleClaims, source: Source) -> list[ClaimDiff]:
    diffs = []
    for claim in claims.claims:
        if not isinstance(claim, StatementClaim):
            continue
        seen = next((q for q in state.quotes if same_quote(q, claim)), None)
        if seen is not None:
            _note_story(seen, source.story_id)
            continue
        state.quotes.append(
            KnownEntity(name=claim.quote, category=claim.speaker, story_ids=[source.story_id], first_seen=source)
        )
        speaker = find_entity(state.actors, claim.speaker)
        if speaker is not None:  # quotes of unknown speakers are remembered, not alerted
            diffs.append(
                ClaimDiff(type="new_statement", claim=claim, source=source, baseline_document=_baseline_name(speaker))
            )
    return diffs


# --------------------------------------------------------------------------- the public JSON line


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def diff_to_payload(diff: ClaimDiff, article_id: str) -> dict[str, Any]:
    """The public JSON line of an alert (`claimwatch backfill --alerts-jsonl`)."""
    claim = diff.claim
    out: dict[str, Any] = {"type": diff.type}
    if isinstance(claim, FigureClaim):
        out.update(kind=claim.kind, track=diff.track, old=_number(diff.old), new=_number(diff.new))
    elif isinstance(claim, DeploymentClaim):
        out.update(asset=claim.asset, category=claim.category)
    elif isinstance(claim, ActorClaim):
        out.update(name=claim.name, category=claim.category)
        if claim.aliases:
            out["aliases"] = list(claim.aliases)
    else:
        out.update(speaker=claim.speaker, quote=claim.quote)
    out.update(article_id=article_id, sources=diff.independent_sources, sentence=claim.evidence.sentence)
    if diff.baseline_document:
        out["baseline_document"] = diff.baseline_document
    return out
