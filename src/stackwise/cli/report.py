"""Text and JSON views of recommendations, questions and results, for the CLI to print.

Pure functions from data to strings: the CLI decides where they go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stackwise import __version__
from stackwise.answers import vocabulary
from stackwise.answers.vocabulary import TURNS_ON, Question

if TYPE_CHECKING:
    from stackwise.answers.resolve import Plan
    from stackwise.project.create import Generated
    from stackwise.recommend.engine import Recommendation


def recommendation_text(rec: Recommendation) -> str:
    """The recommendation to read; by an organisation's rules, it names their file first and
    each reason's rule id, so that every point can be traced to that file."""
    from stackwise.recommend.rules import BUILTIN

    name = rec.names[rec.winner]
    own = rec.rules != BUILTIN
    lines = [f"Rules: {rec.rules}", ""] if own else []
    lines += [f"Recommended: {name}", "", "  Framework  Score"]
    lines += [f"  {rec.names[fw]:<9}  {rec.scores[fw]:>5}" for fw in rec.ranking]
    lines.append("")
    if not rec.fired:
        lines.append(
            f"No rule fired (no answers to go on); {name} comes first in the tie-break order."
        )
    elif rec.decided_by_tie_break:
        lines.append(
            f"{name} and {rec.names[rec.runner_up]} scored the same; "
            f"{name} comes first in the tie-break order."
        )
    for fw in rec.ranking:
        rules = rec.reasons_for(fw)
        if rules:
            lines.append(f"Reasons for {rec.names[fw]}:")
            lines += [
                f"  +{r.weight} {r.reason} [{f'{r.id}: ' if own else ''}{r.source.cite()}]"
                for r in rules
            ]
    lines.append(f"Trade-offs of {name}:")
    lines += [f"  - {t}" for t in rec.tradeoffs]
    return "\n".join(lines)


def override_note(rec: Recommendation, framework: str) -> str:
    """One line: what the rules preferred over the user's choice, and their strongest reason."""
    top = rec.reasons_for(rec.winner)
    why = f": {top[0].reason}" if top else " (no rule fired; tie-break order)"
    return (
        f"Note: the rules preferred {rec.names[rec.winner]} "
        f"({rec.scores[rec.winner]} to {rec.scores[framework]}){why}"
    )


def question_dict(question: Question) -> dict[str, Any]:
    return {
        "key": question.key,
        "group": question.group,
        "question": question.text,
        "kind": question.kind,
        "choices": list(question.choices),
        "default": question.default,
        "framework_defaults": dict(question.framework_defaults),
        "flag": question.cli_flag,
        "help": question.help,
        "turns_on": TURNS_ON.get(question.key, {}),
    }


def questions_text() -> str:
    blocks = []
    for group, title in (("selection", "Selection answers"), ("project", "Project options")):
        blocks.append(f"{title}:")
        for q in (q for q in vocabulary.QUESTIONS if q.group == group):
            default = q.default if q.default not in (None, "") else "none"
            extra = "".join(f", {fw}: {v}" for fw, v in q.framework_defaults.items())
            choices = ", ".join(q.choices) if q.choices else "text"
            blocks.append(f"  {q.key} ({q.cli_flag})")
            blocks.append(f"    {q.text} [{choices}] default: {default}{extra}")
            blocks.append(f"    {q.help}")
            for answer, options in TURNS_ON.get(q.key, {}).items():
                turned = ", ".join(f"{k}={v}" for k, v in options.items())
                blocks.append(f"    {answer} turns on {turned}")
    return "\n".join(blocks)


def result_dict(plan: Plan, result: Generated, command: str, *, dry_run: bool) -> dict[str, Any]:
    """The object ``new --json`` prints; its schema is in docs/json-output.md."""
    from shlex import quote

    from stackwise.recommend.engine import rule_to_dict

    return {
        "stackwise_version": __version__,
        "dry_run": dry_run,
        "framework": plan.framework,
        "overridden": plan.overridden,
        "note": override_note(plan.recommendation, plan.framework) if plan.overridden else None,
        "reasons": [rule_to_dict(rule) for rule in plan.recommendation.reasons_for(plan.framework)],
        "recommendation": plan.recommendation.to_dict(),
        "project_dir": str(result.project_dir),
        "files": list(result.files),
        "answers": plan.answers(),
        "next_steps": [f"cd {quote(str(result.project_dir))}", *result.next_steps],
        "command": command,
    }


def result_text(plan: Plan, result: Generated, command: str) -> str:
    from shlex import quote  # here: recommend and questions do not need it

    name = plan.recommendation.names[plan.framework]
    lines = [
        f"Created {name} project {plan.options['project_name']!r}: "
        f"{len(result.files)} files in {result.project_dir}",
        "",
        "Next steps:",
        f"  cd {quote(str(result.project_dir))}",
        *(f"  {step}" for step in result.next_steps),
        "",
        "The same project without questions:",
        f"  {command}",
    ]
    return "\n".join(lines)


def dry_run_text(plan: Plan, result: Generated, command: str) -> str:
    """The decision, every answer, and the files a real run would write."""
    lines = ["Dry run: nothing was written.", "", decision(plan)]
    rules = plan.recommendation.reasons_for(plan.framework)
    lines += [f"  +{r.weight} {r.reason} [{r.source.cite()}]" for r in rules]
    lines += ["", "Answers:"]
    for key, value in plan.answers().items():
        shown = " ".join(value) if isinstance(value, list) else value
        lines.append(f"  {key}: {shown if shown != '' else '(empty)'}")
    lines += ["", f"Would write {len(result.files)} files in {result.project_dir}:"]
    lines += [f"  {path}" for path in result.files]
    lines += ["", "To write them:", f"  {command}"]
    return "\n".join(lines)


def decision(plan: Plan) -> str:
    rec = plan.recommendation
    chosen, winner = rec.names[plan.framework], rec.names[rec.winner]
    if plan.overridden:
        return (
            f"Framework: {chosen}, chosen over the recommendation ({winner}, "
            f"{rec.scores[rec.winner]} to {rec.scores[plan.framework]})"
        )
    runner_up = rec.names[rec.runner_up]
    tie = ", first in the tie-break order" if rec.decided_by_tie_break else ""
    return (
        f"Framework: {chosen}, as recommended ({rec.scores[rec.winner]} to "
        f"{rec.scores[rec.runner_up]} for {runner_up}{tie})"
    )
