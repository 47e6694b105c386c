"""What a page loads, read from its HTML, for the tests that every page keeps to the
Content-Security-Policy: nothing from another site, and no inline script or style."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

#: Script types a browser runs; other types (application/json, ...) are data.
SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


class Page(HTMLParser):
    """The addresses a page refers to and the inline code it holds."""

    def __init__(self, html: str) -> None:
        super().__init__()
        #: src, href and action values, in page order.
        self.urls: list[str] = []
        #: The scripts and style sheets the page loads.
        self.assets: list[str] = []
        #: Inline code a strict policy blocks: <script> and <style> elements, style and
        #: on... attributes.
        self.inline: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.urls += [
            values[name] for name in ("src", "href", "action") if values.get(name)
        ]
        if tag == "script" and values.get("src"):
            self.assets.append(values["src"])
        if tag == "link" and values.get("rel") == "stylesheet":
            self.assets.append(values["href"])
        if tag == "style":
            self.inline.append("<style>")
        runs = values.get("type", "").lower() in SCRIPT_TYPES
        if tag == "script" and not values.get("src") and runs:
            self.inline.append("<script>")
        self.inline += [f"<{tag} {name}>" for name in values if name == "style"]
        self.inline += [f"<{tag} {name}>" for name in values if name.startswith("on")]

    @property
    def external(self) -> list[str]:
        """The addresses on another site (any with a host of its own)."""
        return [url for url in self.urls if urlsplit(url).netloc]
