"""The sanitiser and the Content-Security-Policy, on the HTML Python-Markdown really makes.

These run the enabled extensions on a body, then `sanitise.content`, as the
site build does; tests/browser/test_payloads.py checks the same in Chromium.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import markdown
import pytest

from aims_lint.site import csp, sanitise

EXTENSIONS = ["tables", "attr_list", "admonition", "toc"]


def built(source: str) -> str:
    return sanitise.content(markdown.markdown(source, extensions=EXTENSIONS))


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for tag in ("<script", "<style", "<iframe", "<object", "<embed", "<form", "<svg", "<math"):
        assert tag not in lowered, tag
    assert not re.search(r"<[a-z][^<>]*\s(on[a-z]+|style)\s*=", lowered), html
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):""", lowered), html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '# Heading {: onclick="alert(1)" }',
        'para\n{: onmouseover="alert(1)" }',
        "[x](javascript:alert(1))",
        "[x](java&#115;cript:alert(1))",
        "[x](JaVaScRiPt&colon;alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[a]: vbscript:alert(1)\n\n[t][a]",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        '<a href="jav\tascript:alert(1)">tab</a>',
        # The constructs the old regular-expression escaper misread as code:
        "```\nunclosed fence <img src=x onerror=alert(1)>",
        "  ```\nfence indented two spaces\n  ```\n<img src=x onerror=alert(1)>",
        "- item\n\n        indented block in a list\n\n<script>alert(1)</script>",
        "\\`not code <img src=x onerror=alert(1)>`",
        "``code ` span`` <img src=x onerror=alert(1)> `x`",
        "[next line](\njavascript:alert(1))",
        "[split]:\n  javascript:alert(1)\n\n[s][split]",
        "> [quoted]: javascript:alert(1)\n\n[q][quoted]",
        "- [listed]: javascript:alert(1)\n\n[l][listed]",
        '[titled](javascript:alert(1) "a \\" quote")',
        "<div onmouseover=alert(1)><iframe src=x></iframe><form><input></form></div>",
        "<style>body{display:none}</style><object data=x></object><embed src=x>",
        '<p style="position:fixed;inset:0">cover</p>',
    ],
)
def test_no_body_yields_markup_that_runs(source: str) -> None:
    assert_inert(built(source))


def test_what_the_extensions_make_is_kept() -> None:
    html = built(
        "## Scope {: .wide #custom }\n\nSee [scope](#scope), [there](../a.html#scope), "
        "[mail](mailto:a@b.example) and <https://x.example/p#top>.\n\n"
        "| A | B | C |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n"
        '!!! note "Heads up"\n    Text.\n\n![logo](../assets/logo.png)\n'
    )
    assert '<h2 class="wide" id="user-content-custom">' in html
    assert '<a href="#user-content-scope">scope</a>' in html
    assert '<a href="../a.html#user-content-scope">there</a>' in html
    assert '<a href="mailto:a@b.example">mail</a>' in html
    assert 'href="https://x.example/p#top"' in html  # outside the site: left as it is
    assert '<th class="aims-align-left">A</th>' in html and '<td class="aims-align-center">2</td>' in html
    assert '<td class="aims-align-right">3</td>' in html
    assert '<div class="admonition note">' in html and '<p class="admonition-title">Heads up</p>' in html
    assert '<img alt="logo" src="../assets/logo.png">' in html


def test_heading_anchors_and_the_toc_follow_the_prefix() -> None:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    html = sanitise.content(md.convert("# Title\n\n## Search\n\n### __search\n"))
    assert '<h2 id="user-content-search">Search<a class="headerlink" href="#user-content-search"' in html
    assert 'id="__search"' not in html  # a heading cannot take the theme's search toggle id
    toc = [SimpleNamespace(id="title", children=[SimpleNamespace(id="search", children=[])])]
    sanitise.prefix_toc(toc)
    sanitise.prefix_toc(toc)  # once only, however often it runs
    assert [toc[0].id, toc[0].children[0].id] == ["user-content-title", "user-content-search"]


