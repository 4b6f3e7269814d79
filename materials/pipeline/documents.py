"""The documents of the materials step: PDFs (the signed verification form, letters), or photos of them."""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from dataclasses import dataclass

from materials.pipeline.images import MaterialRejected, _describe, check_file_size, process_image

PDF_SCAN_BUDGET_BYTES = 32 * 1024 * 1024  # total inflated stream bytes searched for hidden PDF names
_PDF_ACTIVE_NAMES = {
    "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA", "SubmitForm",
    "ImportData",
}  # fmt: skip
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PDF_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_IMAGE_FILTERS = {"DCTDecode", "JPXDecode", "CCITTFaxDecode", "JBIG2Decode"}


@dataclass
class ProcessedDocument:
    content: bytes
    content_type: str
    sha256: str
    thumbnail: bytes | None  # None for a PDF: we do not render PDFs
    findings: list[dict]


def process_document(data: bytes) -> ProcessedDocument:
    """Accept a PDF (the signed verification form, letters) or a photo of one.

    A PDF is kept byte for byte (we have no PDF rewriter), so it is refused when it carries anything that acts
    when opened: JavaScript, launch and form-submission actions, embedded files, rich media, XFA. Names are
    searched after ``#xx`` escapes are decoded and inside Flate streams too (PDF 1.5 object streams would hide
    them from a plain byte search); an encrypted PDF cannot be searched and is refused.
    """
    check_file_size(data)
    if data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        image = process_image(data)
        return ProcessedDocument(
            image.content, image.content_type, image.sha256, image.thumbnail, image.findings
        )
    if not data.startswith(b"%PDF-"):
        kind = _describe(data)
        raise MaterialRejected(
            "not_pdf",
            f"不支持的文件类型（内容像是 {kind}）：请上传 PDF、JPEG 或 PNG。 / Unsupported file type (the content "
            f"looks like {kind}): upload a PDF, JPEG or PNG.",
        )
    if b"%%EOF" not in data[-2048:]:
        raise MaterialRejected(
            "corrupt",
            "PDF 文件不完整（缺少结尾的 %%EOF），可能上传中断，请重新上传。 / The PDF is incomplete (no final "
            "%%EOF); the upload may have been cut off. Upload it again.",
        )
    names = _pdf_names(data)
    if "Encrypt" in names:
        raise MaterialRejected(
            "pdf_encrypted",
            "PDF 已加密，无法检查其内容，请上传未加密的 PDF。 / The PDF is encrypted, so its content cannot be "
            "checked; upload an unencrypted PDF.",
        )
    active = sorted(names & _PDF_ACTIVE_NAMES)
    if active:
        found = ", ".join(f"/{name}" for name in active)
        raise MaterialRejected(
            "pdf_active_content",
            f"PDF 含有可执行或嵌入内容（{found}），不予接受，请打印后扫描或另存为普通 PDF。 / The PDF contains active "
            f"or embedded content ({found}) and is refused; print and scan it, or save it as a plain PDF.",
        )
    return ProcessedDocument(data, "application/pdf", hashlib.sha256(data).hexdigest(), None, [])


def _pdf_names(data: bytes) -> set[str]:
    """Every PDF name in the file's objects and in its decoded streams, with ``#xx`` escapes decoded.

    Stream bodies are not searched as they are stored: encoded bytes hold chance sequences such as ``/JS>``
    (about one generated verification form in a thousand did, in its ASCII85 text or its compressed bytes).
    A stream is searched after its filters are undone (``_decoded``): PDF 1.5 object streams hide dictionaries
    there. A picture (DCT, JPX, CCITT, JBIG2) is not searched at all: no action can live in image data.
    """
    chunks: list[bytes] = []
    budget = PDF_SCAN_BUDGET_BYTES  # decoded bytes still allowed, over all streams
    view = memoryview(data)
    position = 0
    for match in _PDF_STREAM.finditer(data):
        if match.start() < position:
            continue  # the word "stream" inside a body already read
        chunks.append(data[position : match.start()])
        body_end = data.find(b"endstream", match.end())
        body_end = len(data) if body_end == -1 else body_end
        decoded = _decoded(view[match.end() : body_end], _stream_filters(data, match.start()), budget)
        budget -= len(decoded)
        chunks.append(decoded)
        position = body_end
    chunks.append(data[position:])
    names: set[str] = set()
    for chunk in chunks:
        for raw in _PDF_NAME.findall(chunk):
            names.add(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1"))
    return names


def _stream_filters(data: bytes, stream_start: int) -> list[str]:
    """The ``/Filter`` names, in the order they apply, of the stream dictionary that ends where the ``stream``
    keyword starts."""
    head = data[max(0, stream_start - 4096) : stream_start]
    object_start = head.rfind(b"obj")
    match = _PDF_FILTER.search(head[object_start:] if object_start != -1 else head)
    return [name.decode("latin-1") for name in re.findall(rb"/([A-Za-z0-9]+)", match[1])] if match else []


def _decoded(body: memoryview, filters: list[str], budget: int) -> bytes:
    """The stream's bytes with its text and Flate filters undone, in order (reportlab writes
    ``[/ASCII85Decode /FlateDecode]``); empty for a picture. Where a filter cannot be undone (a broken body,
    a filter we do not decode) the bytes are searched as they are at that point: the careful side. Inflating
    past ``budget`` bytes is refused."""
    if filters and set(filters) <= _IMAGE_FILTERS:
        return b""
    decoded = bytes(body)
    for name in filters:
        try:
            if name == "ASCII85Decode":
                decoded = base64.a85decode(
                    decoded.strip().removesuffix(b"~>"), ignorechars=b" \t\n\r\x0b\x0c"
                )
            elif name == "ASCIIHexDecode":
                decoded = bytes.fromhex(re.sub(rb"\s", b"", decoded).removesuffix(b">").decode("ascii"))
            elif name == "FlateDecode":
                decoded = _inflate(decoded, budget)
            else:
                break
        except (ValueError, zlib.error):
            break
    return decoded


def _inflate(body: bytes, budget: int) -> bytes:
    """Raises ``zlib.error`` when the body is not Flate data (``_decoded`` then searches it as it is)."""
    decompressor = zlib.decompressobj()
    inflated = decompressor.decompress(body, max(budget, 1))
    if decompressor.unconsumed_tail:  # the budget ran out before this stream did
        raise MaterialRejected(
            "pdf_unscannable",
            "PDF 内容过多，无法完整检查，请压缩或拆分后上传。 / The PDF holds too much content to be checked "
            "completely; reduce or split it and upload it again.",
        )
    return inflated
