"""Regenerate the DX plan datasets from the text of 「鹿沼市DX推進計画」(令和6年2月策定).

Long texts (現状・課題・方針, the basic policies, the glossary) are parsed from the plan's text
so that they are taken over word for word; the KPI and project tables are transcribed below
cell by cell, in the plan's order. Corrections of obvious typos are listed in CORRECTIONS and
stated in each dataset's description.

    python scripts/extract_dx_plan.py [PLAN_TEXT] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from portal.publishing.formats import write_records

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dx_plan_english import KPIS_EN, MEASURES_EN, POLICIES_EN, PROJECTS_EN  # noqa: E402

DEFAULT_PLAN = Path(__file__).resolve().parents[1] / "sources/kanuma-dx-plan-2024.txt"
FISCAL_YEARS = (2023, 2024, 2025, 2026)  # 令和5年度 … 令和8年度
CORRECTIONS = {
    "デジタルデバйд": "デジタルデバイド",  # Cyrillic letters in the source text
}

POLICIES = {1: "市民サービスの利便性向上", 2: "効率的な行政運営", 3: "活力ある地域づくり"}

# (KPI番号 = 施策番号, 指標名, 単位, targets R5..R8; None where the plan has "-" or "—")
KPIS = (
    ("1-1", "オンライン申請ができる手続数", "件", (30, 50, 70, 90)),
    ("1-2", "住民票等のコンビニ交付率", "%", (15, 17, 19, 21)),
    ("1-3", "キャッシュレス決済の利用率", "%", (None, 10, 15, 20)),
    ("2-1", "移行完了システム数", "業務", (0, 0, 19, None)),
    ("2-2", "セキュリティ研修の受講者数", "人", (300, 900, 900, 900)),
    ("2-3", "RPA及びAI-OCRの新規導入業務数", "業務", (5, 5, 5, 5)),
    ("2-4", "実施可能な環境にある職員の割合", "%", (10, 10, 20, 30)),
    ("2-5", "DXに係る研修の受講者数", "人", (300, 900, 900, 900)),
    ("2-6", "会議等における紙の削減枚数", "枚", (4000, 48000, 96000, 144000)),
    ("3-1", "公衆Wi-Fiの利用者数", "人/月", (None, 1000, 1100, 1200)),
    ("3-2", "オープンデータの公開件数", "件", (200, 220, 240, 260)),
    ("3-3", "タブレットを毎日利用する教職員、児童生徒の割合", "%", (50, 60, 70, 80)),
    ("3-4", "市内事業者のDX推進のための補助金の交付件数", "件", (None, 100, 50, 50)),
)

CONTINUES = "→"
# (事業名, 重点事業番号 or None, 担当課, schedule: list of (系統 or "", {年度index: 取組内容}))
# 担当課 as written in the plan ("関係各課" kept); "" where the plan's table names none.
PROJECTS: dict[str, list[tuple[str, int | None, list[str], list[tuple[str, dict[int, str]]]]]] = {
    "1-1": [
        ("行政手続のオンライン申請システムの導入", 1, ["行政経営課", "デジタル政策課", "関係各課"],
         [("", {0: "新オンライン申請システムの検討", 1: "新オンライン申請システムの導入",
                2: "オンライン申請システムの拡充"})]),
        ("総合窓口システムの導入", None, ["行政経営課", "市民課", "関係各課"],
         [("", {0: "システムの運用開始", 1: "システムの安定的運用"})]),
        ("斎場予約システムの導入", None, ["市民課"],
         [("", {1: "入札、システムの構築 システムの運用"})]),
        ("チャットボットの導入", None, ["デジタル政策課", "行政経営課", "関係各課"],
         [("", {0: "活用に関する調査・研究", 1: "チャットボットの導入", 2: "対応分野の拡大"})]),
    ],
    "1-2": [
        ("マイナンバーカードの出張申請、個別訪問の実施", None, ["市民課"],
         [("", {0: "出張申請・個別訪問", 1: CONTINUES})]),
        ("住民票等のコンビニ交付の推進", None, ["市民課", "税務課"],
         [("", {0: "コンビニ交付周知・啓発", 1: CONTINUES})]),
    ],
    "1-3": [
        ("キャッシュレス化の推進", None, ["行政経営課", "会計課", "財政課", "関係各課"],
         [("", {0: "一部窓口での二次元コード決済の導入",
                1: "オンライン申請でのキャッシュレス決済の導入", 2: CONTINUES}),
          ("", {1: "窓口でのキャッシュレス決済の拡充", 2: CONTINUES})]),
    ],
    "2-1": [
        ("ガバメントクラウドへの移行", None, ["デジタル政策課"], [("", {2: "活用開始"})]),
        ("標準準拠システムへの移行", None, ["デジタル政策課", "関係各課"],
         [("", {0: "Fit&Gap分析 外字の同定", 1: "ガバメントクラウド移行の検討",
                2: "標準準拠システムの導入"})]),
    ],
    "2-2": [
        ("セキュリティ研修の実施", None, ["デジタル政策課"],
         [("", {0: "職員研修の実施", 1: CONTINUES})]),
        ("セキュリティポリシーの運用", None, ["デジタル政策課"],
         [("", {0: "情報セキュリティ監査 セキュリティポリシーの見直し", 1: CONTINUES})]),
    ],
    "2-3": [
        ("RPA及びAI-OCRの運用", None, ["デジタル政策課", "関係各課"],
         [("", {0: "業務募集～実装 既存フォロー", 1: CONTINUES})]),
        ("生成AIの活用", None, [],
         [("", {0: "生成AI活用・導入方法の検討 利用ルールの検討", 1: "文章生成AIの導入・利用",
                2: "文章生成AIの利用", 3: CONTINUES})]),
        ("AI音声認識システムの導入", None, ["総合政策課"],
         [("", {0: "導入及び活用", 1: "活用", 2: CONTINUES})]),
    ],
    "2-4": [
        ("テレワークの推進体制と利用環境の構築", None,
         ["人事課", "行政経営課", "デジタル政策課", "関係各課"],
         [("", {0: "制度の検討", 1: "制度の構築", 2: "制度の運用", 3: CONTINUES}),
          ("", {0: "実態把握や課題整理 (活用できる業務分析)", 1: CONTINUES}),
          ("", {0: "ポリシーの検討", 1: "ポリシーの策定", 2: "ポリシーの運用", 3: CONTINUES}),
          ("", {0: "環境整備", 1: CONTINUES})]),
    ],
    "2-5": [
        ("デジタル人材の確保", None, ["デジタル政策課", "人事課"],
         [("", {0: "県DX推進アドバイザーの活用", 1: "外部人材の登用"})]),
        ("デジタル人材の育成", 2, ["デジタル政策課", "人事課"],
         [("", {0: "職員研修の実施"}), ("", {1: "DX人材育成計画策定", 2: "DXリーダーの育成"})]),
    ],
    "2-6": [
        ("ペーパーレス化の推進", 3, ["デジタル政策課", "行政経営課"],
         [("", {0: "パソコンの更新", 1: "庁内ネットワーク無線化 (本庁・議会棟)"})]),
        ("ビジネスチャットの導入", None, ["デジタル政策課"],
         [("", {0: "試行・検証", 1: "運用"})]),
        ("電子決裁の導入", None, ["総合政策課", "行政経営課", "人事課", "会計課"],
         [("文書管理システム", {0: "導入検討", 1: "決裁区分の見直し検討",
                           2: "決裁区分の見直し システム、対象業務選定", 3: "稼働"}),
          ("就業管理システム", {0: "運用"}),
          ("公会計システム", {1: "試験運用", 2: "一部運用開始", 3: "運用開始"})]),
    ],
    "3-1": [
        ("公共施設の公衆Wi-Fi設置", 4, ["デジタル政策課", "行政経営課"],
         [("", {0: "公衆Wi-Fiに関する協議・予算要求", 1: "公衆Wi-Fiの設置 公衆Wi-Fiの運用"})]),
        ("スマホ教室の開催", None, ["デジタル政策課"],
         [("", {0: "各コミセン等における教室実施"})]),
    ],
    "3-2": [
        ("オープンデータの活用推進", None, ["デジタル政策課"],
         [("", {0: "迅速な公開と適切な更新", 1: CONTINUES})]),
    ],
    "3-3": [
        ("GIGAスクール及び校務DXの推進", None, ["学校教育課"],
         [("", {0: "ICT支援員配置", 1: "ソフトウェア導入", 3: "ICT支援員発展的配置"}),
          ("", {0: "機器保守対応", 1: "機器及びシステム更新"})]),
    ],
    "3-4": [
        ("市内事業者のDX推進の取組に対する支援", 5, ["農政課", "産業振興課"],
         [("", {0: "実施要領作成", 1: "補助金の交付 キャッシュレスポイント還元事業実施"})]),
    ],
}


def reiwa(fiscal_year: int) -> str:
    return f"令和{fiscal_year - 2018}年度"


def correct(text: str) -> str:
    for wrong, right in CORRECTIONS.items():
        text = text.replace(wrong, right)
    return text


def clean(text: str) -> str:
    """Plain text in one paragraph: HTML list markup dropped, spaces folded."""
    text = re.sub(r"<[^>]+>", "", text)
    return correct(re.sub(r"\s+", " ", text).strip())


def measures(plan: str) -> list[dict[str, str]]:
    lines = plan.splitlines()
    heads = [(i, line.strip()) for i, line in enumerate(lines)
             if re.match(r"^\d-\d ", line.strip())]
    # The plan lists each measure twice: in the overview, then as a section; take sections.
    sections = heads[len(heads) - 13:]
    rows = []
    for n, (start, head) in enumerate(sections):
        end = sections[n + 1][0] if n + 1 < len(sections) else len(lines)
        number, name = head.split(" ", 1)
        body = {}
        for line in lines[start:end]:
            key, _, value = line.partition("\t")
            if key in ("現状", "課題", "方針"):
                body[key] = clean(value)
        rows.append({"施策番号": number, "基本方針番号": number[0],
                     "施策名": correct(re.sub(r"\s*\(\s*BPR\s*\)\s*", "(BPR)", name)),
                     "施策名_英語": MEASURES_EN[number],
                     "現状": body["現状"], "課題": body["課題"], "方針": body["方針"]})
    return rows


def policies(plan: str) -> list[dict[str, str]]:
    rows = []
    for number, name in POLICIES.items():
        match = re.search(rf"基本方針{number} {name}\n\n(.+)", plan)
        assert match, name
        rows.append({"基本方針番号": str(number), "基本方針名": name,
                     "基本方針名_英語": POLICIES_EN[number],
                     "説明": clean(match.group(1))})
    return rows


def glossary(plan: str) -> list[dict[str, str]]:
    start = plan.index("用語集\n\n用語\t解説")
    end = plan.index("鹿沼市 DX推進計画", start)
    rows, heading = [], ""
    for line in plan[start:end].splitlines()[1:]:
        term, tab, text = line.partition("\t")
        if not tab or term == "用語":
            continue
        if not text.strip() and len(term.strip()) == 1:
            heading = term.strip()
            continue
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", term.strip())
        name, reading = (match.group(1), match.group(2)) if match else (term.strip(), "")
        text = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text.strip())
        rows.append({"見出し": heading, "用語": name, "読み": reading, "解説": correct(text)})
    return rows


def kpi_rows() -> list[dict[str, object]]:
    rows = []
    for number, name, unit, targets in KPIS:
        measure = next(m for m in MEASURE_NAMES if m[0] == number)
        name_en, unit_en = KPIS_EN[number]
        for year, target in zip(FISCAL_YEARS, targets, strict=True):
            rows.append({"KPI番号": number, "基本方針番号": number[0], "施策番号": number,
                         "施策名": measure[1], "施策名_英語": MEASURES_EN[number],
                         "指標名": name, "指標名_英語": name_en, "単位": unit,
                         "単位_英語": unit_en, "年度": year,
                         "和暦年度": reiwa(year), "目標値": "" if target is None else target})
    return rows


def project_rows() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    projects, schedule = [], []
    for measure, items in PROJECTS.items():
        for n, (name, focus, departments, lines) in enumerate(items, start=1):
            number = f"{measure}-{n:02d}"
            projects.append({"事業番号": number, "施策番号": measure, "事業名": name,
                             "事業名_英語": PROJECTS_EN[number],
                             "重点事業": "true" if focus else "false",
                             "重点事業番号": focus or "", "担当課": "・".join(departments)})
            order = 0
            for system, cells in lines:
                previous = ""
                for index in sorted(cells):
                    text = cells[index]
                    if text == CONTINUES:
                        text = f"{previous}(前年度から継続)"
                    else:
                        previous = text
                    order += 1
                    year = FISCAL_YEARS[index]
                    schedule.append({"事業番号": number, "順序": order, "年度": year,
                                     "和暦年度": reiwa(year), "対象": system,
                                     "取組内容": text})
    return projects, schedule


MEASURE_NAMES: list[tuple[str, str]] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plan", nargs="?", type=Path, default=DEFAULT_PLAN)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] /
                        "datasets")
    args = parser.parse_args()
    plan = args.plan.read_text(encoding="utf-8")
    measure_rows = measures(plan)
    MEASURE_NAMES[:] = [(m["施策番号"], m["施策名"]) for m in measure_rows]
    out = args.out
    for folder in ("dx-kpi-targets", "dx-measures", "dx-projects", "dx-glossary"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    write_records(out / "dx-kpi-targets/kpi-targets.csv", kpi_rows())
    write_records(out / "dx-measures/policies.csv", policies(plan))
    write_records(out / "dx-measures/measures.csv", measure_rows)
    projects, schedule = project_rows()
    write_records(out / "dx-projects/projects.csv", projects)
    write_records(out / "dx-projects/schedule.csv", schedule)
    write_records(out / "dx-glossary/glossary.csv", glossary(plan))


if __name__ == "__main__":
    main()
