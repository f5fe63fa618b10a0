"""sphinx-design's stylesheet keeps the rules of the classes the pages use, and no others."""

from __future__ import annotations

from webrtc_sphinx.css_subset import subset

CSS = (
    ":root{--sd-color-primary:#0071bc}"
    ".sd-card{border:1px solid}"
    ".sd-tab-set>label{color:red}"
    ".sd-card,.sd-tab-content{margin:0}"
    "@media (min-width:576px){.sd-col-sm-6{flex:0}.sd-tab-set{display:flex}}"
    "@media print{.sd-card{display:none}}"
)


def test_rules_of_unused_classes_are_dropped_and_the_rest_kept() -> None:
    kept = subset(CSS, {"sd-tab-set", "sd-tab-content"})
    assert kept == (
        ":root{--sd-color-primary:#0071bc}"
        ".sd-tab-set>label{color:red}"
        ".sd-card,.sd-tab-content{margin:0}"
        "@media (min-width:576px){.sd-col-sm-6{flex:0}.sd-tab-set{display:flex}}"
    )


def test_nothing_used_keeps_only_the_rules_without_classes() -> None:
    assert subset(CSS, set()) == ":root{--sd-color-primary:#0071bc}"
