"""The layer contracts of pyproject.toml ([tool.importlinter]), checked with import-linter: a module
imports only from the layers below it, and no package has an import cycle. docs/architecture.md says
what each layer holds."""

import shutil
import subprocess
import sys
from pathlib import Path

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


def copy_of_the_code(tmp_path: Path) -> Path:
    """The package's Python files (no data: import-linter reads imports only)."""
    shutil.copytree(PACKAGE, tmp_path / "sitrep", ignore=lambda d, names: [
        n for n in names if not n.endswith(".py") and not (Path(d) / n).is_dir()])
    return tmp_path


def test_an_upward_import_inside_a_function_breaks_the_layers(tmp_path):
    source = copy_of_the_code(tmp_path)
    with open(source / "sitrep" / "gazetteer" / "ranking.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _late():\n    from sitrep.extract.places import find_places\n\n    return find_places\n")
    result = check(source)
    assert result.returncode != 0
    assert "Each layer imports only from the layers below it BROKEN" in result.stdout
    assert "sitrep.gazetteer.ranking -> sitrep.extract.places" in result.stdout


def test_a_cycle_inside_a_package_breaks_the_acyclic_contract(tmp_path):
    source = copy_of_the_code(tmp_path)
    with open(source / "sitrep" / "extract" / "modality.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _late():\n    from sitrep.extract import certainty\n\n    return certainty\n")
    result = check(source)
    assert result.returncode != 0
    assert "No import cycle between the modules of any package BROKEN" in result.stdout


def test_a_top_level_module_without_a_layer_breaks_the_layers(tmp_path):
    source = copy_of_the_code(tmp_path)
    (source / "sitrep" / "helpers.py").write_text("import re\n", encoding="utf-8")
    result = check(source)
    assert result.returncode != 0
    assert "sitrep.helpers" in result.stdout
