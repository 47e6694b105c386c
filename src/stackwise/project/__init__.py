"""Operations on a project: create it (atomically), and its record ``.stackwise.json``."""
