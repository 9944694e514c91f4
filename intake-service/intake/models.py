"""Imports every concept's tables so Alembic and the app see one complete metadata."""


def load_models() -> None:
    from intake.attachments import models as _attachments  # noqa: F401
    from intake.customers import models as _customers  # noqa: F401
    from intake.feedback import models as _feedback  # noqa: F401
    from intake.idempotency import models as _idempotency  # noqa: F401
    from intake.stores import models as _stores  # noqa: F401
    from intake.surveys import models as _surveys  # noqa: F401
