"""Key rotation: data sealed under the old key is re-sealed under the new one and still reads back."""

from __future__ import annotations

import uuid

from cryptography.fernet import Fernet

from closeloop.db import Database
from intake.privacy.rotation import rotate_keys
from intake.privacy.sealing import Sealer


async def test_rotation_reseals_everything_under_the_new_key(intake_settings, run_intake):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    before = intake_settings(pii_key=old)
    phone = "139" + str(uuid.uuid4().int)[:8]
    async with run_intake(before) as intake:
        created = (
            await intake.client.post(
                "/v1/feedback",
                json={"channel": "web", "store_id": "SROT", "content": f"电话 {phone}", "customer": {"phone": phone}},
                headers=intake.headers(),
            )
        ).json()

    after = before.model_copy(update={"pii_key": before.pii_key.__class__(f"{new},{old}")})
    database = Database(after.database_url)
    try:
        changed = await rotate_keys(database=database, sealer=Sealer.from_settings(after))
    finally:
        await database.dispose()

    only_new = before.model_copy(update={"pii_key": before.pii_key.__class__(new)})
    async with run_intake(only_new) as intake:
        read = (await intake.client.get(f"/v1/feedback/{created['id']}", headers=intake.headers())).json()
    assert changed >= 2
    assert read["customer"]["phone"] == f"+86{phone}"
    assert read["content"] == f"电话 {phone}"
