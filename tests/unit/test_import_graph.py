"""The app's modules import each other without a circle, counting imports inside functions too (a circle
hidden in a function is still two owners of one concept), and each imports in a fresh interpreter."""

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parents[2] / "apps" / "community_gov"
PACKAGE = APP_ROOT / "community_gov"


def module_name(path: Path) -> str:
	parts = list(path.relative_to(APP_ROOT).with_suffix("").parts)
	return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_test(name: str) -> bool:
	return ".tests." in f"{name}." or name.rsplit(".", 1)[-1].startswith("test_")


def import_graph() -> dict[str, set[str]]:
	"""Module → the app modules it imports (at the top or inside a function)."""
	modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
	graph = {}
	for name, path in modules.items():
		if is_test(name):
			continue
		imported = set()
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
				for alias in node.names:
					submodule = f"{node.module}.{alias.name}"
					imported.add(submodule if submodule in modules else node.module)
			elif isinstance(node, ast.Import):
				imported.update(alias.name for alias in node.names)
		graph[name] = {dep for dep in imported if dep in modules and dep != name and not is_test(dep)}
	return graph


def test_the_graph_sees_the_app():
	graph = import_graph()
	assert len(graph) > 50
	assert "community_gov.permissions" in graph["community_gov.guards"]


def test_no_import_circle():
	try:
		order = list(TopologicalSorter(import_graph()).static_order())
	except CycleError as error:
		raise AssertionError(f"import circle: {' → '.join(error.args[1])}") from None
	assert order


def test_every_module_imports_in_dependency_order_in_a_fresh_interpreter():
	order = [name for name in TopologicalSorter(import_graph()).static_order() if name != "community_gov"]
	script = (
		"import importlib, sys\n"
		"for name in sys.argv[1:]:\n"
		"\ttry:\n\t\timportlib.import_module(name)\n"
		"\texcept Exception as error:\n\t\tsys.exit(f'{name}: {type(error).__name__}: {error}')\n"
	)
	result = subprocess.run(
		[sys.executable, "-c", script, *order], cwd=APP_ROOT, capture_output=True, text=True, timeout=300
	)
	assert result.returncode == 0, result.stderr[-2000:]
