"""The generated certificate test set: business licences, ID cards (both sides), organisation certificates and
photos of no certificate, each with the values printed on it.

Nothing is committed: every image is drawn at test time with Debian's Noto CJK font (``fonts-noto-cjk``, which
``.ci/run`` installs), from random valid names, numbers and addresses, then photographed: laid on a desk or a
table, rotated by up to ±5°, lit unevenly, blurred, JPEG-compressed. A seed makes a set reproducible.

    python -m tests.recognition.make_certificates /tmp/certificates --licences 5 --id-cards 5
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import uscc

from tests.recognition.certificate_data import (
    DIVISIONS,
    ENTITY_TYPES,
    INDUSTRIES,
    SCOPES,
    TRADE_NAMES,
    address,
    credit_code,
    person_name,
    random_date,
    resident_id,
)

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
SANS = FONT_DIR / "NotoSansCJK-Regular.ttc"
SANS_BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
SERIF_BOLD = FONT_DIR / "NotoSerifCJK-Bold.ttc"
DIGITS_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
SC = 2  # the simplified-Chinese face inside Noto's collections (JP, KR, SC, TC, HK)


@dataclass
class Sample:
    name: str
    kind: str  # a CertificateKind value
    truth: dict[str, str]
    image: bytes = b""
    size: tuple[int, int] = (0, 0)
    meta: dict[str, object] = field(default_factory=dict)


@cache  # a CJK collection is tens of megabytes: open each face and size once
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, index=SC if path.suffix == ".ttc" else 0)


def _spaced(text: str, gap: int = 2) -> str:
    return (" " * gap).join(text)


def _cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def _paper(
    size: tuple[int, int], rng: random.Random, tint: tuple[int, int, int], grain: float = 0.05
) -> Image.Image:
    """Paper or card stock (or, with more ``grain``, a desk): a tint with low-frequency blotches."""
    width, height = size
    blotches = np.asarray(
        Image.effect_noise((max(1, width // 40), max(1, height // 40)), 30).resize(
            size, Image.Resampling.BICUBIC
        )
    )
    base = np.array(tint, dtype=np.float32)[None, None, :] + (blotches[..., None] - 128) * grain
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def _seal(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int, text: str) -> None:
    x, y = centre
    red = (210, 40, 40)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=6)
    draw.regular_polygon((x, y, radius // 4), 5, fill=red)
    font = _font(SANS, radius // 5)
    draw.text((x, y + radius // 2), text, font=font, fill=red, anchor="mm")


def draw_licence(rng: random.Random, index: int) -> Sample:
    division = rng.choice(DIVISIONS)
    sole = rng.random() < 0.2  # a sole proprietorship's licence names its fields differently
    trade = "".join(rng.sample(TRADE_NAMES, 2))
    city = division[2] or division[1]
    name = f"{city[:-1]}{trade}{rng.choice(INDUSTRIES)}" + ("工作室" if sole else "有限公司")
    established = random_date(rng, 2005, 2024)
    term = rng.choice(["long_term", (established + datetime.timedelta(days=365 * 20 - 1)).isoformat()])
    truth = {
        "name": name,
        "credit_code": credit_code(rng, division[0]),
        "entity_type": "个人经营" if sole else rng.choice(ENTITY_TYPES),
        "legal_representative": person_name(rng),
        "address": address(rng, division),
        "established_on": established.isoformat(),
    }
    if not sole:  # a sole proprietorship's licence prints no term
        truth["valid_until"] = term
    size = (1754, 1240)
    image = _paper(size, rng, (246, 244, 236))
    draw = ImageDraw.Draw(image)
    ink, small, value = (25, 25, 25), _font(SANS, 26), _font(SANS, rng.choice((32, 34, 36)))
    label = _font(SANS_BOLD, rng.choice((32, 34)))
    draw.rectangle((40, 40, size[0] - 40, size[1] - 40), outline=(170, 120, 60), width=10)
    draw.text((size[0] // 2, 170), "营 业 执 照", font=_font(SERIF_BOLD, 110), fill=(30, 30, 30), anchor="mm")
    draw.text((size[0] // 2, 275), "(副 本)", font=_font(SANS, 34), fill=ink, anchor="mm")
    draw.text((120, 150), "统一社会信用代码", font=small, fill=ink)
    draw.text((120, 190), truth["credit_code"], font=_font(DIGITS_FONT, 34), fill=ink)
    for square in range(36):  # the QR code's place, top right: noise the parser must ignore
        if rng.random() < 0.5:
            x, y = 1450 + (square % 6) * 30, 110 + (square // 6) * 30
            draw.rectangle((x, y, x + 28, y + 28), fill=(20, 20, 20))
    if sole:
        left = [("名称", name), ("组成形式", truth["entity_type"]), ("经营者", truth["legal_representative"])]
        right = [("注册日期", _cn_date(established))]
        place = "经营场所"
    else:
        left = [("名称", name), ("类型", truth["entity_type"]), ("法定代表人", truth["legal_representative"])]
        capital = rng.choice(["壹佰万元整", "伍佰万元整", "壹仟万元整", "贰佰万元整"])
        term_text = "长期" if term == "long_term" else _cn_date(datetime.date.fromisoformat(term))
        right = [("注册资本", capital), ("成立日期", _cn_date(established))]
        right.append(("营业期限", f"{_cn_date(established)}至{term_text}"))
        place = "住所"
    top, row = 380, rng.choice((72, 78, 84))
    for number, (caption, text) in enumerate(left):
        y = top + number * row
        draw.text((150, y), _spaced(caption, 4 if len(caption) == 2 else 1), font=label, fill=ink)
        draw.text((400, y), text, font=value, fill=ink)
    y = top + len(left) * row
    draw.text((150, y), _spaced("经营范围", 1), font=label, fill=ink)
    for line_number, line in enumerate(_wrap("".join(rng.sample(SCOPES, 3)), 15)[:6]):
        draw.text((400, y + line_number * (row - 18)), line, font=_font(SANS, 28), fill=ink)
    for number, (caption, text) in enumerate(right):
        y = top + number * row
        draw.text((950, y), _spaced(caption, 4 if len(caption) == 2 else 1), font=label, fill=ink)
        draw.text((1180, y), text, font=value, fill=ink)
    y = top + len(right) * row
    draw.text((950, y), _spaced(place, 4 if len(place) == 2 else 1), font=label, fill=ink)
    for line_number, line in enumerate(_wrap(truth["address"], 14)):
        draw.text((1180, y + line_number * (row - 20)), line, font=value, fill=ink)
    draw.text((1150, 1000), "登记机关", font=label, fill=ink)
    issued = established + datetime.timedelta(days=rng.randint(0, 900))
    draw.text((1150, 1080), _cn_date(min(issued, datetime.date(2025, 12, 1))), font=value, fill=ink)
    _seal(draw, (1420, 1040), 110, "市场监督管理局")
    return Sample(f"licence-{index:03d}", "business_licence", truth, meta={"image": image})


def draw_id_front(rng: random.Random, index: int) -> Sample:
    division = rng.choice(DIVISIONS)
    sex = rng.choice(["male", "female"])
    birth = random_date(rng, 1950, 2005)
    truth = {
        "name": person_name(rng),
        "number": resident_id(rng, division[0], birth, sex),
        "sex": sex,
        "birth_date": birth.isoformat(),
        "address": address(rng, division),
    }
    size = (1000, 630)
    image = _paper(size, rng, (232, 238, 240))
    draw = ImageDraw.Draw(image)
    label_colour, ink = (40, 110, 160), (20, 20, 20)
    label, value = _font(SANS, 30), _font(SANS_BOLD, rng.choice((34, 36)))
    draw.rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius=36, outline=(180, 190, 200), width=3)
    draw.text((70, 70), _spaced("姓名", 2), font=label, fill=label_colour)
    draw.text((200, 66), truth["name"], font=value, fill=ink)
    draw.text((70, 150), _spaced("性别", 2), font=label, fill=label_colour)
    draw.text((200, 146), "男" if sex == "male" else "女", font=value, fill=ink)
    draw.text((320, 150), _spaced("民族", 2), font=label, fill=label_colour)
    draw.text((450, 146), rng.choice(["汉", "汉", "回", "满", "壮"]), font=value, fill=ink)
    draw.text((70, 230), _spaced("出生", 2), font=label, fill=label_colour)
    x = 200
    for part, gap in (
        (str(birth.year), 12),
        ("年", 14),
        (str(birth.month), 12),
        ("月", 14),
        (str(birth.day), 12),
    ):
        draw.text((x, 226), part, font=value, fill=ink)
        x += int(draw.textlength(part, font=value)) + gap
    draw.text((x, 226), "日", font=value, fill=ink)
    draw.text((70, 310), _spaced("住址", 2), font=label, fill=label_colour)
    for line_number, line in enumerate(_wrap(truth["address"], 11)):
        draw.text((200, 306 + line_number * 50), line, font=value, fill=ink)
    draw.text((70, 520), "公民身份号码", font=label, fill=label_colour)
    draw.text((330, 514), " ".join([truth["number"]]), font=_font(DIGITS_FONT, 40), fill=ink)
    # The photo: a head and shoulders in grey.
    draw.rectangle((680, 90, 930, 420), fill=(210, 214, 218))
    draw.ellipse((745, 140, 865, 280), fill=(150, 150, 155))
    draw.pieslice((700, 270, 910, 500), 180, 360, fill=(120, 120, 125))
    return Sample(f"id-front-{index:03d}", "id_card_front", truth, meta={"image": image})


def draw_id_back(rng: random.Random, index: int) -> Sample:
    division = rng.choice(DIVISIONS)
    start = random_date(rng, 2012, 2024)
    years = rng.choice([10, 20, 0])
    until = "long_term" if years == 0 else start.replace(year=start.year + years).isoformat()
    authority = f"{division[2] or division[1]}公安局{division[3][:-1]}分局"
    truth = {"authority": authority, "valid_from": start.isoformat(), "valid_until": until}
    size = (1000, 630)
    image = _paper(size, rng, (236, 238, 232))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius=36, outline=(180, 190, 200), width=3)
    draw.ellipse((70, 60, 230, 220), outline=(200, 40, 40), width=8)
    draw.regular_polygon((150, 140, 40), 5, fill=(220, 180, 40))
    draw.text((300, 90), "中华人民共和国", font=_font(SANS_BOLD, 56), fill=(20, 20, 20))
    draw.text((330, 200), _spaced("居民身份证", 1), font=_font(SERIF_BOLD, 72), fill=(20, 20, 20))
    label, value, ink = _font(SANS, 30), _font(SANS, 34), (20, 20, 20)
    draw.text((200, 440), "签发机关", font=label, fill=(40, 40, 40))
    draw.text((360, 436), authority, font=value, fill=ink)
    draw.text((200, 520), "有效期限", font=label, fill=(40, 40, 40))
    end = "长期" if until == "long_term" else datetime.date.fromisoformat(until).strftime("%Y.%m.%d")
    draw.text((360, 516), f"{start:%Y.%m.%d}-{end}", font=value, fill=ink)
    return Sample(f"id-back-{index:03d}", "id_card_back", truth, meta={"image": image})


def draw_organisation(rng: random.Random, index: int) -> Sample:
    division = rng.choice(DIVISIONS)
    title, suffix = rng.choice(
        [
            ("事业单位法人证书", "信息中心"),
            ("社会团体法人登记证书", "行业协会"),
            ("民办非企业单位登记证书", "培训学校"),
        ]
    )
    name = f"{division[2] or division[1]}{''.join(rng.sample(TRADE_NAMES, 2))}{suffix}"
    code = credit_code(rng, division[0])
    code = "12" + code[2:17] + uscc.calc_check_digit("12" + code[2:17])
    truth = {"name": name, "number": code}
    size = (1500, 1060)
    image = _paper(size, rng, (244, 240, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, size[0] - 40, size[1] - 40), outline=(160, 40, 40), width=10)
    draw.text((size[0] // 2, 180), title, font=_font(SERIF_BOLD, 84), fill=(150, 30, 30), anchor="mm")
    label, value, ink = _font(SANS_BOLD, 36), _font(SANS, 36), (20, 20, 20)
    draw.text((200, 400), "统一社会信用代码", font=label, fill=ink)
    draw.text((560, 400), code, font=_font(DIGITS_FONT, 38), fill=ink)
    draw.text((200, 500), _spaced("名称", 6), font=label, fill=ink)
    draw.text((560, 500), name, font=value, fill=ink)
    draw.text((200, 600), _spaced("住所", 6), font=label, fill=ink)
    draw.text((560, 600), address(rng, division), font=value, fill=ink)
    return Sample(f"organisation-{index:03d}", "organisation_certificate", truth, meta={"image": image})


def draw_no_certificate(rng: random.Random, index: int) -> Sample:
    """A photo of something else: shapes, or a page of unrelated text."""
    size = (1200, 900)
    image = _paper(size, rng, (rng.randint(150, 240), rng.randint(150, 240), rng.randint(150, 240)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, 1100), rng.randint(0, 800)
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        draw.ellipse((x, y, x + rng.randint(40, 300), y + rng.randint(40, 300)), fill=colour)
    if index % 2:
        draw.text((100, 380), "今天天气很好，我们去公园散步吧", font=_font(SANS, 48), fill=(20, 20, 20))
    return Sample(f"nothing-{index:03d}", "unknown", {}, meta={"image": image})


def photograph(
    card: Image.Image, rng: random.Random, *, canvas: tuple[int, int] | None = None
) -> Image.Image:
    """The card as a phone photographs it: on a surface, tilted up to ±5°, lit unevenly, slightly blurred."""
    width, height = card.size
    canvas = canvas or (int(width * rng.uniform(1.15, 1.35)), int(height * rng.uniform(1.2, 1.4)))
    surface = _paper(
        canvas, rng, rng.choice([(120, 90, 60), (90, 90, 95), (200, 195, 185), (60, 70, 80)]), 0.25
    )
    scale = min(canvas[0] * 0.85 / width, canvas[1] * 0.85 / height)
    card = card.resize((int(width * scale), int(height * scale)), Image.Resampling.LANCZOS).convert("RGBA")
    card = card.rotate(rng.uniform(-5, 5), resample=Image.Resampling.BICUBIC, expand=True)
    x = (canvas[0] - card.width) // 2 + rng.randint(-20, 20)
    y = (canvas[1] - card.height) // 2 + rng.randint(-20, 20)
    shadow = Image.new("RGBA", card.size, (0, 0, 0, 0))
    shadow.putalpha(card.getchannel("A").point(lambda alpha: alpha // 3))
    surface.paste(shadow, (x + 12, y + 14), shadow)
    surface.paste(card, (x, y), card)
    # Uneven light: a gradient from a random side, up to a fifth darker.
    light = np.linspace(1.0, rng.uniform(0.8, 0.95), canvas[0], dtype=np.float32)
    if rng.random() < 0.5:
        light = light[::-1]
    pixels = np.asarray(surface, dtype=np.float32) * light[None, :, None]
    pixels += np.random.default_rng(rng.randint(0, 2**31)).normal(0, 4, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.3)))


def encode(photo: Image.Image, rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=rng.randint(55, 85))
    return buffer.getvalue()


def _finish(sample: Sample, rng: random.Random, canvas: tuple[int, int] | None = None) -> Sample:
    photo = photograph(sample.meta.pop("image"), rng, canvas=canvas)
    sample.image, sample.size = encode(photo, rng), photo.size
    return sample


def make_set(
    *,
    licences: int = 60,
    id_cards: int = 60,
    id_backs: int = 0,
    organisations: int = 0,
    others: int = 0,
    seed: int = 16,
) -> list[Sample]:
    """The samples, each drawn and photographed from its own seed (so one can be re-made alone)."""
    makers = (
        [(draw_licence, i) for i in range(licences)]
        + [(draw_id_front, i) for i in range(id_cards)]
        + [(draw_id_back, i) for i in range(id_backs)]
        + [(draw_organisation, i) for i in range(organisations)]
        + [(draw_no_certificate, i) for i in range(others)]
    )
    samples = []
    for maker, index in makers:
        rng = random.Random(f"{seed}-{maker.__name__}-{index}")
        samples.append(_finish(maker(rng, index), rng))
    return samples


def twelve_megapixel_licence(seed: int = 16) -> Sample:
    """One licence photographed at 4000×3000 (12 MP), the size of a phone's photo."""
    rng = random.Random(f"{seed}-12mp")
    return _finish(draw_licence(rng, 0), rng, canvas=(4000, 3000))


def write_set(samples: list[Sample], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for sample in samples:
        (directory / f"{sample.name}.jpg").write_bytes(sample.image)
    truths = {sample.name: {"kind": sample.kind, **sample.truth} for sample in samples}
    (directory / "truth.json").write_text(json.dumps(truths, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    for option in ("licences", "id-cards", "id-backs", "organisations", "others"):
        parser.add_argument(f"--{option}", type=int, default=3)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    samples = make_set(
        licences=args.licences,
        id_cards=args.id_cards,
        id_backs=args.id_backs,
        organisations=args.organisations,
        others=args.others,
        seed=args.seed,
    )
    write_set(samples, args.directory)
    print(f"{len(samples)} images in {args.directory}")


if __name__ == "__main__":
    main()
