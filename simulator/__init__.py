"""callin: practise calling in, from either side of the conversation.

The public API is re-exported lazily so that `callin --version` does not pay
for YAML, networkx or rich.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_story": "simulator.build",
    "check_story": "simulator.check",
    "validate": "simulator.check",
    "Diagnostic": "simulator.diagnostics",
    "Severity": "simulator.diagnostics",
    "Story": "simulator.model",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'simulator' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
