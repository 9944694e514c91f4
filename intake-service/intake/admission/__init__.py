"""Admission at the front door: body size, media type, rate limits, and field errors as problem details."""
