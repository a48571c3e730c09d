"""The terminal, two ways: rich + prompt-toolkit, and plain lines.

Player, menu and `callin decide` talk to a small `UI` interface: show
headings, paragraphs, lines of speech and a report; ask the learner to pick
an option or type a line. `RichUI` gives colour, arrow-key menus, a line
editor with history and a one-line cue at the bottom. `PlainUI` gives none of
that: no colour, no cursor movement, one line at a time, so that a screen
reader or a script can follow it, and it reads answers (a number, an id or a
command) from any text stream. End of input is `quit`.
"""

from __future__ import annotations

import io
import os
import re
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from simulator.safety import printable, valid_text
from simulator.score import (
    MET,
    MISSED,
    PARTLY,
    Report,
    overall_line,
    padded_reasons,
    report_text,
)
from simulator.transcript import NARRATOR, PLAYER

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console

Options = Sequence[tuple[str, str]]  # (value, label), shown numbered from 1

QUIT = "quit"
# One-letter answers, in both kinds of UI, for menus that offer these values.
SHORT_ANSWERS = {"y": "yes", "n": "no"}


class UI(Protocol):
    plain: bool
    how_to_pick: str  # for help texts: what picks an option in this UI

    def heading(self, text: str) -> None: ...

    def para(self, text: str, style: str = "") -> None:
        """A paragraph; style is '', 'note', 'coach', 'warn' or 'dim'."""

    def bullets(self, items: Sequence[str]) -> None: ...

    def speech(self, who: str, text: str, side: str) -> None:
        """A line of the conversation; side is player, partner or narrator."""

    def cue(self, text: str) -> None:
        """The one live cue (talk share, heat), kept up to date while asking."""

    def pick(self, question: str, options: Options, commands: Sequence[str] = (), *,
             echo: bool = True) -> str:
        """An option's value, or one of `commands`; 'quit' on end of input. `echo`: show
        the answer once the menu is gone (the player shows a move as speech instead)."""

    def ask(self, question: str) -> str:
        """A line of text; 'quit' on end of input."""

    def report(self, report: Report) -> None: ...

    def block(self, text: str) -> None:
        """Text laid out already (a table, a transcript), shown as it is."""

    def paged(self) -> AbstractContextManager[None]:
        """Output inside is shown a screenful at a time where the UI can (full screen)."""


def wants_plain(flag: bool, stdout: TextIO | None = None) -> bool:
    """Plain when asked, or when output is not a terminal. NO_COLOR is not a reason:
    it asks for no colour, and the full UI without colour keeps wrapping and arrow keys
    (rich and prompt-toolkit both honour it)."""
    stream = stdout or sys.stdout
    return flag or not is_terminal(stream)


def no_color() -> bool:
    """NO_COLOR set to anything but "" (no-color.org): callin's own reading of it, so
    older rich and prompt-toolkit releases that ignore it show no colour either."""
    return bool(os.environ.get("NO_COLOR"))


def color_depth() -> Any:
    """prompt-toolkit's colour depth: monochrome (bold and reverse, no colour) under
    NO_COLOR, else what the terminal says."""
    from prompt_toolkit.output import ColorDepth

    return ColorDepth.MONOCHROME if no_color() else None


def make_ui(plain: bool, out: TextIO | None = None) -> UI:
    if plain:
        return PlainUI(sys.stdin, out or sys.stdout)
    return RichUI()


def match_answer(answer: str, options: Options, commands: Sequence[str]) -> str | None:
    """What a typed answer means: an option's value (by number or value) or a command."""
    text = answer.strip().lower()
    if text.isdigit() and 0 < int(text) <= len(options):
        return options[int(text) - 1][0]
    values = {value.lower(): value for value, _ in options}
    text = text if text in values else SHORT_ANSWERS.get(text, text)
    if text in values:
        return values[text]
    for command in commands:  # its name, or its first letter as in the full-screen menu
        if text in (command, "/" + command, command[0]) or (text == "?" and command == "help"):
            return command
    return None


