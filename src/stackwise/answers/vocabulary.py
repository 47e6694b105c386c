"""The answer vocabulary of design section 4: every question, its choices, default and help.

The selection questions (what you are building) are stackwise's own and written here. The
project options are each template's, declared in its manifest (``stackwise.toml``) and
merged into one vocabulary by ``merged``. They are read when first used
(``PROJECT``, ``BY_KEY``...), so that ``--help`` reads no manifest. The CLI builds its flags
and prompts from this module, ``stackwise questions`` prints it, and the answers loader
checks files against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

Kind = Literal["choice", "multi", "text", "dict"]
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
    #: How a text answer is checked: text, project_name, slug, email or version.
    check: str = "text"

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


#: The one project option that is stackwise's own: which template to use.
FRAMEWORK = Question(
    "framework",
    "Framework",
    "auto takes the recommendation of the selection rules.",
    "project",
    "choice",
    ("auto", *FRAMEWORKS),
    "auto",
    flag="--framework",
)


def project_vocabulary() -> dict[str, Any]:
    from stackwise.answers.merged import project

    return project()


def question(key: str) -> Question:
    """The question of this key; a selection question without reading any manifest."""
    for selection in SELECTION:
        if selection.key == key:
            return selection
    by_key: dict[str, Question] = project_vocabulary()["BY_KEY"]
    return by_key[key]


def template_keys(framework: str) -> tuple[str, ...]:
    """The options the framework's template has, in its manifest's order."""
    keys: dict[str, tuple[str, ...]] = project_vocabulary()["KEYS_BY_FRAMEWORK"]
    return keys[framework]


#: The names that come from the manifests.
FROM_MANIFESTS = frozenset(
    {
        "PROJECT",
        "QUESTIONS",
        "BY_KEY",
        "PROJECT_KEYS",
        "TEMPLATE_KEYS",
        "CHOICE_HELP",
        "NEEDS_DATABASE",
    }
)


def __getattr__(name: str) -> Any:
    """The names that come from the manifests, read on first use (and only those: Python's
    import machinery asks a module for others, such as ``__path__``)."""
    if name in FROM_MANIFESTS:
        return project_vocabulary()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    PROJECT: tuple[Question, ...]
    QUESTIONS: tuple[Question, ...]
    BY_KEY: dict[str, Question]
    PROJECT_KEYS: tuple[str, ...]
    #: Keys every template's cookiecutter.json holds; a template is one framework's.
    TEMPLATE_KEYS: tuple[str, ...]
    #: A line of help for each choice, shown beside it where a terminal lists the choices.
    CHOICE_HELP: dict[str, dict[str, str]]
    #: Options that only make sense with a database.
    NEEDS_DATABASE: tuple[str, ...]

SELECTION_KEYS: tuple[str, ...] = tuple(q.key for q in SELECTION)


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


#: The value of project_name in non-interactive runs that pass --no-input without --name.
DEFAULT_PROJECT_NAME = "My Project"

#: A line of help for each selection choice (the project options' are in the manifests).
SELECTION_CHOICE_HELP: dict[str, dict[str, str]] = {
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
}
