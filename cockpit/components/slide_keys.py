"""Keys for the 例会 slides (→ PageDown Space Enter next, ← PageUp previous, Home End, Esc leaves) and the
slide's scale."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

_JS = (Path(__file__).parent / "slide_keys.js").read_text(encoding="utf-8")
_component = st.components.v2.component("cockpit.slide_keys", js=_JS)


def slide_keys(key: str, on_action: Callable[[], None], width: int, height: int):
    """Mounts the key listener; on_action runs (before the rerun) with action(key) readable."""
    return _component(key=key, data={"width": width, "height": height}, on_action_change=on_action,
                      height=0)


def move_slide(slide_key: str, keys_key: str, total: int, start: int) -> None:
    """The keys' callback: the slide number in session state after the key (start when there is none yet)."""
    from cockpit.views.meeting import step

    current = st.session_state.get(slide_key, start)
    st.session_state[slide_key] = step(current, action(keys_key) or "", total)


def action(key: str) -> str | None:
    """The key action that triggered this run: next, prev, first, last or exit."""
    state = st.session_state.get(key)
    if state is None:
        return None
    return state.get("action") if hasattr(state, "get") else getattr(state, "action", None)
