"""Shell completion of ``--set KEY=VALUE`` in bash, which splits words at ``=``.

Bash hands a completion function ``--set database=sq`` as the words ``--set``, ``database``,
``=``, ``sq`` (``=`` is one of its word breaks), and replaces only what follows the ``=``.
So for Click the pieces are joined back into ``database=sq``, and what bash is given is the
part after the ``=``: ``sqlite``. A key offered alone (``database=``) gets no space after
it, so that its value can be typed or completed next. zsh and fish need none of this.
"""

from __future__ import annotations

from typing import Any

from click.shell_completion import BashComplete, CompletionItem, add_completion_class

#: Click's bash function, telling bash not to add a space after a lone ``key=``.
_SOURCE = BashComplete.source_template.replace(
    "    return 0\n",
    "    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then\n"
    "        compopt -o nospace\n"
    "    fi\n\n"
    "    return 0\n",
)


def join_at_equals(words: list[str]) -> list[str]:
    """``["--set", "a", "=", "b"]`` -> ``["--set", "a=b"]``; a trailing ``=`` stays joined."""
    joined: list[str] = []
    for word in words:
        if joined and (word == "=" or joined[-1].endswith("=")):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


class EqualsAwareBash(BashComplete):
    """Click's bash completion, with ``KEY=VALUE`` words put back together."""

    source_template = _SOURCE

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        words = join_at_equals([*args, incomplete])
        #: What bash keeps of the word: everything up to the last "=".
        self.kept = words[-1][: words[-1].rfind("=") + 1] if "=" in words[-1] else ""
        return words[:-1], words[-1]

    def format_completion(self, item: CompletionItem[Any]) -> str:
        value = str(item.value)
        if self.kept and value.startswith(self.kept):
            value = value[len(self.kept) :]
        return f"{item.type},{value}"


def register() -> None:
    add_completion_class(EqualsAwareBash, "bash")
