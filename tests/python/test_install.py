"""`pip install clients/python` works offline, as the README says: a venv
that sees Debian's setuptools and wheel, no index, no build isolation; the
installed package (not this source tree) runs a program.

Runs in: pytest; creates a venv under tmp_path. Input: clients/python.
"""

import os
import shutil
import subprocess
import sys

from conftest import ROOT, codecell_bin


def test_pip_install_offline_into_a_venv(tmp_path):
    # A copy: setuptools builds inside the source directory it is given.
    src = tmp_path / "src"
    shutil.copytree(ROOT / "clients" / "python", src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    venv = tmp_path / "venv"
    # The README's commands, with the system interpreter: Debian's
    # setuptools and wheel are where --system-site-packages finds them.
    # --without-pip only saves the 10 s of copying pip into the venv; the
    # system's pip (python3-pip) installs into the venv all the same.
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    subprocess.run([python, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k != "PYTHONPATH"}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    r = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-index", "--no-build-isolation", str(src)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    probe = (
        "import codecell, sys\n"
        "assert 'site-packages' in codecell.__file__, codecell.__file__\n"
        "import importlib.resources as res\n"
        "assert (res.files('codecell') / 'py.typed').is_file()\n"
        "r = codecell.execute_sync('async () => await codemode.add(2, 3)', {'add': lambda a, b: a + b})\n"
        "sys.stdout.write(repr((r.result, r.error)))\n"
    )
    env["CODECELL_BIN"] = codecell_bin()
    r = subprocess.run([str(venv / "bin" / "python"), "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "(5, None)"
