"""How the command line answers: human text in both languages, or JSON for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def emit(args: argparse.Namespace, data: Any, human: Callable[[], None]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        human()


def fail(args: argparse.Namespace, message_en: str, message_es: str, code: int) -> int:
    """Report a refusal in both languages (and as JSON when asked); returns the exit code."""
    if getattr(args, "json", False):
        print(json.dumps({"error_en": message_en, "error_es": message_es}, ensure_ascii=False))
    print(f"{message_en}\n{message_es}", file=sys.stderr)
    return code
