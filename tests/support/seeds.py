"""Read the rows of the seed documents' tables, to check that the rules cover them all."""

from __future__ import annotations

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "docs" / "seeds"


def _cells(line: str) -> list[str]:
    return [
        re.sub(r"\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", c).strip()
        for c in line.strip().strip("|").split("|")
    ]


def _pipe_tables(lines: list[str]) -> dict[str, list[str]]:
    """Pipe tables, titled by the line above the header; items are the first column.

    A table whose header starts with "Framework" lists one framework a row, so its items
    are the criteria in the header instead.
    """
    tables: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        if (
            i + 1 < len(lines)
            and "|" in line
            and set(lines[i + 1].replace("|", "").strip()) <= {"-", " "}
            and lines[i + 1].strip()
        ):
            title = next(t.lstrip("# ").strip() for t in reversed(lines[:i]) if t.strip())
            header = _cells(line)
            rows = []
            for row in lines[i + 2 :]:
                if "|" not in row:
                    break
                rows.append(_cells(row)[0])
            tables[title] = header[1:] if header[0] == "Framework" else rows
    return tables


def _pros_and_cons(lines: list[str]) -> list[str]:
    start = lines.index("Pros and Cons Summary") + 1
    items, framework, kind = [], "", ""
    for line in lines[start:]:
        text = line.strip()
        if text == "Conclusion":
            break
        if text in {"Flask", "FastAPI", "Django"}:
            framework = text
        elif text in {"- Pros:", "- Cons:"}:
            kind = text[2:-1]
        elif text.startswith("- "):
            items.append(f"{framework} {kind}: {text[2:]}")
    return items


def _bullets_after(lines: list[str], heading: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ").strip() == heading)
    return [
        re.match(r"- \*\*(.+?)\*\*", line).group(1)  # type: ignore[union-attr]
        for line in lines[start + 1 :]
        if line.startswith("- **")
    ]


def seed_rows() -> dict[tuple[str, str], list[str]]:
    """(document, table) -> the items of that table that a rule or an exemption must name."""
    comparison = (SEEDS / "framework-comparison.md").read_text("utf-8").splitlines()
    table = (SEEDS / "framework-table.md").read_text("utf-8").splitlines()
    rows: dict[tuple[str, str], list[str]] = {}
    for title, items in _pipe_tables(comparison).items():
        rows[("framework-comparison.md", title)] = items
    rows[("framework-comparison.md", "Pros and Cons Summary")] = _pros_and_cons(comparison)
    for title, items in _pipe_tables(table).items():
        rows[("framework-table.md", title)] = items
    rows[("framework-table.md", "Choosing between them")] = _bullets_after(
        table, "Choosing between them"
    )
    return rows
