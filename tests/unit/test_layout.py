"""The architecture of the code, from its import statements (read with ast, nothing imported):
bot/ is pure domain logic (no Rasa, no web framework, no machine learning, none of the other
packages), the Rasa actions do not reach into the Rasa server's plug-ins or operations, and
the developer tools are used by tests only."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["bot", "actions", "addons", "ops", "review", "tools"]
NOT_IN_BOT = {"rasa", "rasa_sdk", "sanic", "tensorflow", *PACKAGES} - {"bot"}
NOT_IN_ACTIONS = {"addons", "ops"}


def imported_modules(source: str) -> set[str]:
    """Every module an `import` or `from ... import` names, at any depth in the code
    (including imports inside functions); relative imports count as the package's own."""
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def top_level(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", python_files("bot"), ids=lambda path: path.name)
def test_the_domain_logic_imports_neither_rasa_nor_the_other_packages(path):
    assert top_level(imported_modules(path.read_text(encoding="utf-8"))) & NOT_IN_BOT == set()


@pytest.mark.parametrize("path", python_files("actions"), ids=lambda path: path.name)
def test_the_actions_import_neither_the_server_plugins_nor_operations(path):
    assert top_level(imported_modules(path.read_text(encoding="utf-8"))) & NOT_IN_ACTIONS == set()


def test_only_tests_import_the_developer_tools():
    others = [path for path in python_files(*PACKAGES) if path.relative_to(ROOT).parts[0] != "tools"]
    assert [path for path in others if "tools" in top_level(imported_modules(path.read_text(encoding="utf-8")))] == []


def test_the_import_reader_finds_every_kind_of_import():
    source = (
        "import rasa.core\n"
        "from sanic import Sanic\n"
        "from . import sibling\n"
        "def later():\n"
        "    import tensorflow as tf\n"
        "    from ops.settings import PROJECT_ROOT\n"
    )
    assert top_level(imported_modules(source)) == {"rasa", "sanic", "tensorflow", "ops"}
