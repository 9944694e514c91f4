"""One trace from the HTTP request at intake, through the outbox and Kafka headers, to analytics."""

from __future__ import annotations

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from closeloop.settings import ServiceSettings
from closeloop.tracing import configure_tracing
from fleet.testing import eventually
from tests.inprocess import SERVICES, running_fleet


async def test_feedback_request_and_every_downstream_consumer_share_one_trace(kafka_broker, fresh_database):
    spans = InMemorySpanExporter()
    configure_tracing(ServiceSettings(service_name="e2e"), exporter=spans)
    async with running_fleet(
        database_url=await fresh_database(*SERVICES), bootstrap_servers=kafka_broker.bootstrap_servers
    ) as fleet:
        feedback_id = (await fleet.submit_feedback(channel="app", store_id="S001", content="收银台排队太久了"))["id"]

        def consumed(service: str, event_type: str) -> list:  # type: ignore[type-arg]
            return [
                s for s in spans.get_finished_spans()
                if s.name == f"consume {event_type}" and s.attributes.get("closeloop.service") == service
            ]

        async def analytics_saw_case() -> list:  # type: ignore[type-arg]
            return consumed("analytics", "closeloop.case.opened.v1")

        [analytics_span] = await eventually(analytics_saw_case, timeout=30, what="analytics consuming case.opened")

    request_spans = [
        s for s in spans.get_finished_spans()
        if s.kind.name == "SERVER" and "/v1/feedback" in s.name and s.attributes.get("http.response.status_code", 201) == 201
    ]
    assert request_spans, [s.name for s in spans.get_finished_spans()][:20]
    trace_id = request_spans[-1].context.trace_id
    [routing_span] = [s for s in consumed("routing", "closeloop.feedback.received.v1")
                      if s.attributes.get("closeloop.subject") == feedback_id]
    [sla_span] = consumed("sla", "closeloop.case.opened.v1")
    assert {routing_span.context.trace_id, sla_span.context.trace_id, analytics_span.context.trace_id} == {trace_id}
