from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from closeloop.contracts import CloudEvent, registered_events
from closeloop.contracts.feedback import CustomerRef, FeedbackReceived
from closeloop.contracts.generate import stale_files
from closeloop.contracts.topics import CASE, FEEDBACK, all_topic_names, consumed_by, dead_letter_topic


def _received() -> FeedbackReceived:
    return FeedbackReceived(
        feedback_id="f-1", number="FB-20261122-000123", channel="pos", store_id="S001",
        content="收银员态度很差", received_at=datetime(2026, 11, 22, 9, 30, tzinfo=UTC),
        customer=CustomerRef(customer_id="c-1", masked_phone="138****5678"),
    )


def test_envelope_is_cloudevents_structured_json_keyed_by_aggregate():
    event = CloudEvent.wrap(_received(), source="/closeloop/intake")
    body = event.model_dump(mode="json")
    assert {"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data"} <= set(body)
    assert body["specversion"] == "1.0"
    assert body["type"] == "closeloop.feedback.received.v1"
    assert body["subject"] == "f-1"
    assert body["dataschema"].endswith("closeloop.feedback.received.v1.json")


def test_payload_round_trips_through_the_envelope():
    event = CloudEvent.model_validate_json(CloudEvent.wrap(_received(), source="/x").model_dump_json())
    assert event.payload() == _received()


def test_unknown_event_type_is_refused_when_read():
    event = CloudEvent(source="/x", type="closeloop.nothing.v9", subject="s", data={})
    with pytest.raises(LookupError):
        event.payload()


def test_payload_rejects_fields_outside_the_contract():
    data = _received().model_dump(mode="json") | {"customer_phone": "13812345678"}
    with pytest.raises(ValidationError):
        FeedbackReceived.model_validate(data)


def test_every_event_type_is_versioned_and_on_a_known_topic():
    topics = set(all_topic_names())
    for event_type, model in registered_events().items():
        assert event_type.endswith(".v1") and event_type.startswith("closeloop.")
        assert model.topic in topics


def test_dead_letter_topics_exist_for_every_consumer_of_a_topic():
    assert dead_letter_topic(FEEDBACK, "routing") in all_topic_names()
    assert FEEDBACK in consumed_by("routing") and CASE in consumed_by("sla")


def test_generated_schemas_match_the_models():
    assert stale_files() == [], "run `make contracts` and commit the regenerated files"
