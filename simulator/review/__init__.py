"""Review: one self-contained HTML page for reading a whole scenario.

Each role's graph (inline SVG) fills the window, fitted, with zoom, pan, fit and
search; clicking a node shows its lines and choices (tags, conditions, effects,
coaching notes, example phrasings) and links along its edges. Beside it: the
role's briefing, difficulties, rubric, endings with debriefs and free-mode
reactions; the story's characters and sources; validate's diagnostics linked to
their nodes; and, when given, the coverage and score ranges of `callin test`.

Nothing is fetched from the network; every piece of story text is escaped, and
a Content-Security-Policy allows only this page's own script and style.
"""

from simulator.review.page import review_html

__all__ = ["review_html"]
