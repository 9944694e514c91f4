"""The local brokers: Apache Kafka keeps messages across a restart on the same port; Tansu is the fallback."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from fleet.brokers import Broker, choose_broker
from fleet.kafka import KafkaBroker
from fleet.tansu import TansuBroker
from fleet.testing import broker_outage


async def _create_topic(bootstrap_servers: str, *, partitions: int = 3) -> str:
    topic = f"fleet.test.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name=topic, num_partitions=partitions, replication_factor=1)])
    finally:
        await admin.close()
    return topic


async def _produce(bootstrap_servers: str, topic: str, *values: bytes, idempotent: bool = True) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", enable_idempotence=idempotent)
    try:
        await producer.start()
        for value in values:
            await producer.send_and_wait(topic, value, key=b"case-1")
    finally:
        await producer.stop()


async def _consume(bootstrap_servers: str, topic: str, *, count: int) -> list[bytes]:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        group_id=f"fleet-test-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest",
        heartbeat_interval_ms=100,
    )
    try:
        await consumer.start()
        return [(await consumer.getone()).value for _ in range(count)]
    finally:
        await consumer.stop()


async def test_broker_round_trips_messages_on_an_explicitly_created_topic(kafka_broker: Broker) -> None:
    topic = await _create_topic(kafka_broker.bootstrap_servers)

    await _produce(
        kafka_broker.bootstrap_servers, topic, b"opened", b"assigned",
        idempotent=kafka_broker.supports_idempotent_producer,
    )

    assert await _consume(kafka_broker.bootstrap_servers, topic, count=2) == [b"opened", b"assigned"]


async def test_kafka_keeps_messages_across_stop_and_start_on_the_same_port(kafka_broker: Broker) -> None:
    if not kafka_broker.keeps_data_on_restart or kafka_broker.name == "external":
        pytest.skip(f"the {kafka_broker.name} broker cannot be restarted with its data by the tests")
    bootstrap_servers = kafka_broker.bootstrap_servers
    topic = await _create_topic(bootstrap_servers)
    await _produce(bootstrap_servers, topic, b"before the outage")

    async with broker_outage(kafka_broker):
        pass

    assert kafka_broker.bootstrap_servers == bootstrap_servers
    assert await _consume(bootstrap_servers, topic, count=1) == [b"before the outage"]


@pytest.mark.tansu
async def test_tansu_round_trips_messages_on_an_explicitly_created_topic(tansu_broker: Broker) -> None:
    topic = await _create_topic(tansu_broker.bootstrap_servers)

    await _produce(tansu_broker.bootstrap_servers, topic, b"feedback received", idempotent=False)

    assert await _consume(tansu_broker.bootstrap_servers, topic, count=1) == [b"feedback received"]


def test_choose_broker_falls_back_to_tansu_when_java_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CLOSELOOP_BROKER", raising=False)

    assert isinstance(choose_broker(tmp_path), TansuBroker)


def test_choose_broker_follows_closeloop_broker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSELOOP_BROKER", "tansu")
    chosen_by_env = choose_broker(tmp_path)

    assert isinstance(chosen_by_env, TansuBroker)
    assert isinstance(choose_broker(tmp_path, preference="kafka"), KafkaBroker)
    with pytest.raises(ValueError, match="CLOSELOOP_BROKER"):
        choose_broker(tmp_path, preference="redpanda")
