"""Where a webhook may point: public addresses only, unless an operator allow-listed an internal one.

Checked when a channel is saved and again before every send (DNS may have changed since).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit


class TargetRefused(ValueError):
    """The URL is malformed or resolves to an address webhooks may not reach."""


def _allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address, host: str, allowed: Sequence[str]) -> bool:
    for entry in allowed:
        if entry == host:
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def check_url_shape(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        raise TargetRefused("a webhook URL must use https (or http)")
    if not parts.hostname:
        raise TargetRefused("a webhook URL must name a host")
    if parts.username or parts.password:
        raise TargetRefused("a webhook URL must not carry credentials; use the signing secret")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise TargetRefused(f"invalid port: {exc}") from None
    return parts.hostname, port


async def check_target(url: str, *, allowed: Sequence[str]) -> None:
    """Refuse loopback, private, link-local, reserved and multicast targets that are not allow-listed."""
    host, port = check_url_shape(url)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TargetRefused(f"host {host} does not resolve: {exc.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global and not _allowed(address, host, allowed):
            raise TargetRefused(f"host {host} resolves to internal address {address}, which is not allow-listed")
