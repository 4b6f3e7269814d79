"""The resident ID card parsers (front and back), on synthetic OCR lines."""

from __future__ import annotations

from stdnum.cn import ric

from entities.recognition import CertificateKind, recognise
from tests.recognition.readings import line, reading

NUMBER = "11010119900307123" + ric.calc_check_digit("11010119900307123" + "0")  # a man born 1990-03-07


def front(*, number: str = NUMBER, sex: str = "男", birth: str = "1990年3月7日", tilt: float = 0.0):
    return [
        line("姓名", 70, 70, tilt=tilt),
        line("王小明", 200, 66, tilt=tilt),
        line("性别", 70, 150, tilt=tilt),
        line(sex, 200, 146, tilt=tilt),
        line("民族汉", 330, 146, tilt=tilt),
        line("出生", 70, 230, tilt=tilt),
        line(birth, 200, 226, tilt=tilt),
        line("住址", 70, 310, tilt=tilt),
        line("北京市东城区东华门街道", 200, 306, tilt=tilt),
        line("南池子大街12号", 200, 356, tilt=tilt),
        line("公民身份号码", 70, 520, tilt=tilt),
        line(number, 330, 514, tilt=tilt),
    ]


def values(recognition) -> dict[str, str]:
    return {name: proposal.value for name, proposal in recognition.fields.items()}


EXPECTED = {
    "name": "王小明",
    "number": NUMBER,
    "sex": "male",
    "birth_date": "1990-03-07",
    "address": "北京市东城区东华门街道南池子大街12号",
}


def test_the_front_proposes_name_number_sex_birth_date_and_address():
    recognition = recognise(reading(*front()))
    assert recognition.kind is CertificateKind.ID_CARD_FRONT
    assert values(recognition) == EXPECTED


def test_a_front_left_slightly_tilted_reads_the_same():
    for tilt in (-2.5, 2.5):
        assert values(recognise(reading(*front(tilt=tilt)))) == EXPECTED


def test_a_birth_date_printed_otherwise_than_the_number_says_withholds_the_number():
    recognition = recognise(reading(*front(birth="1990年8月7日")))
    proposed = values(recognition)
    assert "number" not in proposed
    assert proposed["birth_date"] == "1990-08-07"  # as printed, and less sure
    assert recognition.fields["birth_date"].confidence < recognition.fields["name"].confidence


def test_a_sex_printed_otherwise_than_the_number_says_withholds_the_number():
    proposed = values(recognise(reading(*front(sex="女"))))
    assert "number" not in proposed
    assert proposed["sex"] == "female"


def test_a_number_with_a_wrong_checksum_is_not_proposed():
    wrong = NUMBER[:-1] + ("1" if NUMBER[-1] != "1" else "2")
    proposed = values(recognise(reading(*front(number=wrong))))
    assert "number" not in proposed
    assert proposed["birth_date"] == "1990-03-07"  # printed, not from the number


def test_a_number_read_with_a_look_alike_letter_is_corrected():
    assert values(recognise(reading(*front(number=NUMBER.replace("0", "O", 1)))))["number"] == NUMBER


def test_the_back_proposes_authority_and_validity():
    lines = [
        line("中华人民共和国", 300, 60),
        line("居民身份证", 330, 160),
        line("签发机关", 200, 440),
        line("北京市公安局东城分局", 360, 436),
        line("有效期限", 200, 520),
        line("2015.06.01-2035.06.01", 360, 516),
    ]
    recognition = recognise(reading(*lines))
    assert recognition.kind is CertificateKind.ID_CARD_BACK
    assert values(recognition) == {
        "authority": "北京市公安局东城分局",
        "valid_from": "2015-06-01",
        "valid_until": "2035-06-01",
    }


def test_a_long_term_back_says_so():
    lines = [line("签发机关", 200, 440), line("上海市公安局徐汇分局", 360, 436), line("有效期限", 200, 520)]
    lines.append(line("2020.01.02-长期", 360, 516))
    assert values(recognise(reading(*lines)))["valid_until"] == "long_term"
