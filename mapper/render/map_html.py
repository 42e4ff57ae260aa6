"""A map view as one self-contained HTML page: vis-network inlined, nothing fetched.

The template is ours (Jinja2, autoescaped), not pyvis's: every name reaches the page either
as escaped HTML (title, legend) or inside JSON that Jinja's `tojson` makes safe for a script
(`<`, `>`, `&` and quotes escaped). vis-network 9 shows string tooltips as text, never as
HTML. A Content-Security-Policy forbids any request the page might try: the map opens the
same on a laptop with no network, and a name cannot make it call out.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from mapper.model import slug
from mapper.render.network import MapView

__all__ = ["map_html", "map_file_name", "LABEL_PX"]

#: Pixels on the screen of a label at any zoom (normal, presentation), and of the legend and
#: buttons: 22 px labels on a 1280x720 projector read from the back of a room of 40.
LABEL_PX = {False: 14, True: 22}
CHROME_PX = {False: 14, True: 17}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mapper.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _vis_network() -> Markup:
    text = (
        resources.files("mapper.render")
        .joinpath("assets/vis-network.min.js")
        .read_text(encoding="utf-8")
    )
    # Our own trusted file, but guard the one sequence that would end the script element.
    return Markup(text.replace("</script", "<\\/script"))


def map_file_name(partnership_name: str, view: MapView) -> str:
    """A download name such as ``harrowdale-best-start-partnership-organisations``."""
    return f"{slug(partnership_name) or 'map'}-{view.view}"


def map_html(
    view: MapView, *, partnership_name: str, height: int | None = None, presentation: bool = False
) -> str:
    """The page drawing `view`; `presentation` enlarges every label for a projector and
    lets the frame fill the height the page gives it (the Map page sizes it to the screen)."""
    font_px = LABEL_PX[presentation]
    height = height or view.height
    data = {
        "nodes": [dataclasses.asdict(n) for n in view.nodes],
        "edges": [dataclasses.asdict(e) for e in view.edges],
        "highlighting": view.highlighting,
        "hierarchical": view.hierarchical,
        "font_px": font_px,
        "presentation": presentation,
        "missing": "not in this view: choose it under Focus"
        if view.view == "people"
        else "not in this view: widen the filters",
        "file_name": map_file_name(partnership_name, view),
    }
    return (
        _environment()
        .get_template("map.html.j2")
        .render(
            title=f"{partnership_name}: {view.title}",
            data=data,
            legend=view.legend,
            heading=view.title if presentation else f"{partnership_name}: {view.title}",
            highlighting=view.highlighting,
            marking_changes=view.marking_changes,
            changes_since=view.changes_since,
            presentation=presentation,
            chrome_px=CHROME_PX[presentation],
            node_count=len(view.nodes),
            height=height,
            # What the page is besides its data: a page with the same shell can be redrawn
            # in place with another's data and words (pages/drawing.py).
            shell=f"{view.view}/{int(presentation)}/{height}/{int(view.hierarchical)}",
            vis_js=_vis_network(),
        )
    )
