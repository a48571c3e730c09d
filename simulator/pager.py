"""Long output a screen at a time, as `more` does, in the full-screen UI.

The briefing and the report are longer than a small terminal: printed at once,
their start (the situation, the score) scrolls out of view before it is read.
Paged, each screenful waits for a key; the text stays in the terminal's
scrollback as it would have been printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

PAGE, LINE, REST = "page", "line", "rest"
MORE_KEYS = "Space: next page · Enter: next line · q: all the rest"


def page_lines(lines: list[str], write: Callable[[str], None], height: int,
               more: Callable[[int, int], str]) -> None:
    """Write `lines` a screenful at a time (one line of the screen kept for the question);
    `more(shown, total)` answers PAGE, LINE or REST."""
    step = max(1, height - 1)
    shown = 0
    while shown < len(lines):
        chunk = lines[shown:shown + step]
        write("".join(line + "\n" for line in chunk))
        shown += len(chunk)
        if shown >= len(lines):
            return
        answer = more(shown, len(lines))
        step = {LINE: 1, REST: len(lines)}.get(answer, max(1, height - 1))


def ask_more(shown: int, total: int, input: Input | None = None,
             output: Output | None = None) -> str:
    """One line at the bottom: how far through, and the keys; gone once answered."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    from simulator.terminal import color_depth

    keys = KeyBindings()
    for names, answer in ((("space", "pagedown", "f"), PAGE),
                          (("enter", "down", "j"), LINE),
                          (("q", "escape", "end", "c-c", "c-d"), REST)):
        for name in names:
            keys.add(name)(lambda event, a=answer: event.app.exit(result=a))
    bar = Window(FormattedTextControl(f"-- more ({shown * 100 // total}%) -- {MORE_KEYS}"),
                 style="reverse", height=1)
    app: Application[str] = Application(layout=Layout(bar), key_bindings=keys,
                                        full_screen=False, erase_when_done=True, input=input,
                                        output=output, color_depth=color_depth())
    try:
        return str(app.run())
    except (KeyboardInterrupt, EOFError):
        return REST
