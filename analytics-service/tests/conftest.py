"""Makes the analytics test kit (scenario and app helpers) importable from every analytics test."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
