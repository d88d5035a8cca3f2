import sys
from pathlib import Path

APP_PATH = Path(__file__).resolve().parent.parent / "apps" / "community_gov"
if str(APP_PATH) not in sys.path:
	sys.path.insert(0, str(APP_PATH))
