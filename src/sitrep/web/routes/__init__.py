"""One module per page; each holds the HTML page and its JSON twin under /api/."""

from sitrep.web.routes import apidocs, claims, documents, downloads, events, map, overview, people, search, units

ROUTERS = [overview.router, map.router, events.router, claims.router, people.router, units.router,
           documents.router, search.router, downloads.router, apidocs.router]
