"""The baseline: a bare FastAPI endpoint that only validates the same body intake accepts."""

from __future__ import annotations

import uuid

from fastapi import FastAPI, status

from intake.feedback.schemas import FeedbackIn

app = FastAPI()


@app.post("/v1/feedback", status_code=status.HTTP_201_CREATED)
async def submit(body: FeedbackIn) -> dict[str, str]:
    return {"id": str(uuid.uuid4()), "status": "received"}
