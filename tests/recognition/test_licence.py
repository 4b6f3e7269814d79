"""The business licence and organisation certificate parsers, on synthetic OCR lines."""

from __future__ import annotations

from stdnum.cn import uscc

from entities.recognition import CertificateKind, recognise
from tests.recognition.readings import line, reading

CODE = "91440300MA5F12345" + uscc.calc_check_digit("91440300MA5F12345")


def licence_lines(*, code: str = CODE, tilt: float = 0.0, confidence: float = 0.98):
    """A 2019 licence: code top left, two columns of labels and values, the address wrapped."""

    def at(text: str, x: float, y: float) -> object:
        return line(text, x, y, tilt=tilt, confidence=confidence)

    return [
        at("营业执照", 650, 60),
        at("统一社会信用代码", 80, 120),
        at(code, 80, 165),
        at("名称", 100, 300),
        at("深圳星河网络科技有限公司", 330, 300),
        at("注册资本", 900, 300),
        at("壹佰万元整", 1100, 300),
        at("类型", 100, 380),
        at("有限责任公司(自然人投资或控股)", 330, 380),
        at("成立日期", 900, 380),
        at("2019年03月12日", 1100, 380),
        at("法定代表人", 100, 460),
        at("张伟", 330, 460),
        at("营业期限", 900, 460),
        at("2019年03月12日至2039年03月11日", 1100, 460),
        at("经营范围", 100, 540),
        at("技术开发、技术咨询；软件开发；", 330, 540),
        at("住所", 900, 540),
        at("广东省深圳市南山区科技", 1100, 540),
        at("园南路12号3层", 1100, 590),
        at("数据处理和存储支持服务；", 330, 590),
    ]


def values(recognition) -> dict[str, str]:
    return {name: proposal.value for name, proposal in recognition.fields.items()}


EXPECTED = {
    "credit_code": CODE,
    "name": "深圳星河网络科技有限公司",
    "entity_type": "有限责任公司(自然人投资或控股)",
    "legal_representative": "张伟",
    "address": "广东省深圳市南山区科技园南路12号3层",
    "established_on": "2019-03-12",
    "valid_until": "2039-03-11",
}


def test_every_field_of_a_licence_is_proposed():
    recognition = recognise(reading(*licence_lines()))
    assert recognition.kind is CertificateKind.BUSINESS_LICENCE
    assert recognition.recognised
    assert values(recognition) == EXPECTED
    assert all(0 < proposal.confidence <= 1 for proposal in recognition.fields.values())


def test_a_photo_left_slightly_tilted_reads_the_same():
    # The engine turns the boxes upright (gateways.rapidocr_engine.lines_of); what tilt remains is small.
    assert values(recognise(reading(*licence_lines(tilt=2.5)))) == EXPECTED  # about 1.4°


def test_a_label_split_in_pieces_and_a_value_merged_with_the_next_label_are_undone():
    lines = [
        item
        for item in licence_lines()
        if item.text not in ("名称", "类型", "有限责任公司(自然人投资或控股)")
    ]
    lines += [line("名", 100, 300), line("称", 190, 300), line("类型", 100, 380)]
    lines.append(line("有限责任公司(自然人投资或控股)成立日期", 330, 380))
    lines = [item for item in lines if item.text != "成立日期"]
    assert values(recognise(reading(*lines))) == EXPECTED


def test_a_long_term_licence_says_so():
    lines = [item for item in licence_lines() if not item.text.startswith("2019年03月12日至")]
    lines.append(line("2019年03月12日至长期", 1100, 460))
    assert values(recognise(reading(*lines)))["valid_until"] == "long_term"


def test_a_sole_proprietorship_licence_uses_its_own_labels():
    lines = [
        line("营业执照", 650, 60),
        line(CODE, 80, 165),
        line("名称", 100, 300),
        line("南山区星河科技工作室", 330, 300),
        line("组成形式", 100, 380),
        line("个人经营", 330, 380),
        line("注册日期", 900, 300),
        line("2020年5月6日", 1100, 300),
        line("经营者", 100, 460),
        line("李娜", 330, 460),
        line("经营场所", 900, 380),
        line("广东省深圳市南山区桃园路1号", 1100, 380),
    ]
    assert values(recognise(reading(*lines))) == {
        "credit_code": CODE,
        "name": "南山区星河科技工作室",
        "entity_type": "个人经营",
        "legal_representative": "李娜",
        "address": "广东省深圳市南山区桃园路1号",
        "established_on": "2020-05-06",
    }


def test_a_code_with_a_wrong_checksum_is_not_proposed_but_the_rest_is():
    wrong = CODE[:-1] + ("3" if CODE[-1] != "3" else "4")
    proposed = values(recognise(reading(*licence_lines(code=wrong))))
    assert "credit_code" not in proposed
    assert proposed["name"] == EXPECTED["name"]


def test_a_code_misread_with_look_alikes_is_corrected_and_less_sure():
    misread = CODE.replace("0", "O", 1).replace("1", "I", 1)
    recognition = recognise(reading(*licence_lines(code=misread)))
    assert recognition.fields["credit_code"].value == CODE
    assert recognition.fields["credit_code"].confidence < recognition.fields["name"].confidence


def test_lines_read_without_confidence_propose_nothing():
    recognition = recognise(reading(*licence_lines(confidence=0.4)))
    assert recognition.kind is CertificateKind.UNKNOWN
    assert not recognition.recognised


def test_an_organisation_certificate_proposes_its_name_and_number():
    code = "12440300" + "MB2C1234" + "5"
    code = code[:17] + uscc.calc_check_digit(code[:17])
    lines = [
        line("事业单位法人证书", 500, 80),
        line("统一社会信用代码", 150, 300),
        line(code, 500, 300),
        line("名", 150, 400),
        line("称", 330, 400),
        line("深圳市星河信息中心", 500, 400),
        line("住", 150, 480),
        line("所", 330, 480),
        line("广东省深圳市南山区科技园南路12号", 500, 480),
    ]
    recognition = recognise(reading(*lines))
    assert recognition.kind is CertificateKind.ORGANISATION_CERTIFICATE
    assert values(recognition) == {"number": code, "name": "深圳市星河信息中心"}
