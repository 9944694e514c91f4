"""The object store evidence lives on: a local directory by default, an S3-compatible bucket in production.

Both go through obstore (the Rust ``object_store`` crate), so switching is configuration only:
``attachment_store_url = file://var/attachments`` or ``s3://bucket/prefix`` (credentials from the
standard AWS_* environment variables, AWS_ENDPOINT for S3-compatible services such as MinIO).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import obstore
from obstore.store import LocalStore, from_url


class ObjectStore:
    """Put, read and delete objects by key; keys are chosen by intake, never by a client."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("file://"):
            root = Path(url.removeprefix("file://")).expanduser().absolute()
            root.mkdir(parents=True, exist_ok=True)
            self._store = LocalStore(root, mkdir=True)
        else:
            self._store = from_url(url)

    async def put(self, key: str, content: IO[bytes] | bytes) -> None:
        await obstore.put_async(self._store, key, content)

    async def read(self, key: str) -> bytes:
        result = await obstore.get_async(self._store, key)
        return bytes(await result.bytes_async())

    async def delete(self, key: str) -> None:
        try:
            await obstore.delete_async(self._store, key)
        except FileNotFoundError:
            pass
