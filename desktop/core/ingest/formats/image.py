"""Scanned pages as images (PNG, JPEG, TIFF; each TIFF frame a page), recognised by OCR.
The size in the header is checked before any pixel is decoded."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from desktop.core.ingest.formats.common import Extracted, ReadContext, join_pages, read_bytes, skip


def open_image(path: Path, data: bytes, max_pixels: int):
    """A PIL image with only its header read, or a plain reason (corrupt, too large)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS or 0, max_pixels)
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise skip(path, "图片尺寸过大，疑似恶意文件，已跳过") from exc
    except Exception as exc:
        raise skip(path, "图片文件已损坏或格式不支持，已跳过") from exc
    w, h = image.size
    if w * h > max_pixels:
        raise skip(path, f"图片尺寸过大（{w}×{h} 像素，上限约 {max_pixels // 1_000_000} 百万像素），已跳过")
    return image


def read(path: Path, ctx: ReadContext) -> Extracted:
    data = read_bytes(path, ctx.limits.max_file_bytes)
    image = open_image(path, data, ctx.limits.max_image_pixels)
    if ctx.ocr is None:
        raise skip(path, "图片需要文字识别（OCR），但未安装文字识别组件，已跳过")
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    frames = min(getattr(image, "n_frames", 1) or 1, ctx.limits.max_ocr_pages)
    texts: list[str] = []
    for i in range(frames):
        if ctx.cancelled():
            raise skip(path, "索引已取消，此文件下次继续")
        key = f"{digest}:{i + 1}"
        cached = ctx.ocr.cache.get(key) if ctx.ocr.cache is not None else None
        if cached is not None:
            texts.append(cached)
            continue
        try:
            image.seek(i)
            frame = image.copy()
            frame.load()
        except Exception as exc:
            if i == 0:
                raise skip(path, "图片文件已损坏或不完整，无法解码，已跳过") from exc
            break
        texts.append(ctx.ocr.recognize(frame, key))
    if not any(t.strip() for t in texts):
        raise skip(path, "图片中没有识别出文字，已跳过")
    text, pages = join_pages(texts)
    return Extracted(text=text, data=data, encoding="ocr", format="image", pages=pages,
                     ocr_pages=list(range(1, len(texts) + 1)))


def page_image(data: bytes, page_no: int, max_side: int = 1600):
    """Frame page_no (1-based) of an image file, scaled so its longer side is at most max_side."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.seek(page_no - 1)
    frame = image.convert("RGB")
    frame.thumbnail((max_side, max_side))
    return frame