# Plain -------------------------------------------------------------------------------------


class PlainUI:
    """Line by line, no colour: for screen readers, NO_COLOR and scripts."""

    plain = True
    how_to_pick = "type its number and press Enter"

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self._in, self._out = stdin, stdout
        if isinstance(stdin, io.TextIOWrapper):  # an invalid byte typed must not end the game
            stdin.reconfigure(errors="surrogateescape")
        self._cue = self._shown_cue = ""

    def _print(self, text: str = "") -> None:
        print(printable(text), file=self._out, flush=True)

    def heading(self, text: str) -> None:
        self._print()
        self._print(f"== {text} ==")

    def para(self, text: str, style: str = "") -> None:
        prefix = {"coach": "Coach: ", "warn": "Note: "}.get(style, "")
        self._print(prefix + text)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self._print(f"  - {item}")

    def speech(self, who: str, text: str, side: str) -> None:
        self._print(text if side == NARRATOR else f"{who}: {text}")

    def cue(self, text: str) -> None:
        self._cue = text

    def _read(self) -> str | None:
        if self._cue and self._cue != self._shown_cue:
            self._print(f"[{self._cue}]")
            self._shown_cue = self._cue
        self._out.write("> ")
        self._out.flush()
        line = self._in.readline()
        if not line:
            self._print()
            return None
        line = valid_text(line.rstrip("\r\n"))
        if not is_terminal(self._in):  # a script's answers are not echoed: show them in the log
            self._print(line)
        return line

    def pick(self, question: str, options: Options, commands: Sequence[str] = (), *,
             echo: bool = True) -> str:
        self._print(question)
        for number, (_, label) in enumerate(options, 1):
            self._print(f"  {number}. {label}")
        also = f" (or {', '.join(commands)})" if commands else ""
        self._print(f"Type a number from 1 to {len(options)}{also}.")
        while True:
            line = self._read()
            if line is None:
                return QUIT
            found = match_answer(line, options, commands)
            if found is not None:
                return found
            self._print(f"Please type a number from 1 to {len(options)}{also}.")

    def ask(self, question: str) -> str:
        self._print(question)
        line = self._read()
        return QUIT if line is None else line

    def report(self, report: Report) -> None:
        self.heading("Your report")
        self._print(report_text(report))

    def block(self, text: str) -> None:
        self._print(text)

    @contextmanager
    def paged(self) -> Iterator[None]:
        yield  # line by line: a screen reader or a script reads at its own pace


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# Rich + prompt-toolkit ---------------------------------------------------------------------

_SPEAKER_STYLE = {PLAYER: "bold cyan", NARRATOR: "italic dim"}
_VERDICT = {MET: ("✔ met", "green"), PARTLY: ("◐ partly", "yellow"),
            MISSED: ("✘ missed", "red")}
_STYLE = {"note": "dim", "coach": "magenta", "warn": "yellow", "dim": "dim"}


