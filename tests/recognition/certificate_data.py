"""The random but valid values printed on the generated certificates: names, divisions, addresses, numbers."""

from __future__ import annotations

import datetime
import random

from stdnum.cn import ric, uscc

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文红玉兰云峰海燕晨宇浩然欣怡子涵梓轩雨桐思远嘉"
TRADE_NAMES = "星河云帆启明远航蓝海智联恒信博达华创鼎盛长青天成瑞丰宏图鑫源新锐卓越锦程腾飞润泽"
INDUSTRIES = ["科技", "信息技术", "网络科技", "文化传媒", "软件开发", "电子商务", "数据服务", "教育科技"]
ENTITY_TYPES = ["有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)", "股份有限公司(非上市)"]
# County-level divisions (code, province, city, district) that exist in GB/T 2260 today.
DIVISIONS = [
    ("110101", "北京市", "", "东城区"),
    ("110105", "北京市", "", "朝阳区"),
    ("110108", "北京市", "", "海淀区"),
    ("310104", "上海市", "", "徐汇区"),
    ("310115", "上海市", "", "浦东新区"),
    ("440305", "广东省", "深圳市", "南山区"),
    ("440106", "广东省", "广州市", "天河区"),
    ("330106", "浙江省", "杭州市", "西湖区"),
    ("320102", "江苏省", "南京市", "玄武区"),
    ("510104", "四川省", "成都市", "锦江区"),
    ("420106", "湖北省", "武汉市", "武昌区"),
    ("610113", "陕西省", "西安市", "雁塔区"),
]
ROADS = [
    "中关村大街",
    "建国路",
    "人民路",
    "解放路",
    "科技园南路",
    "文三路",
    "长江路",
    "天府大道",
    "珞喻路",
    "高新路",
]
SCOPES = [
    "技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；",
    "数据处理和存储支持服务；互联网数据服务；计算机系统服务；广告设计、代理；",
    "组织文化艺术交流活动；会议及展览服务；销售电子产品、计算机软硬件及辅助设备。",
    "(市场主体依法自主选择经营项目，开展经营活动；依法须经批准的项目，经相关部门批准后方可开展经营活动。)",
]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def address(rng: random.Random, division: tuple[str, str, str, str]) -> str:
    _, province, city, district = division
    street = f"{rng.choice(ROADS)}{rng.randint(1, 300)}号"
    extra = rng.choice(["", f"{rng.randint(1, 30)}层{rng.randint(1, 20):02d}室", f"{rng.randint(1, 12)}号楼"])
    return f"{province}{city}{district}{street}{extra}"


def credit_code(rng: random.Random, division: str) -> str:
    body = "91" + division + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def resident_id(rng: random.Random, division: str, birth: datetime.date, sex: str) -> str:
    sequence = rng.randint(0, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if sex == "male" else [0, 2, 4, 6, 8])
    body = f"{division}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def random_date(rng: random.Random, start: int, end: int) -> datetime.date:
    return datetime.date(start, 1, 1) + datetime.timedelta(days=rng.randint(0, (end - start) * 365))
