"""Fetching pages from a real local server, and decoding them: header charset → meta → UTF-8 → detection."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from config.settings import HttpLimits
from tests.support.http_server import LocalHTTPServer
from watchers.errors import BodyTooLarge, EncodingError, HTTPStatusError, NotHTML
from watchers.fetch import decode_html, fetch_page, looks_like_html

LOCAL = HttpLimits(allow_private_hosts=["127.0.0.1"], total_timeout=5.0, max_page_bytes=1_000_000)
RUSSIAN = "Министерство обороны заявило о новых учениях"
SPANISH = "El presidente Nicolás Maduro habló en Caracas; la señal llegó tarde"


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    from watchers.http import build_client

    with build_client(LOCAL) as c:
        yield c


def page(text: str, meta: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


# --------------------------------------------------------------------------- decoding (pure)


@pytest.mark.parametrize(
    ("body", "header", "codec", "expected"),
    [
        (page(SPANISH).encode("utf-8"), "utf-8", "utf-8", SPANISH),
        (page(SPANISH).encode("iso-8859-1"), "ISO-8859-1", "iso8859-1", SPANISH),
        (page(SPANISH).encode("cp1252"), '"windows-1252"', "cp1252", SPANISH),  # quoted charset
        (page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"), None, "cp1251", RUSSIAN),
        (
            page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">').encode("koi8-r"),
            None,
            "koi8-r",
            RUSSIAN,
        ),
        (b"\xef\xbb\xbf" + page(SPANISH).encode("utf-8"), None, "utf-8-sig", SPANISH),  # BOM
        (page(SPANISH).encode("utf-8"), "no-such-charset", "utf-8", SPANISH),  # bogus header: fall through
        (page(SPANISH).encode("utf-8"), None, "utf-8", SPANISH),  # undeclared UTF-8
    ],
)
def test_decode_html(body: bytes, header: str | None, codec: str, expected: str) -> None:
    text, used, replaced = decode_html(body, header)
    assert expected in text
    assert (used, replaced) == (codec, 0)


def test_undeclared_legacy_encoding_is_detected() -> None:
    body = page(" ".join([RUSSIAN] * 20)).encode("cp1251")
    text, codec, _ = decode_html(body)
    assert RUSSIAN in text
    assert codec != "utf-8"


def test_invalid_utf8_becomes_replacement_characters() -> None:
    body = page("Caracas ").encode() + b"\xff\xfe broken \xc3 bytes " + page(SPANISH).encode()
    text, codec, replaced = decode_html(body, "utf-8")
    assert (codec, replaced) == ("utf-8", 3)
    assert SPANISH in text and "\ufffd" in text


def test_mostly_invalid_text_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError, match="invalid utf-8"):
        decode_html(b"<html>" + bytes(range(0x80, 0x100)) * 20, "utf-8")


def test_binary_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError, match="NUL"):
        decode_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def test_utf16_with_bom_is_decoded() -> None:
    text, codec, _ = decode_html(page(RUSSIAN).encode("utf-16"))
    assert RUSSIAN in text and codec == "utf-16"


@pytest.mark.parametrize(
    ("body", "is_html"),
    [(b"<!doctype html><p>x", True), (b"  <!-- c --> <HTML lang=en>", True), (b"%PDF-1.7", False), (b"{}", False)],
)
def test_looks_like_html(body: bytes, is_html: bool) -> None:
    assert looks_like_html(body) is is_html


# --------------------------------------------------------------------------- fetch_page over HTTP


def test_fetch_page_follows_redirects_and_decodes(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/short", status=301, redirect_to="/news/story.html")
    body = page(RUSSIAN).encode("cp1251")
    server.route("/news/story.html", body=body, headers={"Content-Type": "text/html; charset=windows-1251"}, gzip=True)
    fetched = fetch_page(client, server.url("/short"), LOCAL)
    assert fetched.final_url == server.url("/news/story.html")
    assert fetched.redirects == (server.url("/short"),)
    assert (fetched.status, fetched.content_type, fetched.encoding) == (200, "text/html", "cp1251")
    assert RUSSIAN in fetched.html


def test_invalid_utf8_page_is_fetched_with_replacements(server: LocalHTTPServer, client: httpx.Client) -> None:
    body = page(SPANISH).encode() + b"\xc3\x28 \xa0\xa1"
    server.route("/bad-utf8", body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    fetched = fetch_page(client, server.url("/bad-utf8"), LOCAL)
    assert SPANISH in fetched.html
    assert fetched.replaced_chars == 3


@pytest.mark.parametrize("ctype", ["application/pdf", "application/json", "image/png"])
def test_non_html_is_refused(server: LocalHTTPServer, client: httpx.Client, ctype: str) -> None:
    server.route("/file", body=b'{"a": 1}', headers={"Content-Type": ctype})
    with pytest.raises(NotHTML, match=ctype):
        fetch_page(client, server.url("/file"), LOCAL)


def test_html_sent_as_text_plain_is_sniffed(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/mislabelled", body=page(SPANISH).encode(), headers={"Content-Type": "text/plain"})
    assert SPANISH in fetch_page(client, server.url("/mislabelled"), LOCAL).html
    server.route("/text", body=b"just words", headers={"Content-Type": "text/plain"})
    with pytest.raises(NotHTML):
        fetch_page(client, server.url("/text"), LOCAL)


def test_page_cap_and_status_errors(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/big", body=b"<html>" + b"x" * 1_100_000, headers={"Content-Type": "text/html"})
    with pytest.raises(BodyTooLarge):
        fetch_page(client, server.url("/big"), LOCAL)
    server.route("/gone", status=410, body=b"gone")
    with pytest.raises(HTTPStatusError) as info:
        fetch_page(client, server.url("/gone"), LOCAL)
    assert info.value.status == 410
