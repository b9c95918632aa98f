"""Groups of CLI commands, each module registering its own on the `sitrep` group."""
