"""Problems as GitHub Actions annotations: each shown on its line of the file in the pull request."""

from __future__ import annotations

from .site_check import SiteCheck


def escaped(text: str, in_property: bool = False) -> str:
    """A value as GitHub's workflow commands take it: `%`, line breaks and, in a property, `:` and `,`."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def github_annotations(result: SiteCheck) -> str:
    """`::error file=…,line=…,title=…::what — fix` for each problem (`::warning` for a warning)."""
    lines = []
    for problem in result.problems:
        where = f"file={escaped(problem.path, True)}"
        if problem.line:
            where += f",line={problem.line}"
        title = escaped(problem.field, True)
        lines.append(
            f"::{problem.severity} {where},title={title}::{escaped(f'{problem.what} — {problem.fix}')}"
        )
    return "\n".join(lines)
