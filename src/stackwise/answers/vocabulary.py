"""The answer vocabulary of design section 4: every question, its choices, default and help.

This module is the one place that knows which answers exist. The CLI builds its flags and
prompts from it, ``stackwise questions`` prints it, the answers loader checks files against
it, and a test checks every template's ``cookiecutter.json`` against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

Kind = Literal["choice", "multi", "text"]
Group = Literal["selection", "project"]

FRAMEWORKS = ("flask", "fastapi", "django")
FRAMEWORK_NAMES = {"flask": "Flask", "fastapi": "FastAPI", "django": "Django"}
YES_NO = ("yes", "no")


class Question(NamedTuple):
    """One answer stackwise can take, with what a prompt, a flag and a file need to know.

    A named tuple rather than a dataclass: importing ``dataclasses`` would cost start-up time.
    """

    key: str
    text: str
    help: str
    group: Group
    kind: Kind = "choice"
    choices: tuple[str, ...] = ()
    default: str | None = None
    framework_defaults: Mapping[str, str] = MappingProxyType({})
    flag: str = ""
    #: Choices a framework's starter does not offer, by framework.
    unavailable: Mapping[str, tuple[str, ...]] = MappingProxyType({})

    def default_for(self, framework: str | None) -> str | None:
        """The default once the framework is known; some options differ per framework."""
        if framework is not None and framework in self.framework_defaults:
            return self.framework_defaults[framework]
        return self.default

    def choices_for(self, framework: str) -> tuple[str, ...]:
        """The choices this framework's starter offers."""
        missing = self.unavailable.get(framework, ())
        return tuple(choice for choice in self.choices if choice not in missing)

    @property
    def cli_flag(self) -> str:
        return self.flag or f"--set {self.key}=VALUE"


def _sel(
    key: str, text: str, help_: str, choices: tuple[str, ...], kind: Kind = "choice"
) -> Question:
    flag = "--need" if key == "needs" else f"--{key}"
    return Question(key, text, help_, "selection", kind, choices, None, MappingProxyType({}), flag)


SELECTION: tuple[Question, ...] = (
    _sel(
        "building",
        "What are you building?",
        "The kind of project; each matches a scenario of the seed's 'When to Use' table.",
        ("small-api", "async-api", "web-app", "realtime", "learning", "prototype"),
    ),
    _sel(
        "needs",
        "What does it need?",
        "Features the project needs from day one; choose any number.",
        (
            "database",
            "admin",
            "auth",
            "html",
            "api-docs",
            "validation",
            "async",
            "websockets",
            "typing",
        ),
        kind="multi",
    ),
    _sel(
        "size",
        "How large will it grow?",
        "Expected size of the code base and team.",
        ("small", "medium", "large"),
    ),
    _sel(
        "experience",
        "How experienced is the team with Python web frameworks?",
        "Weighs the learning curve of each framework.",
        ("beginner", "intermediate", "experienced"),
    ),
    _sel(
        "priority",
        "What matters most?",
        "control: a small core you extend; performance: raw speed; batteries: everything built in.",
        ("control", "performance", "batteries"),
    ),
)


def _opt(
    key: str,
    text: str,
    help_: str,
    choices: tuple[str, ...] = (),
    default: str | None = None,
    framework_defaults: Mapping[str, str] | None = None,
    flag: str = "",
    unavailable: Mapping[str, tuple[str, ...]] | None = None,
) -> Question:
    kind: Kind = "choice" if choices else "text"
    return Question(
        key,
        text,
        help_,
        "project",
        kind,
        choices,
        default,
        MappingProxyType(dict(framework_defaults or {})),
        flag,
        MappingProxyType(dict(unavailable or {})),
    )


