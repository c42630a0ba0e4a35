"""What members write, shown as HTML: the Markdown subset, sanitised, and the reused converter keeping no state."""

from concurrent.futures import ThreadPoolExecutor

from community.formatting import render_member_text


def test_markdown_subset_is_rendered_and_raw_html_is_text():
    html = render_member_text("**よろしく** <script>alert(1)</script>\nhttps://example.org/a")
    assert "<strong>よろしく</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://example.org/a" rel="nofollow noopener ugc">' in html
    assert "<br" in html  # a single line break is kept


def test_dangerous_links_lose_their_href():
    html = render_member_text("[click](javascript:alert(1))")
    assert "javascript:" not in html


def test_a_reference_defined_in_one_text_does_not_link_in_the_next():
    """The converter is reused between texts: reference definitions must not carry over."""
    render_member_text("[site]: https://evil.example/\n\nsee [site]")
    assert "evil.example" not in render_member_text("see [site][]")


def test_threads_each_render_the_same_as_one_thread():
    texts = [f"# 見出し{n}\n\n- *項目* {n}\n- https://example.org/{n}\n\n> 引用 {n}" for n in range(200)]
    expected = [render_member_text(text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(render_member_text, texts)) == expected
