"""``closeloop-contracts``: generate the JSON Schemas and the AsyncAPI document from the models.

``--check`` fails when a contract changed without its generated files (run by the test suite).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from closeloop.contracts import TOPICS, CloudEvent, registered_events
from closeloop.contracts.envelope import SCHEMA_BASE

OUT = Path(__file__).parent / "schemas"


def render() -> dict[str, str]:
    """File name → content of every generated contract file."""
    files: dict[str, str] = {}
    messages: dict[str, dict] = {}  # type: ignore[type-arg]
    by_topic: dict[str, list[str]] = {}
    for event_type, model in registered_events().items():
        schema = model.model_json_schema(mode="serialization")
        schema["$id"] = f"{SCHEMA_BASE}{event_type}.json"
        schema["title"] = event_type
        schema["description"] = (model.__doc__ or "").strip() or schema.get("description", event_type)
        files[f"{event_type}.json"] = _dump(schema)
        key = event_type.replace(".", "_")
        messages[key] = {
            "name": event_type,
            "title": event_type,
            "summary": schema["description"],
            "contentType": "application/cloudevents+json",
            "headers": {"type": "object", "properties": {"traceparent": {"type": "string"}}},
            "payload": {
                "allOf": [
                    {"$ref": "#/components/schemas/CloudEvent"},
                    {"type": "object", "properties": {"type": {"const": event_type}, "data": {"$ref": f"{event_type}.json"}}},
                ]
            },
        }
        by_topic.setdefault(model.topic, []).append(key)
    envelope = CloudEvent.model_json_schema(mode="serialization")
    files["cloudevent.json"] = _dump(envelope)
    channels = {}
    operations = {}
    for topic in TOPICS:
        cid = topic.name.replace(".", "_")
        channels[cid] = {
            "address": topic.name,
            "description": f"{topic.description} Key: {topic.key}. Produced by {topic.producer}; consumed by "
            f"{', '.join(topic.consumers) or 'analysts'}.",
            "messages": {m: {"$ref": f"#/components/messages/{m}"} for m in by_topic.get(topic.name, [])},
        }
        operations[f"publish_{cid}"] = {"action": "send", "channel": {"$ref": f"#/channels/{cid}"}}
    asyncapi = {
        "asyncapi": "3.0.0",
        "info": {"title": "Closeloop events", "version": "1.0.0",
                 "description": "CloudEvents 1.0 structured JSON on Kafka; key = aggregate id; W3C traceparent header."},
        "defaultContentType": "application/cloudevents+json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": {"CloudEvent": envelope}},
    }
    files["asyncapi.json"] = _dump(asyncapi)
    return files


def _dump(obj: object) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def stale_files(files: dict[str, str] | None = None) -> list[str]:
    files = files if files is not None else render()
    stale = [n for n, c in files.items() if not (OUT / n).exists() or (OUT / n).read_text() != c]
    extra = [p.name for p in OUT.glob("*.json") if p.name not in files] if OUT.exists() else []
    return sorted(stale + extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    files = render()
    if args.check:
        stale = stale_files(files)
        if stale:
            print("contracts changed without regenerating: " + ", ".join(stale) + " (run `make contracts`)")
            sys.exit(1)
        print(f"{len(files)} contract files up to date")
        return
    OUT.mkdir(exist_ok=True)
    for p in OUT.glob("*.json"):
        if p.name not in files:
            p.unlink()
    for name, content in files.items():
        (OUT / name).write_text(content)
    print(f"wrote {len(files)} contract files to {OUT}")


if __name__ == "__main__":
    main()
