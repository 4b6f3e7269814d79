"""The pages' refusal helpers: a bilingual rule message in the page's language, paths onto prefixed forms."""

from __future__ import annotations

from django import forms
from django.template import Context, Template
from django.utils import translation

from common.errors import ApplicationError
from common.forms import in_active_language, show_refusal


def test_a_bilingual_message_shows_the_pages_half_even_when_the_english_quotes_chinese():
    message = "通讯地址须写到门牌号 / Give the door number, such as 文三路90号"
    with translation.override("en"):
        assert in_active_language(message) == "Give the door number, such as 文三路90号"
    with translation.override("zh-hans"):
        assert in_active_language(message) == "通讯地址须写到门牌号"


def test_other_messages_are_left_whole():
    with translation.override("en"):
        assert in_active_language("a / b") == "a / b"
        assert in_active_language("只有中文") == "只有中文"
        assert in_active_language("中文 / 还是中文") == "中文 / 还是中文"


class HeadForm(forms.Form):
    mobile = forms.CharField(required=False)


class ChoiceForm(forms.Form):
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, required=False)


def test_each_path_lands_on_its_prefixed_form_and_the_rest_is_returned():
    head = HeadForm({"entity-head-mobile": "x"}, prefix="entity-head")
    assert head.is_valid()
    error = ApplicationError(
        "bad", fields={"entity.head.mobile": ["wrong mobile"], "websites.3.name": ["no such form"]}
    )
    unplaced = show_refusal(error, {"entity-head": head})
    assert head.errors["mobile"] == ["wrong mobile"]
    assert unplaced == ["no such form"]
    assert show_refusal(ApplicationError("whole filing"), {}) == ["whole filing"]


def test_the_error_summary_links_a_choice_group_to_its_first_option():
    form = ChoiceForm({}, prefix="websites-0")
    form.is_valid()
    form.add_error("kind", "Choose one")
    html = Template("{% load portal %}{% error_summary form %}").render(Context({"form": form}))
    assert 'href="#id_websites-0-kind_0"' in html
    rendered = Template("{% load portal %}{% field form.kind %}").render(Context({"form": form}))
    assert 'id="id_websites-0-kind_0"' in rendered


def test_an_english_half_may_begin_with_a_quoted_chinese_value():
    with translation.override("en"):
        assert in_active_language("“12345”不是有效的手机号码 / “12345” is not a valid mobile number.") == (
            "“12345” is not a valid mobile number."
        )
        assert in_active_language("缺少门牌号 / “文三路” has no door number") == "“文三路” has no door number"
