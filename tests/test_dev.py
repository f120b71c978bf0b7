"""dev.py, the two set-up commands of the README: what they install, say and configure."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def dev(monkeypatch, tmp_path):
    """dev.py as a module, its virtual environment moved to a temporary folder."""
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    return module


def test_without_a_command_it_prints_its_usage(dev, capsys):
    assert dev.main([]) == 2
    assert "python3 dev.py lab" in capsys.readouterr().out


def test_the_test_command_installs_the_comparisons_with_pytorch(dev):
    assert dev.EXTRAS == {"lab": "lab", "test": "test,compare"}


def test_install_shows_pip_at_work_then_skips_it_while_pyproject_is_unchanged(dev, monkeypatch, capsys):
    commands = []
    monkeypatch.setattr(dev, "run", lambda *command: commands.append([str(c) for c in command]))
    dev.VENV.mkdir()
    dev.install(Path("python"), "test,compare", 2, 3)
    (pip,) = commands
    assert pip[-2:] == ["-e", ".[test,compare]"] and "--quiet" not in pip and "-q" not in pip
    assert "[dev.py 2/3] Installing autograd_lab[test,compare]" in capsys.readouterr().out
    dev.install(Path("python"), "test,compare", 2, 3)
    assert len(commands) == 1
    assert "pyproject.toml is unchanged: no pip run" in capsys.readouterr().out


def test_lab_settings_turn_the_news_pop_up_off_and_keep_other_overrides(dev, tmp_path):
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True)
    mine = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    (settings / "overrides.json").write_text(json.dumps(mine))
    written = dev.write_lab_settings(tmp_path)
    assert json.loads(written.read_text()) == {
        **mine,
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }


def test_jupyterlab_reads_the_override_as_its_default(dev, tmp_path):
    """The settings id and values are the installed JupyterLab's own: its settings server applies them."""
    settings_utils = pytest.importorskip("jupyterlab_server.settings_utils")
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    if not (schemas / "@jupyterlab" / "apputils-extension" / "notification.json").is_file():
        pytest.skip("JupyterLab is not installed in this environment")
    written = dev.write_lab_settings(tmp_path)
    found, _ = settings_utils.get_settings(
        str(written.parent),
        str(schemas),
        str(tmp_path / "user-settings"),
        schema_name="@jupyterlab/apputils-extension:notification",
    )
    defaults = {key: value.get("default") for key, value in found["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False
