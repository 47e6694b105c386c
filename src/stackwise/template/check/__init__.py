"""`stackwise template check`: what a template renders, checked for its author."""
