"""Attachments: evidence photos and videos, kept on a pluggable object store, referenced by id."""
