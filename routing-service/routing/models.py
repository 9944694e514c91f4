"""Imports every concept's tables so Alembic and the app see one complete metadata."""


def load_models() -> None:
    from routing.cases import models as cases  # noqa: F401
    from routing.contacts import models as contacts  # noqa: F401
    from routing.incidents import models as incidents  # noqa: F401
    from routing.learning import models as learning  # noqa: F401
    from routing.org import models as org  # noqa: F401
    from routing.outbound import models as outbound  # noqa: F401
    from routing.procedures import models as procedures  # noqa: F401
    from routing.replies import models as replies  # noqa: F401
    from routing.reports import models as reports  # noqa: F401
    from routing.rules import models as rules  # noqa: F401
    from routing.tasks import models as tasks  # noqa: F401
