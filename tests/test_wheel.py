"""The built wheel carries the patterns: install it in a fresh venv and run the CLI there.

The venv gets only the wheel; its dependencies (spaCy, underthesea...) are
borrowed from the running environment through a ``.pth`` file, so the test
needs no network. It runs from an empty folder, so nothing can be imported
from the source checkout by accident.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "samples" / "district-review.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (built,) = dist.glob("*.whl")
    return built


def test_the_wheel_ships_the_pattern_files(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for data in ("titles.jsonl", "surnames.txt", "dates.jsonl", "number_words.tsv", "encodings/tcvn3.tsv",
                 "meeting_cues.jsonl", "meeting_words.jsonl", "meeting_model.json"):
        assert f"extractor/patterns/{data}" in names, data


def test_the_installed_cli_runs_in_a_fresh_venv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "borrowed_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, text=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import extractor; print(extractor.__file__)"],
        cwd=work, check=True, capture_output=True, text=True, env=clean_env,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    result = subprocess.run(
        [str(env_dir / "bin" / "extract-report"), str(ARTICLE)],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["is_meeting_report"] is True and record["chairpersons"]
