"""Notification channels: outgoing webhooks (WeCom, DingTalk, Slack or Standard Webhooks receivers)."""
