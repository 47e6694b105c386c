"""``stackwise update``: bring a project to a newer template or to new answers, three-way.

The base (the recorded template and answers) and the target (the template at hand with the
new answers) are rendered into scratch directories, as ``base`` finds them for the kind of
the record's source (``builtin`` for stackwise's own templates, ``templated`` for a
``--template`` from a git repository or a directory); ``plan`` decides per file what the
working tree gets, ``merge`` runs git's three-way merge where both sides changed, ``apply``
swaps the result in all or nothing, and ``index`` marks the conflicts unmerged in git's
index, as ``git merge`` leaves them.
"""
