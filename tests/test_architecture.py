"""The layer contracts of pyproject.toml ([tool.importlinter]), checked with import-linter: a module
imports only from the layers below it, and no package has an import cycle. docs/architecture.md says
what each layer holds."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
PACKAGE = Path(sitrep.__file__).resolve().parent

# import-linter in a fresh interpreter that finds ``sitrep`` under ``source``
CHECK = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))"
)


def check(source: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHECK, str(CONFIG)], capture_output=True, text=True,
                          cwd=source, env={"PYTHONPATH": str(source), "PATH": ""}, timeout=300)


def test_the_layers_are_kept():
    result = check(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


LATE_IMPORT = "\n\ndef _late():\n    from {module} import {name}\n\n    return {name}\n"
BREAKS = {
    # an upward import, written inside a function: the gazetteer reaching into the extraction stage
    "upward": ("gazetteer/ranking.py", LATE_IMPORT.format(module="sitrep.extract.places", name="find_places"),
               ["Each layer imports only from the layers below it BROKEN",
                "sitrep.gazetteer.ranking -> sitrep.extract.places"]),
    # a cycle inside a package: certainty reads the scans, which read the event grammar, which reads modality
    "cycle": ("extract/modality.py", LATE_IMPORT.format(module="sitrep.extract", name="certainty"),
              ["No import cycle between the modules of any package BROKEN"]),
    # a top-level module given no layer
    "no layer": ("helpers.py", "import re\n", ["The following modules are not listed as layers", "sitrep.helpers"]),
}


@pytest.mark.parametrize("case", list(BREAKS))
def test_the_checker_fails_on_a_broken_contract(case, tmp_path):
    path, addition, said = BREAKS[case]
    shutil.copytree(PACKAGE, tmp_path / "sitrep", ignore=lambda d, names: [  # the Python files: imports are all it reads
        n for n in names if not n.endswith(".py") and not (Path(d) / n).is_dir()])
    with open(tmp_path / "sitrep" / path, "a", encoding="utf-8") as f:
        f.write(addition)
    result = check(tmp_path)
    assert result.returncode != 0
    for words in said:
        assert words in result.stdout
