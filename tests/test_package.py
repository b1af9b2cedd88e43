"""The package as a user installs it: a wheel built from the checkout, installed in a fresh venv
outside it, builds and queries plans from any folder, with lexicons, ontology, queries and the
bundled plans read from the package, and its store in the user's data folder."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .conftest import PLANS, ROOT


def run(args, **kwargs):
    return subprocess.run(args, check=False, capture_output=True, text=True, timeout=600, **kwargs)


def test_a_wheel_installed_outside_the_checkout_builds_and_queries_plans(tmp_path):
    wheels = tmp_path / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)])
    assert built.returncode == 0, built.stderr[-2000:]
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", "--without-pip", str(venv)]).returncode == 0
    python = venv / "bin" / "python"
    installed = run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                     *map(str, wheels.glob("*.whl"))])
    assert installed.returncode == 0, installed.stderr[-2000:]
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    # the dependencies of this test run's environment, as a plain path (its editable finder is not loaded)
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    shutil.copytree(PLANS, work / "plans")
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "home" / "data")}
    where = run([str(python), "-c", "import graph.paths as p; print(p.__file__); print(p.CHECKOUT); print(p.LEXICON_DIR)"],
                cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    assert str(venv) in where.stdout.splitlines()[0] and where.stdout.splitlines()[1] == "None", where.stdout + where.stderr
    innograph = str(venv / "bin" / "innograph")
    build = run([innograph, "build", "plans", "--out", "g.ttl", "--jobs", "1"], cwd=work, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "4 plans" in build.stdout
    query = run([innograph, "query", "--graph", "g.ttl", "--name", "02_university_labs", "--format", "csv"], cwd=work, env=env)
    assert query.returncode == 0 and "河南科技大学" in query.stdout, query.stderr
    valid = run([innograph, "validate", "--graph", "g.ttl"], cwd=work, env=env)  # the shipped shapes and ontology
    assert valid.returncode == 0, valid.stdout + valid.stderr
    bundled = run([innograph, "stats", "--lang", "en"], cwd=work, env=env)  # the shipped plans, in the user's data folder
    assert bundled.returncode == 0 and "Plan\t4" in bundled.stdout, bundled.stdout + bundled.stderr
    assert (tmp_path / "home" / "data" / "innograph" / "build" / "store").is_dir()
