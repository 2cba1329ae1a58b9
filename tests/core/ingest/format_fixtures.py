"""Files in every supported format, built at run time from text the tests own.

Each builder writes one article of three pages (PAGES); page 3 holds PAGE3_MARK. HTML pages wrap
the article in BOILERPLATE (navigation, footer, related links, comments, scripts) that must not be
indexed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # has glyphs for the Kangxi radicals

TITLE = "东江湾渔港升级改造工程全面完工"
PAGES = [
    "本报讯（记者 黄海燕）经过两年多的建设，东江湾渔港升级改造工程日前全面完工，"
    "新建防波堤一千二百米，可容纳渔船六百余艘避风。渔港管理站负责人介绍，工程建成后，"
    "渔民卸货时间平均缩短一个半小时，冰鲜水产品的损耗明显下降。",
    "在新落成的交易大厅里，鱼贩们正忙着分拣刚刚靠岸的马鲛鱼和鱿鱼。"
    "五十六岁的老渔民陈福生说，过去每逢台风季节，大家只能把船拖到内河躲避，"
    "如今港内风平浪静，心里踏实多了。镇里还配套建设了冷链仓库和渔具维修车间。",
    "据了解，该项目总投资三点八亿元，由省市县三级财政共同出资。"
    "下一步，当地将依托渔港发展海鲜美食街和休闲垂钓，打造集渔业生产、"
    "水产加工、滨海旅游于一体的特色小镇，带动周边三千多户渔民增收致富。",
]
PAGE3_MARK = "休闲垂钓"
ARTICLE = "".join(PAGES)
BOILERPLATE = [
    "首页导航频道列表", "版权所有违者必究", "相关阅读推荐文章", "网友评论精选留言",
    "广告投放合作热线", "扫码关注微信公众号", "脚本统计代码内容",
]


def substrings(text: str, n: int = 4) -> list[str]:
    """Every n-character substring without punctuation or spaces (what a user would type)."""
    import re

    out = []
    for chunk in re.split(r"[\s，。、；：？！（）“”]+", text):
        out += [chunk[i:i + n] for i in range(len(chunk) - n + 1)]
    return list(dict.fromkeys(out))


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def write_pdf(path: Path, pages: list[str] = PAGES, title: str | None = TITLE, *, width: int = 30,
              encrypt: bool = False, font: tuple[str, int] = (FONT, 0)) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", "", font[0], collection_font_number=font[1])
    pdf.set_font("cjk", size=13)
    if title:
        pdf.set_title(title)
    pdf.set_creation_date(__import__("datetime").datetime(2024, 12, 29, 8, 0, 0))
    for i, page in enumerate(pages):
        pdf.add_page()
        if i == 0 and title:
            pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
        for line in _wrap(page, width):
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(path))
    return path


def write_docx(path: Path, pages: list[str] = PAGES, title: str = TITLE) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for i, page in enumerate(pages):
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if i == 1:  # the second page's opening sentence in a table
            first, rest = page.split("。", 1)
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text = "现场"
            table.cell(0, 1).text = first + "。"
            document.add_paragraph(rest)
        else:
            document.add_paragraph(page)
    document.save(str(path))
    return path


def html_page(pages: list[str] = PAGES, title: str = TITLE, charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in pages)
    b = BOILERPLATE
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_新闻频道_示例新闻网</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-12-29T08:00:00+08:00">
<script>var stats = "{b[6]}";</script><style>.nav{{color:red}}</style></head>
<body>
<header><nav><ul><li><a href="/">{b[0]}</a></li><li><a href="/a">国内</a></li><li><a href="/b">国际</a></li></ul></nav></header>
<div class="ad">{b[4]}</div>
<main><article>
<h1>{title}</h1>
<div class="info">2024年12月29日 08:00 来源：示例日报</div>
{paragraphs}
</article></main>
<aside class="related"><h3>{b[2]}</h3><ul>
<li><a href="/1">某地召开安全生产工作会议部署冬季防火</a></li>
<li><a href="/2">全市文明城市创建工作推进会召开</a></li></ul></aside>
<section id="comments" class="comments"><h3>{b[3]}</h3><div class="comment">写得好，家乡越来越美了</div></section>
<footer><p>{b[1]}</p><p>{b[5]}</p><p>地址：某某路一号 邮编：510000</p></footer>
</body></html>"""


def write_html(path: Path, charset: str = "utf-8", **kwargs) -> Path:
    encoding = {"gbk": "gbk", "gb2312": "gbk"}.get(charset.lower(), charset)
    path.write_bytes(html_page(charset=charset, **kwargs).encode(encoding))
    return path


def write_epub(path: Path, pages: list[str] = PAGES, title: str = TITLE) -> Path:
    chapters = [f"chap{i + 1}.xhtml" for i in range(len(pages))]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        zf.writestr("META-INF/container.xml", """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>""")
        items = "\n".join(f'<item id="c{i + 1}" href="{c}" media-type="application/xhtml+xml"/>' for i, c in enumerate(chapters))
        # the spine lists the chapters in reading order, which is not the manifest's order
        spine = "\n".join(f'<itemref idref="c{i + 1}"/>' for i in range(len(chapters)))
        zf.writestr("OEBPS/content.opf", f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:date>2024-12-29</dc:date>
<dc:identifier id="id">test</dc:identifier><dc:language>zh</dc:language></metadata>
<manifest>{"".join(reversed(items.splitlines()))}</manifest><spine>{spine}</spine></package>""")
        for i, (name, page) in enumerate(zip(chapters, pages)):
            heading = f"<h1>{title}</h1>" if i == 0 else ""
            zf.writestr(f"OEBPS/{name}", f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>第{i + 1}章</title><style>p{{margin:0}}</style></head>
<body>{heading}<p>{page}</p></body></html>""")
    return path


def page_image(text: str, *, width_chars: int = 24, size: int = 36):
    """A white page with text in black, as a scanner would see a printed column."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    lines = _wrap(text, width_chars)
    margin = size * 2
    image = Image.new("L", (margin * 2 + width_chars * size, margin * 2 + len(lines) * int(size * 1.6)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * int(size * 1.6)), line, font=font, fill=0)
    return image


def write_png(path: Path, text: str = PAGES[0], **kwargs) -> Path:
    page_image(text, **kwargs).save(path, format="PNG")
    return path


def write_scanned_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF whose pages are images only (no text layer), as a scanner makes them."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for page in pages:
        pdf.add_page()
        buf = io.BytesIO()
        page_image(page).save(buf, format="PNG")
        buf.seek(0)
        pdf.image(buf, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def write_mhtml(path: Path, charset: str = "gbk") -> Path:
    """A page saved as one file, as browsers do: MIME multipart, the HTML quoted-printable in GBK."""
    from email import encoders
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.nonmultipart import MIMENonMultipart

    message = MIMEMultipart("related")
    message["Subject"] = TITLE
    message["Snapshot-Content-Location"] = "https://news.example.cn/a/1.html"
    html = MIMENonMultipart("text", "html", charset=charset)
    html.set_payload(html_page(charset=charset).encode("gbk"))
    encoders.encode_quopri(html)
    message.attach(html)
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png"))
    path.write_bytes(message.as_bytes())
    return path