def test_images_load_from_the_site_only() -> None:
    for source in ("https://tracker.example/p.png", "//tracker.example/p.png", "/\\tracker.example/p.png",
                   "data:image/png;base64,AAAA"):
        assert "src=" not in built(f"![pixel]({source})"), source


def test_generated_html_passes_unchanged() -> None:
    ours = (
        '<div class="aims-filter" data-columns="Applicable,Status"></div>'
        '<div class="admonition abstract aims-panel"><p class="admonition-title">Document control</p>'
        '<table><tbody><tr><td>Next review</td><td>2027-01-01 <span class="aims-badge aims-badge--overdue">'
        'overdue</span></td></tr><tr><td>Related</td><td><a href="roles.html">ROL-001</a></td></tr>'
        "</tbody></table></div>"
    )
    assert sanitise.content(ours) == ours


def test_search_entries_lose_markup_but_keep_text() -> None:
    entry = {"location": "a.html#x", "title": "<img src=x onerror=alert(1)>T",
             "text": '<p>ok <a href="javascript:alert(1)">l</a><script>alert(2)</script></p>'}
    cleaned = sanitise.search_entry(entry)
    assert cleaned == {"location": "a.html#x", "title": "<img src=\"x\">T", "text": "<p>ok <a>l</a></p>"}


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>__md_scope=new URL("..",location)</script>
<script src="../assets/x.js"></script>
<script id="__config" type="application/json">{"search": "../assets/workers/search.js"}</script>
</head><body><article><p>text</p><script>window.__pwned=1</script></article></body></html>"""


def test_every_page_gets_a_policy_that_hashes_only_its_inline_scripts() -> None:
    page = csp.add_policy(PAGE)
    head = '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="'
    meta = re.search(re.escape(head) + r'([^"]+)"', page)
    assert meta, page
    directives = dict(d.split(" ", 1) for d in meta[1].split("; "))
    hashes = re.findall(r"'(sha256-[^']+)'", directives["script-src"])
    shim = csp._shim_script("../assets/workers/search.js")
    assert sorted(hashes) == sorted([csp.digest('__md_scope=new URL("..",location)'), csp.digest(shim)])
    assert 'filename:"../assets/workers/search.js"' in shim and "function c(" in shim
    assert directives["default-src"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in meta[1] and "unsafe-eval" not in meta[1]
    assert csp.add_policy(page) == page  # once
    assert csp.digest("window.__pwned=1") not in page  # a script in the content is never allowed
    assert "script-src 'self' 'unsafe-inline';" in csp.add_policy(PAGE, live_reload=True)  # serve only


def test_a_page_that_mentions_a_policy_still_gets_one() -> None:
    # A body or a menu title saying "Content-Security-Policy" once switched the policy off.
    page = PAGE.replace("<p>text</p>", "<p>We set a Content-Security-Policy header.</p>")
    page = page.replace("<title>t</title>", "<title>Content-Security-Policy</title>")
    assert csp_meta(csp.add_policy(page))


def csp_meta(page: str) -> bool:
    """Whether `<head>` carries a policy (not merely the words, somewhere in the page)."""
    head = page[: page.find("</head>")]
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="[^"]+">', head) is not None


@pytest.mark.parametrize(
    "href", ["secret.md", "../records/secret.md#part", "secret%2Emd", "secret.md?x=1", " Secret.MD "]
)
def test_a_link_still_naming_a_markdown_file_loses_its_address(href: str) -> None:
    # MkDocs has turned every link to a page into .html; what still names a .md file is no page.
    assert sanitise.content(f'<p><a href="{href}">label</a></p>') == "<p><a>label</a></p>"


def test_links_to_pages_and_elsewhere_keep_their_address() -> None:
    html = '<p><a href="page.html">a</a> <a href="https://example.org/x.md">b</a></p>'
    assert sanitise.content(html) == html
