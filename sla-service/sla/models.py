"""Imports every concept's tables so Alembic and the app see one complete metadata."""


def load_models() -> None:
    from sla.calendars import models as calendars  # noqa: F401
    from sla.cases import models as cases  # noqa: F401
    from sla.channels import models as channels  # noqa: F401
    from sla.clocks import models as clocks  # noqa: F401
    from sla.deliveries import models as deliveries  # noqa: F401
    from sla.escalations import models as escalations  # noqa: F401
    from sla.policies import models as policies  # noqa: F401
    from sla.stores import models as stores  # noqa: F401
