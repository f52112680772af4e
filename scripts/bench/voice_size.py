"""Bytes per minute of a voice recording, as the form's recorder makes it, in Chromium.

    python scripts/bench/voice_size.py [--seconds 30] [--site build/site] [--json out.json]

Conditions: Debian's Chromium (headless) with its fake microphone (`--use-fake-device-for-media-stream`,
a periodic beep, not speech: Opus is variable-bitrate, so speech and silence differ a little; the
bitrate asked for, 20 kbit/s, caps both). The real recorder records (recorder.js, through the
form's own buttons), then the blob kept in IndexedDB is weighed. Budget: a 5-minute note ≤ 900 KB,
i.e. ≤ 180 KB a minute.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from scripts.bench.report import print_table, write_json  # noqa: E402
from scripts.serving import CHROMIUM, CHROMIUM_ARGS, LocalServer  # noqa: E402

BUDGET_PER_MINUTE = 900_000 / 5
VOICES = """() => new Promise((ok) => {
  const r = indexedDB.open('sawt');
  r.onsuccess = () => {
    const q = r.result.transaction('filings').objectStore('filings').getAll();
    q.onsuccess = () => {
      const out = [];
      for (const f of q.result) for (const file of (f.files || []))
        if (file.kind === 'voice') out.push({ type: file.type, size: file.blob.size, seconds: file.seconds });
      ok(out); r.result.close();
    };
  };
})"""


def record(url: str, seconds: int) -> dict:
    from playwright.sync_api import sync_playwright

    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_context().new_page()
        page.goto(url)
        page.evaluate("document.querySelector('[data-module=voice]').click()")  # in a later step: by script
        page.wait_for_selector(".recorder [data-start]", state="attached", timeout=60000)
        page.evaluate("document.querySelector('.recorder [data-start]').click()")
        page.wait_for_selector(".recorder [data-stop]:not([hidden])", state="attached", timeout=60000)
        page.wait_for_timeout(seconds * 1000)  # the recording's length
        page.evaluate("document.querySelector('.recorder [data-stop]').click()")
        page.wait_for_function("() => document.querySelector('.recorder .recordings audio')", timeout=60000)
        (voice,) = page.evaluate(VOICES)
        browser.close()
    return voice


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--site", default=str(ROOT / "build" / "site"))
    parser.add_argument("--json")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data:
        server = LocalServer(Path(data), Path(options.site)).start()
        try:
            voice = record(f"{server.url}/fr/file/", options.seconds)
        finally:
            server.stop()
    per_minute = voice["size"] * 60 / max(voice["seconds"], 1)
    row = {"type": voice["type"], "seconds": voice["seconds"], "bytes": voice["size"],
           "bytes_per_minute": round(per_minute), "five_minutes": round(per_minute * 5),
           "within_budget": per_minute <= BUDGET_PER_MINUTE}  # fmt: skip
    print_table([row], [(key, key.replace("_", " ")) for key in row])
    write_json(options.json, [row])
    return 0 if row["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
