"""`sitrep serve`: the local web app over the database, read-only, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from pathlib import Path

import click

from sitrep.commands.common import DB_HELP
from sitrep.commands.options import verbosity_options

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to HOST:PORT, or a clear error (port in use, no such address, not allowed). The
    server is started on the same address right after this one is closed."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: no such address ({exc.strerror})")
    except OSError as exc:
        hint = " (another server is using it: stop it, or choose another with --port)" if exc.errno == errno.EADDRINUSE else ""
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}{hint}")
    return sock


@click.command()
@click.option("--db", envvar="SITREP_DB", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the database to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--tiles", "tile_url", metavar="URL", envvar="SITREP_TILES",
              help="A tile server drawn under the offline outlines, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                   "(default: none; the map works offline).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each answers on its own CPU core).")
@verbosity_options
def serve(db, host, port, tile_url, workers):
    """Serve the web app (map, events, claims timelines, people, units, documents with their evidence)
    on http://HOST:PORT, reading the database read-only. Needs the `web` extra (pip install 'sitrep[web]')."""
    try:
        import uvicorn

        from sitrep.web import create_app
    except ImportError as exc:  # fastapi/uvicorn/jinja2 are the `web` extra
        raise click.ClickException(f"{exc.name} is missing: pip install 'sitrep[web]'")
    from sitrep.store import SchemaError, StoreNotFound, default_db

    if tile_url and not tile_url.startswith(("https://", "http://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--tiles")
    try:
        app = create_app(db, tile_url=tile_url)
    except (StoreNotFound, SchemaError) as exc:
        raise click.ClickException(str(exc))
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can read the database",
                   err=True)
    listen(host, port).close()  # before saying "serving on": a busy port is an error, not a traceback later
    click.echo(f"sitrep: serving on http://{host}:{port}/ (read-only; Ctrl+C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    # several processes: each builds its own app (and read-only connections) from the environment
    from sitrep.web.app import ENV_DB, ENV_TILES

    app.state.engine.dispose()
    os.environ[ENV_DB] = str(db) if db and "://" in str(db) else str(Path(db or default_db()).resolve())
    os.environ[ENV_TILES] = tile_url or ""
    uvicorn.run("sitrep.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", server_header=False)
