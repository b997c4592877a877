"""Rich text is cleaned on save: what survives is harmless when shown with |safe."""

import pytest

from pmqa_portal.sanitize import clean_rich_text


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<svg onload="alert(1)"><circle/></svg>',
        '<iframe src="https://evil.example"></iframe>',
        '<form action="https://evil.example"><input name="password"></form>',
        "<p onclick=\"alert(1)\" onmouseover='alert(2)'>x</p>",
        "<style>body{display:none}</style>",
        "<object data=x></object><embed src=x>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ],
)
def test_nothing_executable_survives(dirty):
    cleaned = clean_rich_text(dirty).lower()
    for fragment in ("<script", "onerror", "onclick", "onload", "onmouseover", "javascript:", "data:", "<iframe",
                     "<form", "<input", "<style", "style=", "<svg", "<object", "<embed", "<img"):  # fmt: skip
        assert fragment not in cleaned


def test_script_content_is_dropped_not_unwrapped():
    assert clean_rich_text("<p>ก่อน<script>steal()</script>หลัง</p>") == "<p>ก่อนหลัง</p>"


def test_summary_formatting_is_kept():
    html = (
        "<h2>มติที่ประชุม</h2><p><strong>กลุ่มเกษตรกร</strong> <em>ผู้ปลูกพืช</em> <u>ผู้เลี้ยงสัตว์</u><br>ผู้ทำประมง</p>"
        "<ul><li>วิสาหกิจชุมชนด้านการผลิต</li></ul><ol><li>หนึ่ง</li></ol><h3>ก</h3><h4>ข</h4>"
        "<blockquote>อ้างอิง</blockquote>"
        '<table><caption>สรุป</caption><thead><tr><th scope="col" colspan="2">หน่วยงาน</th></tr></thead>'
        '<tbody><tr><td rowspan="2">กษจ.</td><td>3</td></tr></tbody><tfoot><tr><td>รวม</td></tr></tfoot></table>'
    )
    assert clean_rich_text(html) == html


def test_links_keep_their_address_and_get_noopener():
    cleaned = clean_rich_text('<a href="https://www.opdc.go.th/" target="_blank" title="x">ก.พ.ร.</a>')
    assert cleaned == '<a href="https://www.opdc.go.th/" rel="noopener">ก.พ.ร.</a>'


def test_relative_and_mail_links_are_kept():
    assert 'href="/meetings/1/"' in clean_rich_text('<a href="/meetings/1/">x</a>')
    assert 'href="mailto:pmqa@example.go.th"' in clean_rich_text('<a href="mailto:pmqa@example.go.th">x</a>')


def test_other_tags_are_unwrapped_keeping_the_text():
    assert clean_rich_text('<h1>หัวข้อ</h1><div class="x"><span>ข้อความ</span></div>') == "หัวข้อข้อความ"


def test_empty_input_gives_an_empty_string():
    assert clean_rich_text(None) == ""
    assert clean_rich_text("") == ""


def test_plain_thai_text_is_unchanged_but_escaped():
    assert clean_rich_text("เกษตรกร < 5 ราย & วิสาหกิจ") == "เกษตรกร &lt; 5 ราย &amp; วิสาหกิจ"
