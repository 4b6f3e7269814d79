"""China's administrative divisions for the address pickers of step 3: province → city → district selects
and the street with its door number, composed into the one address string the services store.

The divisions come from python-stdnum's ``stdnum/cn/loc.dat`` (the county-level division codes that
``stdnum.cn.ric.get_birth_place`` reads), parsed once. A name there may carry its years (``[1983-2005]东山区``,
``[-2010]崇文区,[2011-]…``): only the last name counts, and a name whose years have ended is left out (an
abolished division). The four municipalities' "市辖区" and "县" levels become one city named as the province.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import stdnum
from django import forms
from django.forms.renderers import get_default_renderer
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

LOC_FILE = Path(stdnum.__file__).parent / "cn" / "loc.dat"
_YEARS = re.compile(r"^\[(\d*)-(\d*)\](.*)$")
# Prefecture-level placeholders: a municipality's districts and counties, or counties under the province.
_MUNICIPAL_LEVELS = ("市辖区", "县", "市")
_DIRECT_LEVEL = "直辖县级行政"


@dataclass
class Division:
    code: str  # six digits: 440000 province, 440100 city, 440106 district
    name: str
    children: list[Division] = field(default_factory=list)


def _current_name(raw: str) -> str | None:
    """The division's name today, or None when it was abolished (its last name's years have ended)."""
    last = raw.split(",")[-1].strip()
    years = _YEARS.match(last)
    if years is None:
        return last or None
    _start, end, name = years.groups()
    return None if end else name.strip() or None


@functools.cache
def divisions() -> tuple[Division, ...]:
    """Every current province with its cities and their districts, in code order."""
    provinces: list[Division] = []
    province: Division | None = None
    cities: dict[str, Division] = {}
    for line in LOC_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _space, rest = line.strip().partition(" ")
        raw = rest.partition("=")[2].strip().strip('"')
        if not line.startswith(" "):
            name = _current_name(raw)
            province = Division(code=f"{code}0000", name=name) if name else None
            if province is not None:
                provinces.append(province)
            cities = {}
            continue
        name = _current_name(raw)
        if province is None or name is None or code.endswith("0000"):
            continue
        prefecture, county = code[:2], code[2:]
        if county == "00":
            if name in _MUNICIPAL_LEVELS:  # a municipality: one city, named as the province
                city_code = f"{province.code[:2]}0100"
                if city_code not in cities:
                    cities[city_code] = Division(code=city_code, name=province.name)
                    province.children.append(cities[city_code])
                cities[f"{province.code[:2]}{prefecture}00"] = cities[city_code]
            else:
                city = Division(code=f"{province.code[:2]}{prefecture}00", name=name)
                cities[city.code] = city
                province.children.append(city)
        elif name != "市辖区":
            city = cities.get(f"{province.code[:2]}{prefecture}00")
            if city is not None:
                city.children.append(Division(code=f"{province.code[:2]}{code}", name=name))
    return tuple(provinces)


@functools.cache
def _by_code() -> dict[str, Division]:
    found: dict[str, Division] = {}
    for province in divisions():
        found[province.code] = province
        for city in province.children:
            found.setdefault(city.code, city)
            for district in city.children:
                found[district.code] = district
    return found


def children_of(code: str) -> list[Division]:
    division = _by_code().get(code or "")
    return list(division.children) if division else []


def _is_shown_in_address(city: Division, province: Division) -> bool:
    """A municipality's city repeats the province, a "directly administered" level is no place name."""
    return city.name != province.name and _DIRECT_LEVEL not in city.name


def compose_address(province: str, city: str, district: str, street: str) -> str:
    """The address string: the chosen divisions' names (each only if it belongs to the one before), then
    the street and door number as typed."""
    parts = []
    province_row = _by_code().get(province or "")
    if province_row is not None and province_row in divisions():
        parts.append(province_row.name)
        city_row = next((item for item in province_row.children if item.code == city), None)
        if city_row is not None:
            if _is_shown_in_address(city_row, province_row):
                parts.append(city_row.name)
            district_row = next((item for item in city_row.children if item.code == district), None)
            if district_row is not None:
                parts.append(district_row.name)
    return "".join(parts) + (street or "").strip()


