"""The storage and resolver commands, built together: commands/resolve.py extends the listing commands
of commands/store.py (sub-commands such as `sitrep people register`, `sitrep claims --timeline`), so
they are made in one go, the first time `sitrep` needs any of them."""

from __future__ import annotations

from functools import lru_cache

import click


@lru_cache(maxsize=1)
def _commands() -> dict[str, click.Command]:
    from sitrep.commands.resolve import register as register_resolve
    from sitrep.commands.store import register as register_store

    group = click.Group()
    register_store(group)
    register_resolve(group)
    return dict(group.commands)


def command(name: str) -> click.Command:
    return _commands()[name]
