"""Drawings as inline SVG for the web pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from diary.charts.text import safe_text

WEB_FONTS = "font-family: Helvetica, Arial, 'Liberation Sans', sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
# Without these ElementTree writes <ns0:svg>, which an HTML page does not
# render as SVG.
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


def to_svg(drawing: Drawing, *, title: str, desc: str) -> str:
    """The drawing as an <svg> element to embed in HTML, scaling to its container.

    Title and description become the accessible name and description; every
    text goes through ElementTree, which escapes it.
    """
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))
    for element in list(root):
        # renderSVG's placeholder title/desc and a clip path with a fixed id
        # that would clash when a page holds several charts.
        if element.tag in (f"{{{SVG_NS}}}{t}" for t in ("title", "desc", "clipPath")):
            root.remove(element)
    for index, (tag, text) in enumerate((("title", title), ("desc", desc))):
        child = ET.Element(f"{{{SVG_NS}}}{tag}")
        child.text = safe_text(text)
        root.insert(index, child)
    for element in root.iter():
        element.attrib.pop("id", None)
        if "style" in element.attrib:
            element.set("style", _web_style(element.get("style", "")))
    for attribute in ("width", "height", "version"):
        root.attrib.pop(attribute, None)
    root.set("role", "img")
    root.set("style", "width:100%;height:auto")
    return ET.tostring(root, encoding="unicode")


def _web_style(style: str) -> str:
    # Arial and Liberation Sans share Helvetica's metrics, which renderSVG used
    # to place right-aligned and centred labels.
    style = re.sub(r"clip-path:\s*url\(#clip\);?", "", style)
    style = style.replace(
        "font-family: Helvetica-Bold", f"{WEB_FONTS}; font-weight: bold"
    )
    return re.sub(r"font-family: Helvetica(?=;)", WEB_FONTS, style)