PROJECT: tuple[Question, ...] = (
    _opt(
        "framework",
        "Framework",
        "auto takes the recommendation of the selection rules.",
        ("auto", *FRAMEWORKS),
        "auto",
        flag="--framework",
    ),
    _opt(
        "project_name",
        "Project name",
        "Any text of 1-80 characters on one line; used as the title.",
        flag="--name",
    ),
    _opt(
        "project_slug",
        "Package name",
        "A lowercase Python identifier ([a-z][a-z0-9_]*); derived from the project name.",
    ),
    _opt(
        "description",
        "One-line description",
        "Goes into pyproject.toml and the README.",
        default="",
    ),
    _opt("author_name", "Author name", "Defaults to git config user.name.", default=""),
    _opt("author_email", "Author e-mail", "Defaults to git config user.email.", default=""),
    _opt("version", "Version", "The first release version, PEP 440.", default="0.1.0"),
    _opt(
        "license",
        "License",
        "The license of the generated project.",
        ("MIT", "BSD-3-Clause", "Apache-2.0", "GPL-3.0-or-later", "Proprietary"),
        "MIT",
    ),
    _opt(
        "python_version",
        "Python version",
        "The oldest Python the project supports.",
        ("3.11", "3.12", "3.13"),
        "3.11",
    ),
    _opt(
        "database",
        "Database",
        "sqlite runs with no server; none is not available for Django.",
        ("sqlite", "postgresql", "none"),
        "sqlite",
        unavailable={"django": ("none",)},
    ),
    _opt("auth", "User accounts and login", "Needs a database.", YES_NO, "no"),
    _opt("admin", "Admin interface", "Needs a database.", YES_NO, "no"),
    _opt(
        "api_docs",
        "OpenAPI documentation",
        "Interactive API docs; built into FastAPI.",
        YES_NO,
        "no",
        {"fastapi": "yes"},
    ),
    _opt("html", "HTML pages", "Server-rendered templates.", YES_NO, "no"),
    _opt(
        "realtime",
        "WebSockets",
        "A WebSocket route; Redis fans messages out across workers.",
        YES_NO,
        "no",
    ),
    _opt("docker", "Docker", "A Dockerfile and compose.yaml.", YES_NO, "yes"),
    _opt(
        "ci",
        "Continuous integration",
        "A workflow that lints and tests.",
        ("github", "gitlab", "none"),
        "github",
    ),
)

QUESTIONS: tuple[Question, ...] = SELECTION + PROJECT
BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}
SELECTION_KEYS: tuple[str, ...] = tuple(q.key for q in SELECTION)
PROJECT_KEYS: tuple[str, ...] = tuple(q.key for q in PROJECT)
#: Keys every template's cookiecutter.json holds; a template is one framework, so not that one.
TEMPLATE_KEYS: tuple[str, ...] = tuple(k for k in PROJECT_KEYS if k != "framework")

#: What a selection answer turns on among the project options (design section 4): each
#: ``building`` scenario the components its seed row names (framework-comparison.md, "When
#: to Use Each Framework"), each need the option of that name. An explicit answer wins.
TURNS_ON: dict[str, dict[str, dict[str, str]]] = {
    "building": {
        "web-app": {"auth": "yes", "admin": "yes", "html": "yes"},
        "realtime": {"realtime": "yes"},
        "async-api": {"api_docs": "yes"},
    },
    "needs": {
        "database": {"database": "sqlite"},
        "auth": {"auth": "yes"},
        "admin": {"admin": "yes"},
        "html": {"html": "yes"},
        "api-docs": {"api_docs": "yes"},
        "websockets": {"realtime": "yes"},
    },
}

#: Options that only make sense with a database.
NEEDS_DATABASE = ("auth", "admin")

#: The value of project_name in non-interactive runs that pass --no-input without --name.
DEFAULT_PROJECT_NAME = "My Project"

#: A line of help for each choice, shown beside it where a terminal can list the choices.
CHOICE_HELP: dict[str, dict[str, str]] = {
    "building": {
        "small-api": "A small REST API or microservice.",
        "async-api": "A high-performance API with async and automatic docs.",
        "web-app": "A full-featured web application with user auth and admin.",
        "realtime": "A real-time application: chat, notifications.",
        "learning": "Learning backend development.",
        "prototype": "A quick prototype to try an idea.",
    },
    "needs": {
        "database": "Store data in a database (SQLite unless you choose PostgreSQL).",
        "admin": "An admin interface for the data.",
        "auth": "User accounts and login.",
        "html": "Server-rendered HTML pages.",
        "api-docs": "Interactive OpenAPI documentation.",
        "validation": "Requests validated from type hints.",
        "async": "async/await request handlers.",
        "websockets": "WebSocket connections for live updates.",
        "typing": "Type hints and editor completion throughout.",
    },
    "size": {
        "small": "One developer, a few modules.",
        "medium": "A small team and a growing code base.",
        "large": "Several teams and many apps.",
    },
    "experience": {
        "beginner": "New to Python web frameworks.",
        "intermediate": "Has built a web application before.",
        "experienced": "At home with async code and type hints.",
    },
    "priority": {
        "control": "A small core you extend yourself.",
        "performance": "Raw speed.",
        "batteries": "Everything built in.",
    },
    "license": {
        "MIT": "Permissive and short.",
        "BSD-3-Clause": "Permissive; the authors' names may not endorse derived works.",
        "Apache-2.0": "Permissive, with a patent grant.",
        "GPL-3.0-or-later": "Copyleft: works built on it stay under the GPL.",
        "Proprietary": "No license text; all rights reserved.",
    },
    "database": {
        "sqlite": "A file beside the project; no server needed.",
        "postgresql": "A PostgreSQL server, named by DATABASE_URL.",
        "none": "No database.",
    },
    "ci": {
        "github": "A GitHub Actions workflow.",
        "gitlab": "A GitLab CI pipeline.",
        "none": "No CI configuration.",
    },
}
