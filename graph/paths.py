"""Where innograph's files are: in a checkout, its own folders; installed, the package's copies.

Run from a checkout (the source tree with its pyproject.toml), everything is the checkout's:
lexicons and bundled plans under ``data/``, the ontology under ``ontology/``, the default store
under ``data/build/``, the user's identity rules in ``data/aliases.csv``. Installed from a
wheel, the lexicons, ontology and bundled plans are read from the package (they ship in it as
``graph/resources``), and what the user makes or edits — the default store, aliases.csv — lives
in the user's data folder (platformdirs: ~/.local/share/innograph on Linux), never in
site-packages.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent
_TREE = CODE_DIR.parent
CHECKOUT = _TREE if (_TREE / "pyproject.toml").is_file() and (_TREE / "data" / "lexicons").is_dir() else None


def _shipped(name: str) -> Path:
    return Path(str(files("graph") / "resources" / name))


if CHECKOUT is not None:
    LEXICON_DIR = CHECKOUT / "data" / "lexicons"
    ONTOLOGY_DIR = CHECKOUT / "ontology"
    BUNDLED_PLANS = CHECKOUT / "data" / "plans"
    USER_DATA = CHECKOUT / "data"
else:  # pragma: no cover - exercised by the wheel test in a fresh venv
    from platformdirs import user_data_path

    LEXICON_DIR = _shipped("lexicons")
    ONTOLOGY_DIR = _shipped("ontology")
    BUNDLED_PLANS = _shipped("plans")
    USER_DATA = user_data_path("innograph")

DEFAULT_STORE = USER_DATA / "build" / "store"
REMOTE_CACHE = USER_DATA / "build" / "remote"  # per endpoint: what a rebuild keeps of its plans
ALIASES_FILE = USER_DATA / "aliases.csv"
