"""Every feature's tables on one MetaData, for Alembic and for tests."""

from fopymes_server.accounts import models as _payment_methods  # noqa: F401
from fopymes_server.budgets import models as _budgets  # noqa: F401
from fopymes_server.categories import models as _categories  # noqa: F401
from fopymes_server.contacts import models as _contacts  # noqa: F401
from fopymes_server.core.orm import Base
from fopymes_server.debts import models as _debts  # noqa: F401
from fopymes_server.events import models as _events  # noqa: F401
from fopymes_server.goals import models as _goals  # noqa: F401
from fopymes_server.idempotency import models as _idempotency  # noqa: F401
from fopymes_server.identity import models as _accounts  # noqa: F401
from fopymes_server.identity import refresh_models as _refresh  # noqa: F401
from fopymes_server.identity import reset_models as _resets  # noqa: F401
from fopymes_server.identity import throttle_models as _throttle  # noqa: F401
from fopymes_server.imports import models as _imports  # noqa: F401
from fopymes_server.jobs import models as _jobs  # noqa: F401
from fopymes_server.mail import models as _mail  # noqa: F401
from fopymes_server.notifications import models as _notifications  # noqa: F401
from fopymes_server.payees import models as _payees  # noqa: F401
from fopymes_server.reconciliations import models as _reconciliations  # noqa: F401
from fopymes_server.reports import models as _reports  # noqa: F401
from fopymes_server.scheduled import models as _scheduled  # noqa: F401
from fopymes_server.tags import models as _tags  # noqa: F401
from fopymes_server.transactions import models as _transactions  # noqa: F401

target_metadata = Base.metadata
