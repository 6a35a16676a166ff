"""The SSRF guard's remaining gaps: IPv6 forms that embed a private IPv4 address (6to4, Teredo, NAT64), and
allowlist entries by host and port, decided at connect time with the address actually used."""

from __future__ import annotations

import httpx
import pytest

from config.settings import HttpLimits
from tests.support.http_server import LocalHTTPServer
from watchers.errors import BlockedAddress
from watchers.http import GuardedTransport, build_client, check_url, checked_addresses, fetch, is_public_address


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254 (metadata)
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:0a00:0001::", False),  # 6to4 of 10.0.0.1
        ("2002:0808:0808::1", True),  # 6to4 of 8.8.8.8
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # Teredo, client 10.0.0.1
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo, client 192.0.2.45 (documentation)
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::c0a8:101", False),  # NAT64 of 192.168.1.1
        ("64:ff9b:1::808:808", False),  # local-use NAT64 (RFC 8215)
        ("::ffff:a9fe:a9fe", False),  # IPv4-mapped metadata
        ("2606:4700::6810:84e5", True),  # an ordinary public IPv6 address
    ],
)
def test_ipv6_forms_embedding_ipv4_are_judged_by_the_embedded_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_a_host_resolving_to_6to4_metadata_is_blocked() -> None:
    with pytest.raises(BlockedAddress, match="2002:a9fe:a9fe::1"):
        check_url("http://feeds.example/", HttpLimits(), resolve=lambda host, port: ["2002:a9fe:a9fe::1"])


@pytest.mark.parametrize(
    ("entry", "port", "allowed"),
    [
        ("feeds.internal", 8080, True),  # a name without a port: any port
        ("feeds.internal:8080", 8080, True),
        ("feeds.internal:8080", 8081, False),
        ("10.1.2.3:8080", 8080, True),
        ("10.1.2.3:8080", 22, False),
        ("10.0.0.0/8", 22, True),
        ("other.internal:8080", 8080, False),
    ],
)
def test_allowlist_entries_by_host_and_port(entry: str, port: int, allowed: bool) -> None:
    limits = HttpLimits(allow_private_hosts=[entry])

    def resolve(host: str, p: int) -> list[str]:
        return ["10.1.2.3"]

    if allowed:
        assert checked_addresses("feeds.internal", port, limits, resolve) == ["10.1.2.3"]
    else:
        with pytest.raises(BlockedAddress):
            checked_addresses("feeds.internal", port, limits, resolve)


def test_ipv6_allowlist_entries_with_and_without_port() -> None:
    assert checked_addresses("x", 8080, HttpLimits(allow_private_hosts=["[::1]:8080"]), lambda h, p: ["::1"])
    assert checked_addresses("x", 9, HttpLimits(allow_private_hosts=["::1"]), lambda h, p: ["::1"])
    with pytest.raises(BlockedAddress):
        checked_addresses("x", 9, HttpLimits(allow_private_hosts=["[::1]:8080"]), lambda h, p: ["::1"])


def test_a_port_entry_admits_only_that_port_over_real_http(server: LocalHTTPServer) -> None:
    server.route("/feed", body=b"ok")
    right = HttpLimits(allow_private_hosts=[f"127.0.0.1:{server.port}"], total_timeout=5.0)
    with build_client(right) as client:
        assert fetch(client, server.url("/feed"), right, max_bytes=100).body == b"ok"
    wrong = HttpLimits(allow_private_hosts=[f"127.0.0.1:{server.port + 1}"], total_timeout=5.0)
    with build_client(wrong) as client, pytest.raises(BlockedAddress):
        fetch(client, server.url("/feed"), wrong, max_bytes=100)
    assert len(server.requests) == 1


def test_a_named_entry_is_decided_at_connect_time_with_its_port(server: LocalHTTPServer) -> None:
    """The transport resolves the name when it connects (rebinding cannot slip past) and applies the port."""
    server.route("/x", body=b"internal")
    limits = HttpLimits(allow_private_hosts=[f"feeds.internal:{server.port}"])
    with httpx.Client(transport=GuardedTransport(limits, resolve=lambda h, p: ["127.0.0.1"])) as c:
        assert c.get(f"http://feeds.internal:{server.port}/x").content == b"internal"
        with pytest.raises(BlockedAddress):
            c.get(f"http://feeds.internal:{server.port + 1}/x")
        with pytest.raises(BlockedAddress):  # another name rebinding to the same private address is not admitted
            c.get(f"http://evil.example:{server.port}/x")
