"""The answers: their vocabulary, the checks of each, where they come from (flags, --set,
answers files), and how they resolve into a plan of every template option."""