def split_address(address: str) -> tuple[str, str, str, str]:
    """The codes of the divisions a stored address begins with, and the rest (the street): the inverse of
    ``compose_address`` for the addresses it wrote, and a best guess for others."""
    rest = address or ""
    province = city = district = ""
    for row in divisions():
        if rest.startswith(row.name):
            province, rest = row.code, rest[len(row.name) :]
            break
    if province:
        province_row = _by_code()[province]
        for row in province_row.children:
            shown = _is_shown_in_address(row, province_row)
            if not shown or rest.startswith(row.name):
                city = row.code
                rest = rest[len(row.name) :] if shown else rest
                # A directly administered level matches only when one of its districts comes next.
                direct = _DIRECT_LEVEL in row.name
                if direct and not any(rest.startswith(item.name) for item in row.children):
                    city = ""
                    continue
                break
    if city:
        for row in sorted(_by_code()[city].children, key=lambda item: -len(item.name)):
            if rest.startswith(row.name):
                district, rest = row.code, rest[len(row.name) :]
                break
    return province, city, district, rest


class AddressWidget(forms.MultiWidget):
    """Province, city and district selects and the street input; with JavaScript a choice reloads the next
    select (htmx, ``divisions_url``), without it the page's "show the cities" button does."""

    template_name = "filings/information/address_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None, divisions_url: str = "") -> None:
        self.divisions_url = divisions_url
        super().__init__([forms.Select(), forms.Select(), forms.Select(), forms.TextInput()], attrs)

    def decompress(self, value: Any) -> list[str]:
        return list(split_address(str(value or "")))

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        province, city, district, _street = [*value, "", "", "", ""][:4]
        cities = children_of(province)
        if city not in {item.code for item in cities}:
            city, district = "", ""
        districts = children_of(city)
        self.widgets[0].choices = [("", _("Province"))] + [(d.code, d.name) for d in divisions()]
        self.widgets[1].choices = [("", _("City"))] + [(d.code, d.name) for d in cities]
        self.widgets[2].choices = [("", _("District or county"))] + [(d.code, d.name) for d in districts]
        value = [province, city, district, _street]
        context = super().get_context(name, value, attrs)
        base_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        labels = [_("Province"), _("City"), _("District or county"), _("Street and door number")]
        for index, subwidget in enumerate(context["widget"]["subwidgets"]):
            # The street input takes the field's own id: the label and the error summary link point to it.
            subwidget["attrs"]["id"] = base_id if index == 3 else f"{base_id}_{index}"
            subwidget["label"] = labels[index]
            if index == 3:
                subwidget["attrs"]["class"] = f"{subwidget['attrs'].get('class', 'input')} input--wide"
                subwidget["attrs"]["autocomplete"] = "off"
            elif index < 2 and self.divisions_url:
                group = f"#{base_id}-group"
                subwidget["attrs"] |= {
                    "hx-get": self.divisions_url,
                    "hx-trigger": "change",
                    "hx-target": group,
                    "hx-swap": "outerHTML",
                    "hx-include": group,
                    "hx-vals": json.dumps({"field": name}),
                }
        context["widget"]["base_id"] = base_id
        return context

    def id_for_label(self, id_: str) -> str:
        return id_

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> str:
        """The wrapper is the project's template (the form renderer knows only Django's own); each select and
        the input are Django's widgets as usual."""
        context = self.get_context(name, value, attrs)
        widget_renderer = renderer or get_default_renderer()
        for subwidget in context["widget"]["subwidgets"]:
            subwidget["html"] = mark_safe(
                widget_renderer.render(subwidget["template_name"], {"widget": subwidget})
            )
        return mark_safe(render_to_string(self.template_name, context))


class AddressField(forms.MultiValueField):
    """The four parts, composed into the address string; every rule on it stays with the services."""

    def __init__(self, **kwargs: Any) -> None:
        widget = AddressWidget()
        fields = tuple(forms.CharField(required=False, max_length=256) for _index in range(4))
        super().__init__(fields, widget=widget, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list: list[str]) -> str:
        if not data_list:
            return ""
        return compose_address(*[*data_list, "", "", "", ""][:4])
