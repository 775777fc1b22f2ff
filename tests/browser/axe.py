"""axe-core, the accessibility engine, run inside a Playwright page.

axe-core comes from the npm registry (package.json at the repository root pins it; `make axe`
runs `npm ci`), never from a CDN: the page gets node_modules/axe-core/axe.min.js injected as a
script tag, then ``axe.run`` checks the whole document against WCAG 2.x A and AA.

    from .axe import axe_violations, describe_violations

    violations = axe_violations(page)                     # serious and critical ones
    assert violations == [], describe_violations(violations)

The ``axe`` fixture (tests/browser/conftest.py) hands the same function to a test.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe's own tags).
WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
SERIOUS = ("serious", "critical")


def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: `make axe` installs axe-core with npm ci")
    return AXE_SCRIPT


def axe_violations(page, impact: Iterable[str] | None = SERIOUS, *, tags: Iterable[str] = WCAG_AA,
                   best_practices: bool = True, exclude: Iterable[str] = ()) -> list[dict]:
    """The violations axe-core finds on the page as it is now shown.

    ``impact`` keeps the violations of those impacts (``None`` keeps all of them); ``tags`` are
    axe's rule tags to run (WCAG 2.x A and AA by default), and ``best_practices`` adds axe's
    best-practice rules (unique landmarks, scrollable regions a keyboard can reach…).
    ``exclude`` lists CSS selectors of parts of the page to leave out.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated, not added as an inline <script>: the Content-Security-Policy refuses those
        page.evaluate(axe_script().read_text(encoding="utf-8"))
    run_tags = list(tags) + (["best-practice"] if best_practices else [])
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    result = page.evaluate(
        """async ([context, tags]) => {
            const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
            const result = await (context ? axe.run(context, options) : axe.run(document, options));
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                          summary: n.failureSummary})),
            }));
        }""",
        [context, run_tags],
    )
    if impact is not None:
        wanted = set(impact)
        result = [violation for violation in result if violation["impact"] in wanted]
    return result


def describe_violations(violations: list[dict], url: str | None = None) -> str:
    """A readable account of ``violations``, for an assertion's message."""
    lines = [f"axe-core on {url}:"] if url else []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      ")[:400])
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
