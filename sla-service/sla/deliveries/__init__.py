"""Deliveries: the webhook outbox; each row is one event owed to one channel, sent with retries."""
