"""The figures an institution built on transparency publishes, from counters kept on write.

Small counts are masked (fewer than THRESHOLD shows as "<5"): with few grievances from one country
about one administration, a figure could point at a person. Masking one cell is not enough where the
cells of a table add up to the published total (every grievance has one status, one country…): the
total minus the others would give it back. There, more cells are hidden ("5+") until no hidden cell
can be worked out (see `protect`). Staff see the exact counts in the admin.
"""

from schemas.administrations import administration_name
from schemas.vocabulary import LANGUAGES, STATUSES

THRESHOLD = 5
MASKED = f"<{THRESHOLD}"
AT_LEAST = f"{THRESHOLD}+"  # hidden only so that a small neighbour cannot be worked out
DIMENSIONS = ("status", "type", "category", "country", "region", "partner")
# The tables whose cells add up to the total (a filing has no partner, or one: that table does not).
PARTITIONS = ("months", "status", "type", "category", "country", "region")


def mask(count: int):
    return count if count >= THRESHOLD else MASKED


def protect(cells: dict[str, int]) -> tuple[dict, bool]:
    """Mask the cells of a table that adds up to the total, so that none can be deduced.

    A reader knows each hidden cell's range (1 to 4 for "<5", since empty cells are not listed; 5 or
    more for "5+") and, by subtraction, their sum S. Every hidden cell has at least two possible
    values exactly when there are at least two hidden cells and S lies strictly between the sum of
    their floors and the sum of their ceilings (tests/test_statistics.py checks it by brute force).
    Cells are hidden, smallest first, until that holds. Returns the masked table and whether it held
    (if even hiding every cell is not enough, the caller hides the total).
    """
    small = {key for key, count in cells.items() if count < THRESHOLD}
    hidden = set(small)

    def safe() -> bool:
        hidden_sum = sum(cells[key] for key in hidden)
        floors = sum(1 if key in small else THRESHOLD for key in hidden)
        ceilings = (THRESHOLD - 1) * len(hidden) if hidden <= small else float("inf")
        return len(hidden) >= 2 and floors < hidden_sum < ceilings

    if small:
        for key in sorted(cells.keys() - hidden, key=lambda k: (cells[k], k)):
            if safe():
                break
            hidden.add(key)
    shown = {key: MASKED if key in small else AT_LEAST if key in hidden else count for key, count in cells.items()}
    return shown, not small or safe()


def median_days(histogram: dict[str, int]) -> float | None:
    """The median of "days to first answer", from its histogram (day -> how many files)."""
    days = sorted((int(day), count) for day, count in histogram.items() if count > 0)
    total = sum(count for _, count in days)
    if total < THRESHOLD:
        return None

    def nth(position: int) -> int:  # the value at a 0-based position in the sorted list
        seen = 0
        for day, count in days:
            seen += count
            if position < seen:
                return day
        raise IndexError(position)

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _values(shown, ceiling: int) -> range:
    """What a reader knows a published count can be: itself, 1 to 4 ("<5"), or 5 and more."""
    if isinstance(shown, int):
        return range(shown, shown + 1)
    return range(1, THRESHOLD) if shown == MASKED else range(THRESHOLD, max(ceiling, THRESHOLD) + 1)


def _row_is_safe(shown: dict, waiting: int) -> bool:
    """Every masked count of one administration's row, and the answers still awaited (forwarded
    less answered, never published but found by subtraction), can each be at least two values,
    given what a reader knows: answered + late <= forwarded (the late are among the awaited)."""
    ceiling = (shown["forwarded"] if isinstance(shown["forwarded"], int) else 0) + 3 * THRESHOLD
    seen = {"forwarded": set(), "answered": set(), "overdue_now": set(), "waiting": set()}
    for forwarded in _values(shown["forwarded"], ceiling):
        for answered in _values(shown["answered"], forwarded):
            for late in _values(shown["overdue_now"], forwarded - answered):
                if answered + late <= forwarded:
                    for name, value in (("forwarded", forwarded), ("answered", answered), ("overdue_now", late),
                                        ("waiting", forwarded - answered)):  # fmt: skip
                        seen[name].add(value)
    hidden = [name for name in ("forwarded", "answered", "overdue_now") if not isinstance(shown[name], int)]
    if 0 < waiting < THRESHOLD:
        hidden.append("waiting")
    return all(len(seen[name]) >= 2 for name in hidden)


