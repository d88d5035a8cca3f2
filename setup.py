"""`pip install -e .` for the project: the community_gov app package (so plain pytest can import its
framework-free rules without a bench) and the tooling used to develop, serve and test it.

The app keeps its own flit `apps/community_gov/pyproject.toml` for `bench get-app`; this file serves
the repository as a whole.
"""

import re
from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).parent
APP_DIR = ROOT / "apps" / "community_gov"
VERSION = re.search(
	r'__version__ = "([^"]+)"', (APP_DIR / "community_gov" / "__init__.py").read_text()
).group(1)

TOOLING = [
	"pytest>=8,<9",
	"ruff==0.8.6",
	"honcho>=2,<3",  # runs the Procfile: web, worker, scheduler, socketio
	"openpyxl>=3.1,<4",  # builds Excel files for the import tests
	"pandas>=2.1,<3",  # report aggregations
	"selenium>=4.20,<5",  # browser tests against Debian's chromium-driver
]

setup(
	name="community-gov-bench",
	version=VERSION,
	description="community_gov: the app package and the tooling of its bench",
	python_requires=">=3.10,<3.13",
	package_dir={"": "apps/community_gov"},
	packages=find_packages(where="apps/community_gov", include=["community_gov", "community_gov.*"]),
	include_package_data=True,
	install_requires=TOOLING,
)
