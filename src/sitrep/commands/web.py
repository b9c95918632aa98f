"""`sitrep serve`: the local web app over the database, read-only, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress

import click

from sitrep.commands.store import DB_HELP

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", envvar="SITREP_DB", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the database to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--tiles", "tile_url", metavar="URL", envvar="SITREP_TILES",
              help="A tile server drawn under the offline outlines, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                   "(default: none; the map works offline).")
def serve(db, host, port, tile_url):
    """Serve the web app (map, events, claims timelines, people, units, documents with their evidence)
    on http://HOST:PORT, reading the database read-only. Needs the `web` extra (pip install 'sitrep[web]')."""
    try:
        import uvicorn

        from sitrep.web import create_app
    except ImportError as exc:  # fastapi/uvicorn/jinja2 are the `web` extra
        raise click.ClickException(f"{exc.name} is missing: pip install 'sitrep[web]'")
    from sitrep.store import SchemaError, StoreNotFound

    if tile_url and not tile_url.startswith(("https://", "http://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--tiles")
    try:
        app = create_app(db, tile_url=tile_url)
    except (StoreNotFound, SchemaError) as exc:
        raise click.ClickException(str(exc))
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can read the database",
                   err=True)
    click.echo(f"sitrep: serving on http://{host}:{port}/ (read-only; Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
