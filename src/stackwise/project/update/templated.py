"""Base and target of a project made with ``--template SOURCE`` (any cookiecutter template).

The base is the recorded template rendered with the recorded answers: for a git source,
the repository at its recorded commit (cloned or fetched through ``template.sources``'s
cache); for a local directory, the directory itself while its files hash as recorded, else
the commit of its own git repository that holds them (see ``history``); where none does,
``--base-ref`` is named. The target is the template at the ref the record names (a branch
at its newest commit, a tag), or at ``--checkout REF``, with the recorded answers (migrated
by the target's manifest, where it has one) under the answers file and ``--set``; questions
new in the target take their defaults, or are asked at a terminal. Hooks run only when
trusted (``--trust``, or the config's trusted sources), as with ``new --template``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from stackwise import api
from stackwise.answers.template_answers import Answer, from_mapping
from stackwise.errors import Refused
from stackwise.project import from_template
from stackwise.project.record import RECORD_NAME, record
from stackwise.project.update import history
from stackwise.project.update.answers import Recorded, migrate
from stackwise.project.update.sides import BASE_REF_HINT, Request, Sides
from stackwise.template.at_hand import TemplateAtHand
from stackwise.template.cache import content_hash
from stackwise.template.manifest import MANIFEST_NAME, load_manifest
from stackwise.template.sources import SourceError, expand

#: The template the record was rendered from, as a kind of source finds it again.
BaseTemplate = Callable[[Recorded], TemplateAtHand]


def sides_with(base_template: BaseTemplate) -> Callable[[Path, Recorded, Request], Sides]:
    """The ``sides`` of a kind of source whose base template ``base_template`` finds."""

    def sides(project: Path, recorded: Recorded, request: Request) -> Sides:
        origin = recorded.origin
        trusted = request.trust or _trusted(origin.source)
        target = api.open_template(origin.source, request.checkout or origin.ref, origin.directory)
        answers = _answers(target, recorded, request)
        new_keys = tuple(key for key in target.keys if key not in recorded.answers)
        same = None
        if not new_keys and _same_template(recorded, target) and answers == _kept(recorded):
            same = record(answers, target.origin, target.path)
        else:  # refused before a question is asked
            from_template.refuse_untrusted(target, trusted)
        if request.ask is not None:
            request.ask.template(target, answers)

        def render(template: TemplateAtHand, values: dict[str, Any], into: Path) -> Path:
            return from_template.render(template, values, into, project.parent, trusted=trusted)

        return Sides(
            base=lambda into: render(base_template(recorded), _kept(recorded), into),
            target=lambda into: render(target, answers, into),
            new_keys=new_keys,
            same=same,
        )

    return sides


def _trusted(source: str) -> bool:
    """Trusted in the config by the recorded source, its URL, or an alias that names it."""
    from stackwise.config import load_config

    config = load_config()
    aliases = [name for name, alias in config.templates.items() if alias.source == source]
    return config.trusts(source, expand(source), *aliases)


def _kept(recorded: Recorded) -> dict[str, Any]:
    return {k: v for k, v in recorded.answers.items() if v is not None}


def _answers(target: TemplateAtHand, recorded: Recorded, request: Request) -> dict[str, Answer]:
    """The recorded answers the target still asks, the answers file and ``--set`` over them."""
    given = api.template_answers(target, file=request.file, sets=request.sets)
    kept = {k: v for k, v in _migrated(target, recorded).items() if k not in given}
    return {**from_mapping(target, kept, RECORD_NAME, known_only=True), **given}


def _migrated(target: TemplateAtHand, recorded: Recorded) -> dict[str, Any]:
    """The recorded answers after the ``[[migrations]]`` of the target's manifest, if any."""
    if not (target.path / MANIFEST_NAME).is_file():
        return _kept(recorded)
    return migrate(_kept(recorded), load_manifest(target.path))


def _same_template(recorded: Recorded, target: TemplateAtHand) -> bool:
    return target.origin.commit == recorded.origin.commit and recorded.hash == content_hash(
        target.path
    )


def at_commit(recorded: Recorded) -> TemplateAtHand:
    """A git source's base: the repository at the recorded commit."""
    origin = recorded.origin
    if origin.commit is None:
        raise Refused(f"{RECORD_NAME} names no commit of {origin.source}: {BASE_REF_HINT}")
    try:
        template = api.open_template(origin.source, origin.commit, origin.directory)
    except SourceError:
        raise Refused(
            f"{origin.source} no longer holds the commit {origin.commit} that made this "
            f"project: {BASE_REF_HINT}"
        ) from None
    return template._replace(origin=origin)


def as_recorded(recorded: Recorded) -> TemplateAtHand:
    """A local directory's base: the directory while its files are the recorded ones, else
    the commit of its git repository that holds them."""
    origin = recorded.origin
    template = api.open_template(origin.source, None, origin.directory)
    if recorded.hash == content_hash(template.path):
        return template._replace(origin=origin)
    found = history.recorded_version(template.path, recorded.hash)
    if found is None:
        raise Refused(
            f"the template {origin.source} changed since it made this project, and no commit "
            f"of a git repository holds it as it was: {BASE_REF_HINT}"
        )
    return api.open_template(str(found))._replace(origin=origin, given=origin.source)


git_sides = sides_with(at_commit)
directory_sides = sides_with(as_recorded)