class RichUI:
    """Colour and layout with rich; arrow-key menus and a line editor with prompt-toolkit.
    `console`, `pt_input` and `pt_output` are for tests (a StringIO console, a pipe)."""

    plain = False
    how_to_pick = "press its number, or move with the arrow keys and press Enter"

    def __init__(self, console: Console | None = None, pt_input: Input | None = None,
                 pt_output: Output | None = None, page_height: int | None = None) -> None:
        from rich.console import Console

        self.console = console or Console(highlight=False, no_color=no_color())
        self._input, self._output = pt_input, pt_output
        # Lines a screenful holds; 0 prints straight through (output that is no terminal).
        self.page_height = page_height if page_height is not None else (
            self.console.size.height if self.console.is_terminal else 0)
        self._paging = False
        self._cue = ""
        self._prompt: Any = None  # one PromptSession, so history lasts the whole session

    def heading(self, text: str) -> None:
        self.console.print()
        self.console.rule(f"[bold]{_escape(text)}[/]", align="left")

    def para(self, text: str, style: str = "") -> None:
        from rich.text import Text

        shown = f"Coach: {text}" if style == "coach" else text
        self.console.print(Text(printable(shown), style=_STYLE.get(style, "")))

    def bullets(self, items: Sequence[str]) -> None:
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 1))  # a hanging indent: wrapped lines stay in the column
        grid.add_column(width=3, justify="right")
        grid.add_column()
        for item in items:
            grid.add_row("•", Text(printable(item)))
        self.console.print(grid)

    def speech(self, who: str, text: str, side: str) -> None:
        from rich.text import Text

        text = printable(text)
        if side == NARRATOR:
            self.console.print(Text(text, style=_SPEAKER_STYLE[NARRATOR]))
        else:
            self.console.print(Text.assemble((f"{printable(who)}: ",
                                              _SPEAKER_STYLE.get(side, "bold")), text))

    def cue(self, text: str) -> None:
        self._cue = text

    def _toolbar(self, keys: str) -> str:
        return "\n".join(printable(part) for part in (self._cue, keys) if part)

    def pick(self, question: str, options: Options, commands: Sequence[str] = (), *,
             echo: bool = True) -> str:
        values = {value for value, _ in options}
        shortcuts = [(k, v) for k, v in SHORT_ANSWERS.items() if v in values]
        keys = "↑↓ or a number, Enter" + "".join(
            f" · {key} {name}" for key, name in (*shortcuts, *((c[0], c) for c in commands)))
        app = _menu(question, options, commands, lambda: self._toolbar(keys), self._input,
                    self._output)
        try:
            result = app.run()
        except (KeyboardInterrupt, EOFError):
            return QUIT
        value = str(result)
        label = dict(options).get(value)
        if echo and label is not None:
            self.console.print(f"[dim]{_escape(question)}[/] {_escape(label)}", soft_wrap=True)
        return value

    def ask(self, question: str) -> str:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory

        if self._prompt is None:
            self._prompt = PromptSession(history=InMemoryHistory(), erase_when_done=True,
                                         input=self._input, output=self._output,
                                         color_depth=color_depth())
        self.console.print(f"[dim]{_escape(question)}[/]")
        try:
            return valid_text(str(self._prompt.prompt(
                "> ", bottom_toolbar=lambda: printable(self._cue) or None)))
        except (KeyboardInterrupt, EOFError):
            return QUIT

    def block(self, text: str) -> None:
        from rich.text import Text

        width = max(20, self.console.width)
        self.console.print(Text("\n".join(_hanging(line, width)
                                          for line in printable(text).splitlines())),
                           no_wrap=True)

    @contextmanager
    def paged(self) -> Iterator[None]:
        if not self.page_height or self._paging:
            yield
            return
        from simulator.pager import ask_more, page_lines

        self._paging = True
        try:
            with self.console.capture() as captured:
                yield
        finally:
            self._paging = False
        page_lines(captured.get().splitlines(), self._write, self.page_height,
                   lambda shown, total: ask_more(shown, total, self._input, self._output))

    def _write(self, text: str) -> None:
        self.console.file.write(text)
        self.console.file.flush()

    def report(self, report: Report) -> None:
        with self.paged():  # the score and the ending come first, on the first page
            self._report(report)

    def _report(self, report: Report) -> None:
        c = self.console
        side = "calling in" if report.side == "calling-in" else "being called in"
        c.rule(f"[bold]Your report: {_escape(report.scenario)}, {side}[/]", align="left")
        c.print(f"[bold]{_escape(overall_line(report))}[/]")
        c.print(f"Talk share: you spoke {report.talk_share:.1%} of the words "
                f"(aim: {report.talk_share_target:.0%} or less)")
        if report.ending:
            c.print(f"\n[bold]Ending: {_escape(report.ending['title'])}[/] "
                    f"({_escape(report.ending['kind'])})")
            c.print(_escape(report.ending["debrief"]))
            c.print(_escape(report.outcome))
        c.print()
        for item in report.items:
            mark, colour = _VERDICT[item.verdict]
            c.print(f"[{colour}]{mark:<9}[/] [bold]{_escape(item.title)}[/]: "
                    f"{_escape(item.detail)}")
            reasons = padded_reasons(item)
            for number, quote, why in zip(item.turns, item.quotes, reasons, strict=False):
                c.print(f"          [dim]turn {number}:[/] “{_escape(quote)}”")
                if why:
                    c.print(f"            [dim]{_escape(why)}[/]")
            if item.rewrite:
                c.print(f"          [cyan]try:[/] {_escape(item.rewrite)}")


