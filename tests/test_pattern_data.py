"""Integrity of the lexicons in patterns/ (in the manner of dateparser's data tests).

The lexicons are hand-edited data. These tests catch what hand editing breaks:
a line that is not JSON, a missing id, a label that belongs to another file, a
duplicate that differs only in case or tone-mark placement ("hoà"/"hòa",
"Uỷ"/"Ủy"), stray spaces, text that is not NFC, and an entry from the brief
that went missing.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import regex

PATTERN_DIR = Path(__file__).resolve().parents[1] / "patterns"

# Labels each pattern file may use, and the prefix of the ids under each label.
FILE_LABELS = {
    "titles.jsonl": {"TITLE_HEAD", "TITLE_MOD", "MEMBERSHIP", "RANK", "ACADEMIC"},
    "organisations.jsonl": {"ORG", "ORG_HEAD"},
    "places.jsonl": {"ADMIN", "PLACE"},
    "honorifics.jsonl": {"HONORIFIC"},
}
ID_PREFIX = {
    "TITLE_HEAD": "title.head.",
    "TITLE_MOD": "title.mod.",
    "MEMBERSHIP": "membership.",
    "RANK": "rank.",
    "ACADEMIC": "academic.",
    "ORG": "org.",
    "ORG_HEAD": "org.head.",
    "ADMIN": "place.admin.",
    "PLACE": "place.",
    "HONORIFIC": "honorific.",
}
REQUIRED_KEYS = {"label", "pattern", "id"}
OPTIONAL_KEYS = {"case", "comment"}  # case: see extractor/patterns.py; comment: for the editor
CASE_VALUES = {"exact", "any"}
ID_RE = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")

# The same text under two labels in different files, on purpose.
CROSS_FILE_ALLOWED = {
    "anh": "England/UK in places.jsonl (place.country.ambiguous); honorific 'anh' in honorifics.jsonl",
}

# The lexicon files checked here. Other pattern files (dates, triggers, targets,
# awards...) have their own schema and tests; add a file here to hold it to these rules.
JSONL_FILES = sorted(FILE_LABELS)
TXT_FILES = ["surnames.txt"]

# --------------------------------------------------------------------------
# Folding: case and tone-mark placement, never the marks themselves.
# --------------------------------------------------------------------------
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_END = r"(?![\w\u0300-\u036f])"  # end of the syllable
# Syllable-final oa/oe/uy (not the u of "qu"): traditional puts the tone on the
# first vowel ("hòa", "ủy"), the new style on the second ("hoà", "uỷ").
_TRADITIONAL = re.compile(r"(?<![qQ])([oOuU])([" + _TONES + r"])([aAeEyY])" + _END)
_NEW_STYLE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])" + _END)


def fold_tone_placement(text: str) -> str:
    """Write every syllable-final oa/oe/uy in the new style, keep all marks.

    >>> fold_tone_placement("Khánh Hòa") == fold_tone_placement("Khánh Hoà")
    True
    >>> fold_tone_placement("Hùng") == fold_tone_placement("Hưng")
    False
    """
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TRADITIONAL.sub(r"\1\3\2", nfd))


def fold_key(text: str) -> str:
    """The key under which two patterns count as the same: NFC, casefold, tone placement."""
    return fold_tone_placement(unicodedata.normalize("NFC", text).casefold())


def tone_styles(text: str) -> set[str]:
    """Which tone-placement styles a text uses ('traditional', 'new')."""
    nfd = unicodedata.normalize("NFD", text)
    styles = set()
    if _TRADITIONAL.search(nfd):
        styles.add("traditional")
    if _NEW_STYLE.search(nfd):
        styles.add("new")
    return styles


@pytest.mark.parametrize(
    "one, other, same",
    [
        ("hoà", "hòa", True),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân", True),
        ("Thanh Hoá", "Thanh Hóa", True),
        ("khoẻ", "khỏe", True),
        ("TRƯỞNG BAN", "Trưởng ban", True),
        ("quý", "quý", True),
        ("Hùng", "Hưng", False),  # different words: marks are never stripped
        ("năm", "nằm", False),
        ("Hoàn", "Hoan", False),
        ("Thuận", "Thuần", False),
    ],
)
def test_fold_key(one, other, same):
    # given two spellings, when folded, then they meet exactly when they are one word
    assert (fold_key(one) == fold_key(other)) is same, (one, other)


# --------------------------------------------------------------------------
# Reading the files
# --------------------------------------------------------------------------
def read_jsonl(name: str) -> list[tuple[int, str, dict]]:
    rows = []
    text = (PATTERN_DIR / name).read_text(encoding="utf-8")
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw == "" and number == text.count("\n") + 1:
            continue  # after the final newline
        try:
            row = json.loads(raw)
        except ValueError as exc:
            raise AssertionError(f"{name}:{number}: not valid JSON ({exc}): {raw!r}") from None
        rows.append((number, raw, row))
    return rows


def read_txt(name: str) -> list[tuple[int, str]]:
    entries = []
    for number, raw in enumerate((PATTERN_DIR / name).read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip() == "" or raw.lstrip().startswith("#"):
            continue
        entries.append((number, raw))
    return entries


def entries(name: str) -> list[tuple[int, str]]:
    """(line number, pattern) of any pattern file."""
    if name.endswith(".jsonl"):
        return [(n, row["pattern"]) for n, _, row in read_jsonl(name)]
    return read_txt(name)


def patterns_by_label() -> dict[str, list[dict]]:
    by_label = defaultdict(list)
    for name in FILE_LABELS:
        for _, _, row in read_jsonl(name):
            by_label[row["label"]].append(row)
    return by_label


def check_phrase(where: str, text: str) -> None:
    assert text, f"{where}: empty pattern"
    assert text == text.strip(), f"{where}: leading or trailing space in {text!r}"
    assert "  " not in text and not re.search(r"[\t\r\n\u00a0\u200b]", text), (
        f"{where}: tab, newline, double or odd space in {text!r}"
    )
    assert unicodedata.is_normalized("NFC", text), f"{where}: not NFC: {text!r}"


# --------------------------------------------------------------------------
# Every file
# --------------------------------------------------------------------------
def test_expected_files_exist():
    for name in list(FILE_LABELS) + ["surnames.txt"]:
        assert (PATTERN_DIR / name).is_file(), f"patterns/{name} is missing"


@pytest.mark.parametrize("name", JSONL_FILES)
def test_jsonl_lines_are_pattern_objects(name):
    rows = read_jsonl(name)
    assert rows, f"{name}: no patterns"
    for number, raw, row in rows:
        where = f"{name}:{number}"
        assert isinstance(row, dict), f"{where}: not a JSON object: {raw!r}"
        missing = REQUIRED_KEYS - row.keys()
        assert not missing, f"{where}: missing {sorted(missing)}"
        extra = row.keys() - REQUIRED_KEYS - OPTIONAL_KEYS
        assert not extra, f"{where}: unknown keys {sorted(extra)}"
        for key in row:
            assert isinstance(row[key], str), f"{where}: {key} must be a string"
        check_phrase(where, row["pattern"])
        assert row.get("case", "any") in CASE_VALUES, f"{where}: case must be one of {sorted(CASE_VALUES)}"
        assert ID_RE.match(row["id"]), f"{where}: id {row['id']!r} is not dotted lowercase"
        assert "\\u" not in raw, f"{where}: write with ensure_ascii=False so the line stays readable"


@pytest.mark.parametrize("name", TXT_FILES)
def test_txt_entries_are_clean(name):
    rows = read_txt(name)
    assert rows, f"{name}: no entries"
    for number, text in rows:
        check_phrase(f"{name}:{number}", text)
        assert "#" not in text, f"{name}:{number}: comments go on their own line"


@pytest.mark.parametrize("name", JSONL_FILES + TXT_FILES)
def test_no_duplicates_within_a_file(name):
    seen: dict[str, tuple[int, str]] = {}
    for number, text in entries(name):
        key = fold_key(text)
        assert key not in seen, (
            f"{name}:{number}: {text!r} duplicates line {seen[key][0]} {seen[key][1]!r}"
            " (same after NFC, casefold and tone-placement folding)"
        )
        seen[key] = (number, text)


@pytest.mark.parametrize("name", JSONL_FILES + TXT_FILES)
def test_one_tone_placement_per_file(name):
    styles = Counter()
    examples = {}
    for number, text in entries(name):
        for style in tone_styles(text):
            styles[style] += 1
            examples.setdefault(style, f"line {number}: {text!r}")
    assert len(styles) <= 1, f"{name} mixes tone placements: {examples}"


# --------------------------------------------------------------------------
# The four label files
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(FILE_LABELS))
def test_labels_belong_to_the_file(name):
    for number, _, row in read_jsonl(name):
        assert row["label"] in FILE_LABELS[name], (
            f"{name}:{number}: label {row['label']!r} not in {sorted(FILE_LABELS[name])}"
        )


@pytest.mark.parametrize("name", sorted(FILE_LABELS))
def test_ids_name_the_family_of_the_label(name):
    for number, _, row in read_jsonl(name):
        label, pid = row["label"], row["id"]
        assert pid.startswith(ID_PREFIX[label]), f"{name}:{number}: id {pid!r} for {label}"
        if label == "ORG":
            assert not pid.startswith(ID_PREFIX["ORG_HEAD"]), f"{name}:{number}"
        if label == "PLACE":
            assert not pid.startswith(ID_PREFIX["ADMIN"]), f"{name}:{number}"


def test_no_duplicates_across_label_files():
    owners = defaultdict(list)
    for name in sorted(FILE_LABELS):
        for number, _, row in read_jsonl(name):
            owners[fold_key(row["pattern"])].append(f"{name}:{number} {row['label']}")
    clashes = {
        key: where
        for key, where in owners.items()
        if len({w.split(":")[0] for w in where}) > 1 and key not in CROSS_FILE_ALLOWED
    }
    assert not clashes, f"same pattern in several files: {clashes}"
    for key in CROSS_FILE_ALLOWED:
        assert len(owners.get(key, [])) > 1, f"stale CROSS_FILE_ALLOWED entry {key!r}"


def test_each_label_is_large_enough():
    by_label = patterns_by_label()
    minimum = {
        "TITLE_HEAD": 100, "TITLE_MOD": 4, "MEMBERSHIP": 30, "RANK": 21, "ACADEMIC": 30,
        "ORG": 300, "ORG_HEAD": 50, "ADMIN": 20, "PLACE": 300, "HONORIFIC": 20,
    }
    for label, count in minimum.items():
        assert len(by_label[label]) >= count, f"{label}: {len(by_label[label])} < {count}"
    countries = [r for r in by_label["PLACE"] if r["id"].startswith("place.country")]
    assert len(countries) >= 120
    assert len(read_txt("surnames.txt")) >= 150


# --------------------------------------------------------------------------
# Entries that must be there (given the label, expect the phrase)
# --------------------------------------------------------------------------
PROVINCES_2025 = [  # the 34 province-level units from 1 July 2025
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP Hồ Chí Minh", "Cần Thơ",
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]
PROVINCES_BEFORE_2025 = [  # the other 30 of the 63 (Thừa Thiên Huế became Huế)
    "Hà Giang", "Yên Bái", "Bắc Kạn", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Thái Bình",
    "Hải Dương", "Hà Nam", "Nam Định", "Quảng Bình", "Thừa Thiên Huế", "Quảng Nam", "Kon Tum",
    "Bình Định", "Ninh Thuận", "Đắk Nông", "Bình Thuận", "Phú Yên", "Bình Dương",
    "Bà Rịa - Vũng Tàu", "Bình Phước", "Long An", "Sóc Trăng", "Hậu Giang", "Bến Tre",
    "Trà Vinh", "Tiền Giang", "Bạc Liêu", "Kiên Giang",
]
MUST_HAVE = {
    "TITLE_HEAD": [
        "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Giám đốc", "Tổng Giám đốc",
        "Bộ trưởng", "Thứ trưởng", "Thủ tướng", "Phó Thủ tướng", "Tổng Bí thư", "Chủ nhiệm",
        "Trưởng ban", "Trưởng phòng", "Chánh Văn phòng", "Chánh án", "Viện trưởng",
        "Cục trưởng", "Vụ trưởng", "Tổng cục trưởng", "Chánh Thanh tra", "Tổng Thanh tra",
        "Tư lệnh", "Chính ủy", "Chỉ huy trưởng", "Hiệu trưởng", "Trưởng Công an",
        "Giám đốc Công an", "Tổng Thư ký", "Tổng Biên tập", "Đại sứ", "Tham tán Công sứ",
        "Tổng Lãnh sự", "Trụ trì", "Chủ tịch nước", "Tỉnh trưởng", "Tổng thống", "Trưởng thôn",
        "Trưởng ấp", "Bí thư Chi bộ", "Người phát ngôn", "Chuyên viên", "Kế toán trưởng",
        "Đội trưởng", "Tổ trưởng", "Thuyền trưởng", "Trưởng Công an xã",
        "Chủ nhiệm Ủy ban Kiểm tra", "PCT", "CT", "PBT", "BT", "GĐ", "PGĐ", "TGĐ",
    ],
    "TITLE_MOD": ["Phó", "Nguyên", "Quyền", "Thường trực", "QNCN"],
    "MEMBERSHIP": [
        "Ủy viên Bộ Chính trị", "Ủy viên Trung ương Đảng", "Ủy viên Ban Chấp hành Trung ương Đảng",
        "Bí thư Trung ương Đảng", "Ủy viên Ban Thường vụ Tỉnh ủy", "Ủy viên BTV Tỉnh ủy",
        "UVBTV", "UVTV", "TUV", "HUV", "Tỉnh ủy viên", "Huyện ủy viên", "Thành ủy viên",
        "Đảng ủy viên", "Ủy viên UBND tỉnh", "Đại biểu Quốc hội", "Đại biểu HĐND tỉnh", "ĐBQH",
        "Ủy viên Ủy ban Thường vụ Quốc hội",
    ],
    "RANK": [
        "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá",
        "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Thượng sĩ",
        "Trung sĩ", "Hạ sĩ", "Binh nhất", "Binh nhì", "Chuẩn úy", "Đô đốc", "Phó Đô đốc",
        "Chuẩn Đô đốc",
    ],
    "ACADEMIC": [
        "Giáo sư", "Phó Giáo sư", "GS", "PGS", "TS", "ThS", "Tiến sĩ", "Thạc sĩ", "GS.TS",
        "PGS.TS", "TS.BS", "BS", "BSCKII", "Bác sĩ", "Nhà giáo Nhân dân", "Nhà giáo Ưu tú",
        "NGƯT", "NSND", "NSƯT", "Nghệ sĩ Nhân dân", "Thầy thuốc Nhân dân", "Anh hùng Lao động",
        "Anh hùng Lực lượng vũ trang nhân dân", "Luật sư", "Kỹ sư", "Nhà báo",
    ],
    "ORG": [
        "Quốc hội", "Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Văn phòng Chính phủ",
        "Văn phòng Quốc hội", "Văn phòng Chủ tịch nước", "Ủy ban Thường vụ Quốc hội",
        "Mặt trận Tổ quốc Việt Nam", "Ủy ban Trung ương MTTQ Việt Nam",
        "Tổng Liên đoàn Lao động Việt Nam", "Hội Liên hiệp Phụ nữ Việt Nam", "Hội Nông dân Việt Nam",
        "Hội Cựu chiến binh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Tòa án nhân dân tối cao",
        "Viện kiểm sát nhân dân tối cao", "Kiểm toán Nhà nước", "Thanh tra Chính phủ",
        "Ngân hàng Nhà nước", "TTXVN", "VTV", "VOV", "Hội Nhà báo Việt Nam",
        "Phòng Thương mại và Công nghiệp Việt Nam", "VCCI", "Ban Tổ chức Trung ương",
        "Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương", "Ban Kinh tế Trung ương",
        "Ban Nội chính Trung ương", "Ủy ban Kiểm tra Trung ương", "Quân ủy Trung ương",
        "Tổng cục Chính trị", "Bộ Tổng Tham mưu",
        "Bộ Lao động - Thương binh và Xã hội", "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ Tài nguyên và Môi trường", "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Thông tin và Truyền thông", "Bộ Kế hoạch và Đầu tư", "Bộ Khoa học và Công nghệ",
        "Bộ Giao thông vận tải", "Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo",
        "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính",
        "Bộ Công Thương", "Bộ Xây dựng", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
        "Bộ NN&PTNT", "Bộ LĐTBXH", "Bộ LĐ-TB&XH", "Bộ TN&MT", "Bộ VHTTDL", "Bộ TT&TT",
        "Bộ KH&ĐT", "Bộ KH&CN", "Bộ GTVT", "Bộ GD&ĐT", "Bộ GDĐT",
        "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "Sở Y tế", "Sở Tư pháp",
        "Sở Nội vụ", "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "HĐND&UBND",
        "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Quận ủy", "Đảng ủy",
        "Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", "Thường trực HĐND", "Ủy ban MTTQ", "UBMTTQ",
        "UBMTTQVN", "MTTQ", "Hội LHPN", "Hội CCB", "Hội ND", "HND", "Huyện đoàn", "Tỉnh đoàn",
        "LĐLĐ", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Quân sự huyện",
        "Trung tâm Y tế", "Trung tâm VHTT&TT",
        "Văn phòng HĐND và UBND", "Văn phòng UBND", "Ban Pháp chế HĐND",
        "Ban Kinh tế - Ngân sách HĐND", "Ban Văn hóa - Xã hội HĐND", "Ban Dân tộc HĐND",
        "Ủy ban Kiểm tra Huyện ủy", "Ban Tổ chức Huyện ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận",
        "Hội đồng Thi đua - Khen thưởng", "Hội đồng TĐKT", "Ban Thi đua - Khen thưởng Trung ương",
        "Đoàn ĐBQH", "Đoàn Đại biểu Quốc hội",
    ],
    "ORG_HEAD": [
        "Bộ", "Sở", "Ban", "Ủy ban", "Hội", "Hội đồng", "Cục", "Tổng cục", "Vụ", "Viện",
        "Trung tâm", "Phòng", "Chi cục", "Văn phòng", "Công ty", "Tổng công ty", "Tập đoàn",
        "Ngân hàng", "Trường", "Đại học", "Học viện", "Bệnh viện", "Báo", "Tạp chí", "Đài",
        "Liên minh", "Liên đoàn", "Hiệp hội", "Liên hiệp", "Câu lạc bộ", "Quỹ", "Quân khu",
        "Quân đoàn", "Sư đoàn", "Binh đoàn", "Bộ Tư lệnh", "Bộ đội Biên phòng", "Công an",
        "Viện kiểm sát", "Tòa án", "Chi bộ", "Đảng bộ", "Đoàn", "Hội đồng quản trị", "HĐQT",
        "HĐTV", "Ban Quản lý", "Ban Chỉ đạo", "BCĐ", "Tổ công tác", "Đại sứ quán",
        "Tổng Lãnh sự quán", "Giáo hội",
    ],
    "ADMIN": [
        "tỉnh", "thành phố", "TP", "TP.", "huyện", "quận", "thị xã", "TX", "thị trấn", "TT",
        "xã", "phường", "ấp", "thôn", "bản", "làng", "khu phố", "tổ dân phố", "đặc khu",
        "khu vực", "vùng", "miền",
    ],
    "PLACE": PROVINCES_2025 + PROVINCES_BEFORE_2025 + [
        "TP.HCM", "TPHCM", "Hồ Chí Minh", "Thừa Thiên - Huế", "Tây Nguyên",
        "Đồng bằng sông Cửu Long", "Tây Bắc", "Nam Bộ", "Lào", "Campuchia", "Trung Quốc",
        "Nhật Bản", "Hàn Quốc", "Hoa Kỳ", "Mỹ", "Nga", "Liên bang Nga", "Pháp", "Đức", "Anh",
        "Ấn Độ", "Úc", "Ô-xtrây-li-a", "New Zealand", "Malaysia", "Ma-lai-xi-a", "Singapore",
        "Xin-ga-po", "Thái Lan", "In-đô-nê-xi-a", "Indonesia", "Philippines", "Phi-líp-pin",
        "Myanmar", "Mi-an-ma", "Cuba", "Cu-ba", "Fiji", "Syria", "Xy-ri", "Triều Tiên",
        "CHDCND Lào", "CHND Trung Hoa", "Cộng hòa Séc", "Vientiane", "Viêng Chăn", "Bắc Kinh",
        "Mát-xcơ-va", "Oa-sinh-tơn", "Washington",
    ],
    "HONORIFIC": [
        "đồng chí", "đ/c", "đ.c", "ông", "bà", "anh", "chị", "thầy", "ngài", "Hòa thượng",
        "Thượng tọa", "Đại đức", "Ni sư", "Linh mục", "Mục sư", "Giám mục", "các đồng chí",
        "các ông", "các bà", "các vị",
    ],
}
MUST_HAVE_CASES = [(label, phrase) for label, phrases in MUST_HAVE.items() for phrase in phrases]


@pytest.fixture(scope="module")
def label_keys() -> dict[str, set[str]]:
    return {label: {fold_key(r["pattern"]) for r in rows} for label, rows in patterns_by_label().items()}


@pytest.mark.parametrize("label, phrase", MUST_HAVE_CASES, ids=[f"{l}:{p}" for l, p in MUST_HAVE_CASES])
def test_must_have_entry(label_keys, label, phrase):
    assert fold_key(phrase) in label_keys.get(label, set()), f"{phrase!r} missing under {label}"


@pytest.mark.parametrize(
    "surname",
    ["Nguyễn", "Trần", "Lê", "Huỳnh", "Đỗ", "Lý", "Triệu", "Quách", "Lò", "Tòng", "Cầm", "Khổng",
     "Âu", "Ông", "Nông", "Lục", "Y", "Ksor", "Rơ Mah", "H'", "Nay", "Siu", "Rah Lan", "Điểu",
     "Thạch", "Danh", "Kim", "Sơn", "Tập", "Vương"],
)
def test_must_have_surname(surname):
    assert fold_key(surname) in {fold_key(text) for _, text in read_txt("surnames.txt")}


def test_meeting_roles_are_not_titles(label_keys):
    # "Trưởng đoàn" and "Thư ký" alone are roles held for one meeting (ANNOTATION.md)
    for role in ["Trưởng đoàn", "Thư ký", "Phóng viên"]:
        assert fold_key(role) not in label_keys["TITLE_HEAD"], role


# --------------------------------------------------------------------------- alternation as a prefix tree

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractor.pattern_files import alternation  # noqa: E402

_SYLLABLES = st.sampled_from(["tặng", "bằng", "khen", "giấy", "tập", "thể", "cá", "nhân", "và", "b", "bằ"])
_PHRASES = st.lists(st.lists(_SYLLABLES, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8)
_GLUE = ["Tặng", "khen", "và", " ", "  ", "\n", ", ", "x"]


def _flat(phrases) -> str:
    """The alternation as a flat list, longest phrase first: what the prefix tree must match like."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@given(_PHRASES, _PHRASES, st.data())
@settings(max_examples=300, deadline=None)
def test_an_alternation_matches_as_its_flat_list_does_inside_a_longer_expression(first, second, data):
    """Given lower-case phrases and any text, when they are alternated inside an expression that
    backtracks into them (two lists, a word after), then every match is the one the flat,
    longest-first list gives."""
    text = "".join(data.draw(st.lists(st.sampled_from(sorted(set(first + second)) + _GLUE), max_size=12)))

    def shape(a, b):
        return regex.compile(rf"(?i)(?<!\w)(?:{a})(?:\s*,?\s*(?:{b})){{0,2}}(?:\s+(?:và|x))?(?!\w)")

    new, old = shape(alternation(first), alternation(second)), shape(_flat(first), _flat(second))
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
