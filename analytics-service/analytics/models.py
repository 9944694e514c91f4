"""Imports every concept's tables so Alembic and the app see one complete metadata."""


def load_models() -> None:
    from analytics.facts import models as facts  # noqa: F401
    from analytics.org import models as org  # noqa: F401
    from analytics.rollups import models as rollups  # noqa: F401
    from analytics.snapshots import models as snapshots  # noqa: F401
    from analytics.initiatives import models as initiatives  # noqa: F401
