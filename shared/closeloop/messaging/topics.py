"""Create the topics the fleet needs; auto-creation stays off on the broker."""

from __future__ import annotations

import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from closeloop.contracts.topics import all_topic_names
from closeloop.messaging.kafka import qualified

log = logging.getLogger(__name__)


async def ensure_topics(
    bootstrap_servers: str,
    *,
    namespace: str = "",
    partitions: int = 3,
    replication_factor: int = 1,
    names: list[str] | None = None,
) -> list[str]:
    """Create every missing topic (main and dead-letter); returns the names created."""
    wanted = [qualified(n, namespace) for n in (names if names is not None else all_topic_names())]
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="closeloop-topics")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [n for n in wanted if n not in existing]
        if missing:
            try:
                await admin.create_topics(
                    [NewTopic(name=n, num_partitions=partitions, replication_factor=replication_factor) for n in missing]
                )
            except TopicAlreadyExistsError:
                pass
            log.info("created topics", extra={"topics": missing})
        return missing
    finally:
        await admin.close()
