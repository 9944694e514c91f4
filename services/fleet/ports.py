"""TCP ports on the loopback interface, where every local server of the fleet listens."""

from __future__ import annotations

import asyncio
import socket

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A port the kernel considers free right now (bind to port 0, then release it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Whether a server could listen on `port`; like servers, ignore connections lingering in TIME_WAIT."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
        return True


def preferred_port(port: int | None) -> int:
    """`port` when it can be bound, else any free port; keeps a rerun on its old ports when possible."""
    return port if port and port_is_free(port) else free_port()


async def port_accepts(port: int, *, host: str = LOOPBACK) -> bool:
    try:
        _, writer = await asyncio.open_connection(host, port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True