def protect_row(forwarded: int, answered: int, late: int) -> dict:
    """One administration's public counts: each under 5 masked ("<5", 0 shown as 0), then, while a
    masked count or a small number of awaited answers can still be worked out from the others,
    the smallest exact count shown as "5+", and at last the number forwarded too."""
    exact = {"forwarded": forwarded, "answered": answered, "overdue_now": late}
    shown = {name: count if count == 0 or count >= THRESHOLD else MASKED for name, count in exact.items()}
    for name in [*sorted(("answered", "overdue_now"), key=lambda n: exact[n]), "forwarded"]:
        if _row_is_safe(shown, forwarded - answered):
            break
        if isinstance(shown[name], int) and shown[name] > 0:
            shown[name] = AT_LEAST
    return shown


def accountability(counters: dict[str, dict[str, int]], overdue_now: dict[str, int], masked: bool) -> list[dict]:
    """Per administration: files forwarded to it, answered, the median days it took to answer, and
    how many answers are late now. Masked for the public so that no count under 5 shows or can be
    worked out by subtraction (protect_row); a median needs 5 answers. (These do not add up to the
    total: a file may go to several administrations or none.)"""
    forwarded, answered = counters.get("administration_forwarded", {}), counters.get("administration_answered", {})
    rows = []
    for code in sorted(code for code, count in forwarded.items() if count > 0):
        counts = {
            "forwarded": forwarded[code], "answered": answered.get(code, 0), "overdue_now": overdue_now.get(code, 0),
        }  # fmt: skip
        median = median_days(counters.get(f"administration_days:{code}", {}))
        if masked:
            counts = protect_row(counts["forwarded"], counts["answered"], counts["overdue_now"])
            if not isinstance(counts["answered"], int):
                median = None  # a median ending in .5 tells an even number of answers: "5+" would be 6
        rows.append({
            "administration": code,
            "names": {language: administration_name(code, language) for language in LANGUAGES},
            **counts,
            "median_days_to_answer": median,
        })  # fmt: skip
    return rows


def figures(counters: dict[str, dict[str, int]], masked: bool = True, overdue_now: dict | None = None) -> dict:
    total = counters.get("total", {}).get("all", 0)
    statuses = counters.get("status", {})
    oriented = statuses.get("oriented", 0)
    tables = {
        dimension: {key: count for key, count in sorted(counters.get(dimension, {}).items()) if count > 0}
        for dimension in DIMENSIONS
    }
    tables["months"] = {month: count for month, count in sorted(counters.get("month", {}).items()) if count > 0}
    total_shown = total
    if masked:
        total_shown = mask(total)
        for name, cells in tables.items():
            if name in PARTITIONS:
                tables[name], held = protect(cells)
                if not held and total_shown != MASKED:
                    total_shown = AT_LEAST
            else:
                tables[name] = {key: mask(count) for key, count in cells.items()}
    return {
        "threshold": THRESHOLD if masked else None,
        "total": total_shown,
        "months": [{"month": month, "count": count} for month, count in tables.pop("months").items()],
        **tables,
        # Only beside an exact count of oriented files: otherwise share × total would give it back.
        "share_oriented": round(oriented / total, 3)
        if total >= THRESHOLD and isinstance(tables["status"].get("oriented"), int) and isinstance(total_shown, int)
        else None,
        "median_days_to_first_answer": median_days(counters.get("first_answer_days", {})),
        "administrations": accountability(counters, overdue_now or {}, masked),
        "statuses_known": list(STATUSES),
    }
