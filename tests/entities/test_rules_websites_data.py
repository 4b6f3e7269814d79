"""The operators' data files of the website rules, and their replacement (``entities.rules.websites.data``)."""

from __future__ import annotations

from entities.rules.websites import (
    compile_name_form,
    load_individual_name_forms,
    load_pre_approval_regions,
    load_sensitive_words,
)


def test_data_files():
    assert {"反腐", "赌博", "廉政", "色情"} <= load_sensitive_words()
    assert load_individual_name_forms()["CN-JS"] == ("某某的个人博客", "某某的个人主页")
    assert load_pre_approval_regions()["education"] == frozenset({"CN-ZJ", "CN-QH", "CN-XZ"})
    assert load_pre_approval_regions()["health_care"] == frozenset({"CN-HE", "CN-XZ"})
    assert compile_name_form("某某的个人博客").fullmatch("李四的个人博客")
    assert not compile_name_form("某某的个人博客").fullmatch("Li的个人博客")


def test_data_files_can_be_replaced(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# comment\n\n 彩票 \n赌场 # inline comment\n", encoding="utf-8")
    assert load_sensitive_words(words) == frozenset({"彩票", "赌场"})
    forms = tmp_path / "forms.csv"
    forms.write_text("region_code,pattern\nCN-BJ,某某的随笔\n,\n", encoding="utf-8")
    assert load_individual_name_forms(forms) == {"CN-BJ": ("某某的随笔",)}
