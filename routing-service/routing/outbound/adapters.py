"""The channel-adapter interface: one adapter per way of reaching people (SMS gateway, WeChat/WeCom, app push,
e-mail). The development adapter sends nothing: it records what would have been sent, for `make run` and tests.

A real adapter resolves ``customer:<id>`` / ``feedback:<id>`` recipients through the chain's messaging gateway,
which holds the contact details; routing never does (it keeps no phone numbers or addresses in clear).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

log = logging.getLogger(__name__)

CHANNELS = ("sms", "wechat", "app_push", "email")


@dataclass(frozen=True)
class Outgoing:
    message_id: str
    channel: str
    recipient: str
    body: str
    purpose: str
    case_id: str | None


class DeliveryFailed(Exception):
    """The channel refused or could not take the message; ``permanent`` ones are not tried again."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


class ChannelAdapter(Protocol):
    name: str

    async def send(self, message: Outgoing) -> None:
        """Hand the message to the channel; raise DeliveryFailed when it cannot."""


@dataclass
class Recorded:
    at: datetime
    message: Outgoing


@dataclass
class DevelopmentAdapter:
    """Records what would be sent (in memory, newest last) and logs it without the body."""

    name: str = "development"
    sent: list[Recorded] = field(default_factory=list)

    async def send(self, message: Outgoing) -> None:
        self.sent.append(Recorded(at=datetime.now(UTC), message=message))
        log.info("development adapter: would send %s %s to %s (%d characters)", message.channel, message.purpose,
                 message.recipient.split(":")[0], len(message.body))

    def to(self, recipient: str) -> list[Outgoing]:
        return [r.message for r in self.sent if r.message.recipient == recipient]


class UnknownAdapter(ValueError):
    pass


@dataclass
class Adapters:
    """Which adapter serves each channel (settings ``outbound_adapters``: channel → adapter name)."""

    by_channel: dict[str, ChannelAdapter]

    @classmethod
    def configured(cls, wiring: dict[str, str], available: dict[str, ChannelAdapter]) -> Adapters:
        missing = sorted(set(CHANNELS) - set(wiring))
        if missing:
            raise UnknownAdapter(f"no adapter configured for channels {', '.join(missing)}")
        unknown = sorted({name for name in wiring.values() if name not in available})
        if unknown:
            raise UnknownAdapter(f"unknown outbound adapters {', '.join(unknown)}; known: {', '.join(available)}")
        return cls({channel: available[name] for channel, name in wiring.items()})

    def for_channel(self, channel: str) -> ChannelAdapter:
        return self.by_channel[channel]

    @property
    def development(self) -> DevelopmentAdapter | None:
        return next((a for a in self.by_channel.values() if isinstance(a, DevelopmentAdapter)), None)
