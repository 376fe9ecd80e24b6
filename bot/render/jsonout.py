"""Answers as JSON: dataclasses become objects (keys in field order), dates ISO strings."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any


def to_data(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses → dicts, dates → ISO, enums → values, sets →
    sorted lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(to_data(item) for item in value)
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    return value


def to_json(answer: Any, *, indent: int | None = 2) -> str:
    """One answer (or a list of them) as a JSON document."""
    return json.dumps(to_data(answer), ensure_ascii=False, indent=indent)
