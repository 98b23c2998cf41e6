"""Every feature's tables on one MetaData, for Alembic and for tests."""

from fopymes_server.accounts import models as _accounts  # noqa: F401
from fopymes_server.accounts import refresh_models as _refresh  # noqa: F401
from fopymes_server.accounts import throttle_models as _throttle  # noqa: F401
from fopymes_server.categories import models as _categories  # noqa: F401
from fopymes_server.core.orm import Base
from fopymes_server.events import models as _events  # noqa: F401
from fopymes_server.idempotency import models as _idempotency  # noqa: F401
from fopymes_server.payment_methods import models as _payment_methods  # noqa: F401
from fopymes_server.transactions import models as _transactions  # noqa: F401

target_metadata = Base.metadata
