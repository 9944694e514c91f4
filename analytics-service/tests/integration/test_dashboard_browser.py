"""The dashboard in headless Chromium: the page a supervisor opens renders its figures and its charts.

Needs a Chromium on the machine (Debian: `apt-get install chromium-headless-shell`); the test fails, naming
the package, when there is none.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
from pathlib import Path

import uvicorn

from analytics.main import create_app
from analytics_testkit.app import JWT_SECRET, settings_for
from analytics_testkit.scenario import EVENTS, envelope
from closeloop.auth import mint_token

BROWSERS = ("chromium-headless-shell", "chromium", "google-chrome", "chrome")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError("no headless Chromium found: apt-get install chromium-headless-shell")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _chromium(*args: str) -> str:
    result = await asyncio.to_thread(
        subprocess.run, [_browser(), "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=90, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


async def test_dashboard_renders_in_headless_chromium_with_its_charts(analytics_db, feeder, tmp_path: Path):
    await feeder.feed_batch(envelope(p) for p in EVENTS)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings_for(analytics_db)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        token = mint_token(secret=JWT_SECRET, subject="supervisor", scopes=["kpi:read"])
        url = f"http://127.0.0.1:{port}/dashboard?from=2026-11-01&to=2026-11-30&access_token={token}"
        dom = await _chromium("--dump-dom", url)
        shot = tmp_path / "dashboard.png"
        await _chromium(f"--screenshot={shot}", "--window-size=1280,2200", url)
    finally:
        server.should_exit = True
        await serving

    assert '<div class="value" id="volume">6</div>' in dom  # reached through the token → cookie redirect
    assert dom.count('class="chart"') == 7
    assert dom.count('class="series"') >= 4 and dom.count('class="bar"') >= 12
    assert "staff_attitude" in dom
    assert shot.exists() and shot.stat().st_size > 20_000
