"""Ready payloads for the group-chat robots staff already use (WeCom 企業微信, DingTalk 釘釘, Slack).

A message carries the case number or id, the clock, the store and the deadline: never a customer.
"""

from __future__ import annotations

from typing import Any

FORMATS = ("standard", "wecom", "dingtalk", "slack")

_TITLES = {
    "clock_started": "時限開始 Clock started",
    "clock_warned": "時限預警 Deadline approaching",
    "clock_breached": "時限逾期 Deadline missed",
    "clock_stopped": "時限結束 Clock stopped",
    "clock_paused": "時限暫停 Clock paused",
    "clock_resumed": "時限恢復 Clock resumed",
    "escalation_requested": "升級 Escalation",
}


def short_type(event_type: str) -> str:
    """``closeloop.sla.clock_breached.v1`` → ``clock_breached``."""
    parts = event_type.split(".")
    return parts[2] if len(parts) >= 4 else event_type


def render(format_: str, envelope: dict[str, Any]) -> dict[str, Any]:
    """The JSON body a channel of this format expects."""
    if format_ == "standard":
        return envelope
    data = envelope.get("data", {})
    kind = short_type(str(envelope.get("type", "")))
    title = _TITLES.get(kind, kind)
    lines = [
        f"case: {data.get('case_id')}",
        f"clock: {data.get('clock')}",
        f"store: {data.get('store_id')}",
    ]
    if data.get("due_at"):
        lines.append(f"due: {data['due_at']}")
    if kind == "escalation_requested":
        lines.append(f"level {data.get('level')}: {data.get('role')} ({data.get('reason')})")
    if format_ == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": f"**{title}**\n" + "\n".join(f"> {l}" for l in lines)}}
    if format_ == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": title, "text": f"### {title}\n" + "\n".join(f"- {l}" for l in lines)}}
    if format_ == "slack":
        return {"text": f"{title}: " + "; ".join(lines),
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": f"*{title}*\n" + "\n".join(lines)}}]}
    raise ValueError(f"unknown channel format {format_!r}")
