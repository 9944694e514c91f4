"""Kafka clients configured the one way Closeloop uses them."""

from __future__ import annotations

from aiokafka import AIOKafkaProducer


def reliable_producer(bootstrap_servers: str, *, client_id: str, idempotent: bool = True) -> AIOKafkaProducer:
    """Idempotent, acks=all: a send the broker acknowledged is durable and never duplicated by a retry.

    Without idempotence (the Tansu fallback) a retry may duplicate a record; consumers' inboxes absorb that.
    """
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        acks="all",
        enable_idempotence=idempotent,
        linger_ms=2,
        request_timeout_ms=15000,
        retry_backoff_ms=200,
    )


def qualified(topic: str, namespace: str) -> str:
    """The topic name on the broker: test runs may prefix a namespace to stay apart."""
    return f"{namespace}{topic}" if namespace else topic
