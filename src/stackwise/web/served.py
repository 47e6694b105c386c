"""What a server serves: the built-in templates with the recommendation, or one template.

``stackwise serve`` serves the built-ins; ``stackwise serve --template SOURCE`` serves that
template alone, opened (cloned, checked out) once when the server starts, so no request can
name a path or a repository. Both answer the same calls, so the routes need not know which.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from stackwise import api

if TYPE_CHECKING:
    from stackwise.project.create import Generated as Rendered
    from stackwise.template.at_hand import TemplateAtHand


class Served(Protocol):
    def questions(self) -> dict[str, Any]: ...

    def recommend(self, given: Mapping[str, Any]) -> dict[str, Any] | None:
        """The recommendation, or ``None`` where the template is already chosen."""
        ...

    def unavailable(self, given: Mapping[str, Any]) -> dict[str, Any]: ...

    def check(self, given: Mapping[str, Any]) -> Callable[[Path], Rendered]:
        """The answers checked (raising ``Problems`` naming every bad key), and the render
        of them into a scratch directory, to run in a worker thread."""
        ...

    def about(self, given: Mapping[str, Any], rendered: Rendered) -> dict[str, Any]:
        """What the explore view shows beside the files: the command, the answers."""
        ...


class Builtins:
    """Flask, FastAPI and Django, chosen by the recommendation or the answers."""

    def questions(self) -> dict[str, Any]:
        return {"questions": api.questions()}

    def recommend(self, given: Mapping[str, Any]) -> dict[str, Any] | None:
        return api.recommend(given).to_dict()

    def unavailable(self, given: Mapping[str, Any]) -> dict[str, Any]:
        from stackwise.web import choices

        return choices.unavailable(given)

    def check(self, given: Mapping[str, Any]) -> Callable[[Path], Rendered]:
        plan = api.resolve(given, identity={})
        return lambda scratch: api.render(plan, scratch)

    def about(self, given: Mapping[str, Any], _rendered: Rendered) -> dict[str, Any]:
        plan = api.resolve(given, identity={})
        return {
            "project_slug": plan.slug,
            "framework": plan.framework,
            "command": plan.command("."),
            "answers": plan.answers(),
        }


class OneTemplate:
    """Any cookiecutter template, its questions its own; there is nothing to recommend.

    ``command`` spells the answers as the ``stackwise new --template`` command that makes
    the same project; ``trusted`` says whether its hooks run (checked when it is opened).
    """

    def __init__(
        self,
        template: TemplateAtHand,
        trusted: bool,
        command: Callable[[Mapping[str, Any]], str],
    ) -> None:
        self.template, self.trusted, self.command = template, trusted, command

    def questions(self) -> dict[str, Any]:
        return {"questions": api.questions(self.template)}

    def recommend(self, _given: Mapping[str, Any]) -> dict[str, Any] | None:
        return None

    def unavailable(self, given: Mapping[str, Any]) -> dict[str, Any]:
        self._answers(given)
        return {"framework": None, "unavailable": []}

    def check(self, given: Mapping[str, Any]) -> Callable[[Path], Rendered]:
        answers = self._answers(given)

        def render(scratch: Path) -> Rendered:
            return api.render_template(self.template, answers, scratch, trusted=self.trusted)

        return render

    def about(self, given: Mapping[str, Any], rendered: Rendered) -> dict[str, Any]:
        """The command spells the answers given; ``answers`` is every question's value,
        as the project's record holds it (the defaults rendered from those answers)."""
        from stackwise.answers.sources import RECORD_KEY
        from stackwise.project.record import RECORD_NAME

        recorded = json.loads((rendered.project_dir / RECORD_NAME).read_text("utf-8"))
        recorded.pop(RECORD_KEY, None)
        return {
            "project_slug": rendered.project_dir.name,
            "framework": None,
            "command": self.command(self._answers(given)),
            "answers": recorded,
        }

    def _answers(self, given: Mapping[str, Any]) -> dict[str, Any]:
        from stackwise.answers.template_answers import from_mapping

        asked = {key: value for key, value in given.items() if value not in (None, "", [])}
        return dict(from_mapping(self.template, asked, "the request"))