# A laid-out line's lead: a turn's number, a verdict, a bullet. Its wrapped lines hang after it.
_LEAD = re.compile(r"\s*(\d+  |\[\s*\w+\] |- |turn \d+: |try: )?")


def _hanging(line: str, width: int) -> str:
    """`line` wrapped to `width`, its later lines indented to follow its lead."""
    found = _LEAD.match(line)
    hang = min(len(found.group()) if found else 0, 24)
    body = line.lstrip(" ")
    return textwrap.fill(body, width, initial_indent=line[:len(line) - len(body)],
                         subsequent_indent=" " * hang) or line


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(printable(text))


def _menu(question: str, options: Options, commands: Sequence[str], toolbar: Any,
          input: Input | None = None, output: Output | None = None) -> Application[str]:
    """A small menu: arrow keys or a number pick, Enter accepts; a command's first
    letter returns the command. Long options wrap at words, to the terminal's width."""
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.styles import Style

    chosen = [0]

    def text() -> StyleAndTextTuples:
        width = max(20, get_app().output.get_size().columns - 1)
        out: StyleAndTextTuples = [("class:question",
                                    textwrap.fill(printable(question), width) + "\n")]
        for i, (_, label) in enumerate(options):
            here = i == chosen[0]
            lines = textwrap.wrap(f"{i + 1}. {printable(label)}", width - 2,
                                  subsequent_indent="   ")
            out.append(("class:chosen" if here else "",
                        f"{'>' if here else ' '} " + "\n  ".join(lines) + "\n"))
        return out

    keys = KeyBindings()

    def move(step: int) -> None:
        chosen[0] = (chosen[0] + step) % len(options)

    keys.add("up")(lambda e: move(-1))
    keys.add("down")(lambda e: move(1))
    keys.add("enter")(lambda e: e.app.exit(result=options[chosen[0]][0]))
    keys.add("c-c")(lambda e: e.app.exit(result=QUIT))
    keys.add("c-d")(lambda e: e.app.exit(result=QUIT))
    for number in range(1, min(len(options), 9) + 1):
        def pick_number(event: KeyPressEvent, index: int = number - 1) -> None:
            chosen[0] = index
            if len(options) < 10:  # one key is unambiguous: take it straight away
                event.app.exit(result=options[index][0])
        keys.add(str(number))(pick_number)
    values = {value for value, _ in options}
    for key, value in SHORT_ANSWERS.items():
        if value in values:
            keys.add(key)(lambda e, v=value: e.app.exit(result=v))
    for command in commands:
        keys.add(command[0])(lambda e, c=command: e.app.exit(result=c))
        if command == "help":
            keys.add("?")(lambda e: e.app.exit(result="help"))
    body = Window(FormattedTextControl(text, focusable=True, show_cursor=False),
                  wrap_lines=True, dont_extend_height=True)
    bar = Window(FormattedTextControl(lambda: toolbar()), style="class:toolbar",
                 wrap_lines=True, dont_extend_height=True)
    style = Style.from_dict({"question": "bold", "chosen": "bold ansicyan",
                             "toolbar": "reverse"})
    return Application(layout=Layout(HSplit([body, bar])), key_bindings=keys, style=style,
                       full_screen=False, erase_when_done=True, input=input, output=output,
                       color_depth=color_depth())
