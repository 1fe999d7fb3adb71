"""Model registry: imports every domain's models so ``Base.metadata`` is complete.

Alembic's env.py and the test setup import this module; nothing else should.
"""

from coderoom.storage.db import Base

metadata = Base.metadata

# Domains register their models below (imported for their side effect on the metadata).
from coderoom.auth import models as auth_models  # noqa: E402, F401
from coderoom.chat import models as chat_models  # noqa: E402, F401
from coderoom.collab import models as collab_models  # noqa: E402, F401
from coderoom.execution import models as execution_models  # noqa: E402, F401
from coderoom.notes import models as notes_models  # noqa: E402, F401
from coderoom.problems import models as problems_models  # noqa: E402, F401
from coderoom.rooms import models as rooms_models  # noqa: E402, F401
