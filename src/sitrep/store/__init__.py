"""Storage: one schema on SQLite and PostgreSQL; documents with their extractions, searchable.

    from sitrep.store import Store
    with Store.open("sitrep.db") as store:            # or "postgresql://user@host/db"
        store.add(document, extraction)                # one transaction; False if a duplicate
"""

from sitrep.store.db import Store, StoreNotFound
from sitrep.store.engine import default_db
from sitrep.store.migrations import SchemaError

__all__ = ["Store", "StoreNotFound", "SchemaError", "default_db"]
