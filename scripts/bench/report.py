"""What every benchmark shares: percentiles, a plain-text table on stdout, and the JSON file."""

import json
import statistics
from pathlib import Path


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1): an observed value, never an interpolation."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def spread(samples_ms: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(samples_ms), 1),
        "p99_ms": round(percentile(samples_ms, 0.99), 1),
        "runs": len(samples_ms),
    }


def print_table(rows: list[dict], columns: list[tuple[str, str]]) -> None:
    """columns: (key in each row, header); numbers right-aligned, text left-aligned."""
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    widths = [max(len(header), *(len(c[i]) for c in cells)) for i, (_, header) in enumerate(columns)]
    numeric = [all(isinstance(row.get(key), int | float | None) for row in rows) for key, _ in columns]

    def line(values):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True))

    print(line([header for _, header in columns]))
    for row in cells:
        print(line(row))


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 10 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def write_json(path: str | None, data) -> None:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
