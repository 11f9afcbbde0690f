"""ESF+ common indicators (Regulation (EU) 2021/1057, Annex I) beside ours where a figure or a
breakdown line means the same (docs/indicators.md, "Codes the funder's systems use").

Only the names: the monitoring codes of these indicators could not be confirmed from the
regulation's text or the Commission's published guidance available to the team, and a code
that cannot be confirmed is left out, never guessed. The Interreg codes (RCO81, RCO85, RCO87,
RCR81) are our own codes already.
"""

from django.utils.translation import gettext_lazy as _

# (our code, breakdown line or "" for the figure) → the ESF+ common indicator's name.
ESF_NAMES = {
    ("P-LMS", "unemployed"): _("ESF+: unemployed, including long-term unemployed"),
    ("P-LMS", "long_term_unemployed"): _("ESF+: long-term unemployed"),
    ("P-LMS", "inactive"): _("ESF+: inactive"),
    ("P-AGE", "under_18"): _("ESF+: below 18 years of age"),
    ("P-ISCED", "isced_0_2"): _("ESF+: with lower secondary education or less (ISCED 0–2)"),
    ("P-ISCED", "isced_3_4"): _(
        "ESF+: with upper secondary (ISCED 3) or post-secondary education (ISCED 4)"
    ),
    ("P-ISCED", "isced_5_8"): _("ESF+: with tertiary education (ISCED 5–8)"),
    ("R-EDU-LEAVE", ""): _("ESF+: participants in education or training upon leaving"),
    ("R-EMP-LEAVE", ""): _(
        "ESF+: participants in employment, including self-employment, upon leaving"
    ),
    ("R-EMP-6M", ""): _(
        "ESF+: participants in employment, including self-employment, six months after leaving"
    ),
}


def esf_name(code: str, line: str = "") -> str:
    name = ESF_NAMES.get((code, line))
    return str(name) if name else ""
