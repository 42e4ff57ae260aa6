"""The JSON Schema of the map format, generated from the model so it never drifts from it."""

from __future__ import annotations

from typing import Any

from mapper.model import Partnership

__all__ = ["map_schema", "SCHEMA_PATH"]

#: Where the repository keeps a copy, for editors: `# yaml-language-server: $schema=...`.
SCHEMA_PATH = "docs/map.schema.json"


def map_schema() -> dict[str, Any]:
    """The schema editors use to autocomplete and check map files as they are typed."""
    schema = Partnership.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Best Start system map",
        **{k: v for k, v in schema.items() if k != "title"},
    }
