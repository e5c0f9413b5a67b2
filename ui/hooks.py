"""Methods a Qt base class leaves to its subclasses, checked when a subclass is defined.

Qt's metaclass ignores `abc`'s abstract methods (an abstract Qt class instantiates without
complaint), so a hook a subclass forgot would only fail the day someone clicks. A class that
names hooks in its own `HOOKS` is itself a base; every other subclass must define them all.
"""

from __future__ import annotations


def check_hooks(cls: type) -> None:
    """Called from a base's `__init_subclass__`: refuse a subclass missing a hook."""
    if "HOOKS" in cls.__dict__:
        return
    hooks: tuple[str, ...] = getattr(cls, "HOOKS", ())
    missing = [name for name in hooks if not callable(getattr(cls, name, None))]
    if missing:
        raise TypeError(f"{cls.__name__} must define {', '.join(missing)}")
