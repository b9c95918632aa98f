"""`sitrep serve`: a local, offline web app over the store (map, timelines, registers, evidence).

    from sitrep.web import create_app
    app = create_app("sitrep.db")          # a FastAPI app on a read-only connection
"""

from sitrep.web.app import create_app

__all__ = ["create_app"]
