"""Agencies as graph nodes: which body a name or an issuer code means, in which jurisdiction.

Province-level entries of the gazetteer are templates ("Sở Y tế"); the node is the body of one
province ("Sở Y tế tỉnh Gia Lai", mid:agency/gia-lai/so-y-te).
"""

from __future__ import annotations

from dataclasses import dataclass

from mandates.reference import AgencyEntry, Reference
from mandates.textnorm import fold

# Issuer codes of document numbers whose body the code alone names.
_ISSUER_AGENCY = {
    "TW": ("vn", "ban-chap-hanh-trung-uong"),
    "CP": ("vn", "chinh-phu"),
    "TTg": ("vn", "thu-tuong-chinh-phu"),
    "QH": ("vn", "quoc-hoi"),
    "TU": (None, "tinh-uy"),
    "UBND": (None, "ubnd-tinh"),
    "HĐND": (None, "hdnd-tinh"),
}
# The Party Central codes "/TW" are shared by the Central Committee, the Politburo and the Secretariat.
_TW_BODIES = (("bộ chính trị", "bo-chinh-tri"), ("ban bí thư", "ban-bi-thu"))


@dataclass(frozen=True)
class AgencyRef:
    jurisdiction: str  # "vn" or a province key
    key: str


def issuer_agency(
    issuer_code: str | None, phrase: str | None, jurisdiction: str, ref: Reference
) -> AgencyRef | None:
    """The body that issued a document, from its number's issuer code and the text's wording."""
    if phrase:
        folded = fold(phrase)
        if issuer_code == "TW" or "trung ương" in folded:
            for word, key in _TW_BODIES:
                if word in folded:
                    return AgencyRef("vn", key)
    if issuer_code is None:
        return None
    code = "QH" if issuer_code.startswith("QH") else issuer_code
    if code in _ISSUER_AGENCY:
        place, key = _ISSUER_AGENCY[code]
        return AgencyRef(place or jurisdiction, key)
    row = ref.issuers.get(issuer_code)
    if row and row.get("agency_key") in ref.agencies:
        entry = ref.agencies[row["agency_key"]]
        return AgencyRef("vn" if entry.level == "central" else jurisdiction, entry.key)
    return None


def display_name(
    entry: AgencyEntry | None, key: str, jurisdiction: str, ref: Reference, seen: str | None = None
) -> str:
    """Official name with its place: "Sở Y tế tỉnh Gia Lai"; "Bộ Y tế" for a central body; for a body
    the gazetteer lacks, the name the text gives it ("Kho bạc Nhà nước tỉnh" → "… tỉnh Nghệ An")."""
    name = entry.name if entry else (seen or key.replace("-", " "))
    if jurisdiction == "vn" or (entry is not None and entry.level == "central"):
        return name
    if entry is None and not name.endswith(" tỉnh"):
        return name
    place = ref.jurisdictions.get(jurisdiction)
    place_name = place.name if place else jurisdiction
    if "{province}" in name:
        return name.replace("{province}", place_name)
    label = place.label if place else f"tỉnh {place_name}"
    # "Bảo hiểm xã hội tỉnh" + "tỉnh Gia Lai" is "Bảo hiểm xã hội tỉnh Gia Lai", not "… tỉnh tỉnh Gia Lai".
    base = name.removesuffix(" tỉnh")
    return f"{base} {label}"


def short_forms(entry: AgencyEntry | None, jurisdiction: str, ref: Reference) -> list[str]:
    if entry is None:
        return []
    place = ref.jurisdictions.get(jurisdiction)
    place_name = place.name if place else jurisdiction
    forms = [entry.name, *entry.aliases]
    return sorted({f.replace("{province}", place_name) for f in forms})
