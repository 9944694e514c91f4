"""Feedback (顧客反饋): what the customer said, as received, numbered and stored."""
