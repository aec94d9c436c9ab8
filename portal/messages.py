"""The message catalogue: every code the portal reports, with severity, rule, ja/en text and fix.

A code is kebab-case, stable and never reused. Texts are ``str.format`` templates; the ja and en
versions of a message take the same placeholders (``tests/test_messages.py`` checks it).
Severity: ``error`` blocks publication, ``warning`` is reported but publishes.
``rule`` is the Digital Agency machine-readability rule id where the check implements one.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Severity = Literal["error", "warning"]
Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


@dataclass(frozen=True)
class Message:
    code: str
    severity: Severity
    ja: str
    en: str
    fix_ja: str = ""
    fix_en: str = ""
    rule: str | None = None

    def text(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def fix(self, lang: str) -> str:
        return self.fix_ja if lang == "ja" else self.fix_en


def _m(code: str, severity: Severity, ja: str, en: str, fix_ja: str = "", fix_en: str = "",
       rule: str | None = None) -> Message:
    return Message(code, severity, ja, en, fix_ja, fix_en, rule)


_CATALOGUE: tuple[Message, ...] = (
    # --- catalog.yaml -------------------------------------------------------------------------
    _m("catalog-unreadable", "error",
       "catalog.yaml を読めません: {reason}",
       "catalog.yaml cannot be read: {reason}",
       "ファイルの場所と YAML の書式(インデント、コロンの後の空白)を確認してください。",
       "Check the path and the YAML syntax (indentation, a space after each colon)."),
    _m("catalog-not-mapping", "error",
       "catalog.yaml の最上位は portal と datasets を持つマッピングである必要があります。",
       "The top level of catalog.yaml must be a mapping with `portal` and `datasets`.",
       "ファイルの先頭を `portal:` と `datasets:` の2つの項目にしてください。",
       "Start the file with the two keys `portal:` and `datasets:`."),
    _m("catalog-field-missing", "error",
       "データセット {entry} に必須項目 {field} がありません。",
       "Dataset {entry} lacks the required field {field}.",
       "{field} を追加してください。",
       "Add {field} to the entry."),
    _m("catalog-field-invalid", "error",
       "データセット {entry} の項目 {field} が不正です: {reason}",
       "Dataset {entry}: field {field} is invalid: {reason}",
       "{field} の書式を docs/catalog.ja.md で確認してください。",
       "See docs/catalog.md for the format of {field}."),
    _m("catalog-unknown-field", "error",
       "データセット {entry} に未知の項目 {field} があります(綴りを確認してください)。",
       "Dataset {entry} has an unknown field {field} (check the spelling).",
       "項目名を docs/catalog.ja.md の一覧と照らし合わせてください。コンマやコロンを含む値は "
       "\"…\" で囲んでください(囲まないと YAML が値を途中で切り、残りを項目名として読みます)。",
       "Compare the field name with the list in docs/catalog.md. Put a value that holds a "
       "comma or a colon in quotes (\"…\"); unquoted, YAML cuts the value there and reads the "
       "rest as a field name."),
    _m("catalog-duplicate-id", "error",
       "データセット ID {entry} が重複しています。",
       "Dataset id {entry} is used more than once.",
       "ID は一意にしてください。一度公開した ID は変更しないでください。",
       "Give each dataset a unique id; never change a published id."),
    _m("catalog-id-reserved", "error",
       "ID {entry} はポータルがカタログから生成するデータセットの ID のため使えません。",
       "The id {entry} is reserved for a dataset the portal generates from the catalog.",
       "別の ID にしてください(一度公開した ID は変えられません)。",
       "Choose another id (an id cannot change once published)."),
    _m("catalog-url-invalid", "error",
       "データセット {entry} の項目 {field} は http:// か https:// で始まる URL にしてください: "
       "{value}",
       "Dataset {entry}: field {field} must be an http:// or https:// URL, not {value}",
       "ブラウザで開けるウェブページの URL を書いてください(javascript: などは使えません)。",
       "Write the address of a web page (javascript:, data: and the like are refused)."),
    _m("catalog-unknown-dataset", "error",
       "カタログにデータセット {entry} がありません。",
       "The catalog has no dataset {entry}.",
       "ID の綴りを確認してください。",
       "Check the spelling of the id."),
    # --- freshness (portal status) ------------------------------------------------------------
    _m("dataset-overdue", "warning",
       "{entry}: 更新予定日 {due} を過ぎています(更新頻度 {frequency}、最終更新 {modified}、担当 {publisher})。",
       "{entry}: update was due on {due} (frequency {frequency}, last modified {modified}, "
       "responsible: {publisher}).",
       "データを更新し、catalog.yaml の modified を更新日にしてください。",
       "Update the data and set `modified` in catalog.yaml to the day of the update."),
    _m("status-summary", "warning",
       "{total} 件中 {current} 件が最新です。更新期限切れ {overdue} 件。",
       "{current} of {total} datasets are up to date; {overdue} overdue.",
       "期限切れのデータセットを担当課に連絡してください。",
       "Ask the responsible departments to update the overdue datasets."),
    # --- files and encodings ------------------------------------------------------------------
    _m("file-missing", "error",
       "ファイル {file} がありません。",
       "File {file} does not exist.",
       "catalog.yaml の path を確認するか、ファイルを datasets/ に追加してください。",
       "Check the path in catalog.yaml or add the file under datasets/."),
    _m("file-symlink", "error",
       "{file} はシンボリックリンク({link})です。カタログが指すファイルはリンクにできません(リンク先は読みも公開もしません)。",
       "{file} goes through a symbolic link ({link}). Files the catalog names cannot be links; "
       "the link's target is neither read nor published.",
       "リンクをやめ、ファイルそのものを datasets/ のデータセットのフォルダに置いてください。",
       "Replace the link with the file itself, in the dataset's folder under datasets/."),
    _m("file-empty", "error",
       "ファイル {file} が空です。",
       "File {file} is empty.",
       "見出し行とデータを含むファイルにしてください。",
       "Publish a file with a header row and data."),
    _m("file-binary", "error",
       "ファイル {file} の {offset} バイト目に NUL 文字があり、CSV として読めません。",
       "File {file} has a NUL byte at offset {offset}; it is not a CSV text file.",
       "Excel で「CSV UTF-8(コンマ区切り)」として保存し直してください。",
       "Save it again from Excel as \"CSV UTF-8 (Comma delimited)\"."),
    _m("encoding-mixed", "error",
       "ファイル {file} の {line} 行目から文字コードが {other} に変わっています(それより前は {encoding})。"
       "このまま読むと文字化けします。",
       "File {file} changes encoding at line {line}: {other} there, {encoding} before it; read "
       "as one encoding it would be garbled.",
       "ファイル全体を同じ文字コードで保存し直してください(Excel で「CSV UTF-8(コンマ区切り)」)。",
       "Save the whole file again in one encoding (from Excel: \"CSV UTF-8 (Comma delimited)\")."),
    _m("encoding-unsupported", "error",
       "ファイル {file} の文字コードが UTF-8 でも Shift_JIS(CP932)でもありません({offset} バイト目 0x{byte} を読めません)。",
       "File {file} is neither UTF-8 nor Shift_JIS (CP932): byte 0x{byte} at offset {offset} "
       "cannot be decoded.",
       "Excel で「CSV UTF-8(コンマ区切り)」として保存し直してください。",
       "Save it again from Excel as \"CSV UTF-8 (Comma delimited)\"."),
    _m("encoding-cp932", "warning",
       "ファイル {file} は Shift_JIS(CP932)です。公開時に UTF-8 に変換します。",
       "File {file} is Shift_JIS (CP932); it is published converted to UTF-8.",
       "可能なら「CSV UTF-8(コンマ区切り)」で保存してください。",
       "If you can, save it as \"CSV UTF-8 (Comma delimited)\".",
       rule="L1-04"),
    _m("csv-malformed", "error",
       "ファイル {file} の {line} 行目付近を CSV として読めません: {reason}",
       "File {file} cannot be parsed as CSV near line {line}: {reason}",
       "引用符 \" の閉じ忘れや区切り文字を確認してください。",
       "Check for an unclosed quote \" or a wrong delimiter."),
    _m("too-many-columns", "error",
       "{file} は {count} 列あり、公開用の行データベース(SQLite)に入る上限 {limit} 列を超えています。",
       "{file} has {count} columns, more than the {limit} the row database (SQLite) can store.",
       "列を分けて複数のファイルにするか、縦長の形(1行に1つの値)に組み替えてください。",
       "Split the columns over several files, or reshape the table to long form (one value "
       "per row)."),
    _m("row-length-mismatch", "error",
       "{file} の {row} 行目は列数が {count} で、見出しの {expected} 列と合いません。",
       "Row {row} of {file} has {count} cells; the header has {expected}.",
       "余分な区切り文字や、値の中のコンマを引用符で囲んでいるか確認してください。",
       "Check for extra delimiters, and quote values that contain commas."),
    _m("xlsx-unsafe", "error",
       "Excel ファイル {file} の XML に安全でない宣言(DTD の実体定義や外部参照)があるため読みません: {reason}",
       "Excel file {file} is not read: its XML declares entities or external references "
       "(a DTD), which could expand without bound or fetch other files: {reason}",
       "Excel で開いて「名前を付けて保存」し直したファイルにしてください。",
       "Open it in Excel and save it again (Excel never writes a DTD)."),
    _m("xlsx-unreadable", "error",
       "Excel ファイル {file} を読めません(壊れているか .xlsx ではありません): {reason}",
       "Excel file {file} cannot be read (damaged, or not an .xlsx): {reason}",
       "Excel で開けるか確認し、.xlsx として保存し直してください。",
       "Check that Excel opens it, and save it again as .xlsx."),
    _m("xlsx-several-sheets", "warning",
       "Excel ファイル {file} に表のあるシートが複数あります({sheets})。最初のシートだけを公開します。",
       "Excel file {file} has several sheets with data ({sheets}); only the first is published.",
       "--fix で各シートを別のリソース(CSV とスキーマ)にします。手で直すときはシートごとにファイルを分けてください。",
       "--fix makes each sheet a resource of its own (CSV and schema); by hand, save one file "
       "per sheet.",
       rule="L1-01"),
    _m("xlsx-example-sheet", "warning",
       "{file} のシート「{sheet}」は入力例・記入例・見本のシートと思われるため、取り込みません。",
       "{file}: sheet \"{sheet}\" looks like an input example or template and is not imported.",
       "データのシートであれば、シート名から「例」「見本」「サンプル」を外してください。",
       "If it holds data, rename the sheet so that it does not say 例, 見本 or サンプル.",
       rule="L1-01"),
    # --- Table Schema (frictionless) ----------------------------------------------------------
    _m("schema-missing", "error",
       "Table Schema ファイル {file} がありません。",
       "Table Schema file {file} does not exist.",
       "`portal new` で作るか、catalog.yaml の schema のパスを確認してください。",
       "Create it with `portal new`, or check the schema path in catalog.yaml."),
    _m("schema-invalid", "error",
       "Table Schema {file} が不正です: {reason}",
       "Table Schema {file} is invalid: {reason}",
       "https://specs.frictionlessdata.io/table-schema/ の書式に合わせてください。",
       "Follow the Table Schema specification (specs.frictionlessdata.io/table-schema)."),
    _m("header-missing-column", "error",
       "{file}: スキーマの列「{column}」({column_number} 列目)がファイルにありません。",
       "{file}: column \"{column}\" (number {column_number}) of the schema is missing from the file.",
       "見出し行に「{column}」の列を追加するか、スキーマから削除してください。",
       "Add a \"{column}\" column to the header, or remove it from the schema."),
    _m("header-extra-column", "error",
       "{file}: {column_number} 列目「{value}」はスキーマにない列です。",
       "{file}: column {column_number} \"{value}\" is not in the schema.",
       "スキーマに列を追加するか、ファイルから列を削除してください。",
       "Add the column to the schema, or remove it from the file."),
    _m("header-mismatch", "error",
       "{file}: {column_number} 列目の見出し「{value}」がスキーマの「{column}」と一致しません。",
       "{file}: the header of column {column_number} is \"{value}\", the schema says \"{column}\".",
       "見出しをスキーマの列名に合わせてください(全角・半角や長音記号「ー」「―」の違いに注意)。",
       "Make the header equal to the schema's field name (watch full/half-width forms and "
       "look-alike dashes)."),
    _m("header-blank", "error",
       "{file}: {column_number} 列目の見出しが空です。",
       "{file}: column {column_number} has an empty header.",
       "すべての列に列名を付けてください。",
       "Give every column a name.",
       rule="L2-02"),
    _m("header-duplicate", "error",
       "{file}: 見出し「{value}」が {column_number} 列目で重複しています。",
       "{file}: header \"{value}\" appears again in column {column_number}.",
       "列名は一意にしてください。",
       "Make every column name unique.",
       rule="L2-02"),
    _m("cell-type-error", "error",
       "{file} {row} 行目「{column}」の値「{value}」は {type} として読めません。",
       "{file} row {row}, column \"{column}\": \"{value}\" is not a valid {type}.",
       "{type} の形式で書いてください(例: 整数 123、数値 12.5、日付 2024-04-01、真偽 true)。",
       "Write it as a {type} (e.g. integer 123, number 12.5, date 2024-04-01, boolean true)."),
    _m("cell-required", "error",
       "{file} {row} 行目「{column}」は必須ですが空です。",
       "{file} row {row}, column \"{column}\" is required but empty.",
       "値を入れてください。",
       "Fill in a value."),
    _m("cell-unique", "error",
       "{file} {row} 行目「{column}」の値「{value}」は {first} 行目と重複しています。",
       "{file} row {row}, column \"{column}\": \"{value}\" repeats row {first}; it must be unique.",
       "重複しない値にしてください。",
       "Use a value that appears only once."),
    _m("cell-constraint", "error",
       "{file} {row} 行目「{column}」の値「{value}」が制約 {constraint} を満たしません({expected})。",
       "{file} row {row}, column \"{column}\": \"{value}\" breaks the constraint {constraint} "
       "({expected}).",
       "スキーマの制約に合う値にするか、スキーマを見直してください。",
       "Use a value that meets the schema's constraint, or revise the schema."),
    _m("primary-key-duplicate", "error",
       "{file} {row} 行目の主キー({column})が {first} 行目と重複しています。",
       "{file} row {row}: primary key ({column}) repeats row {first}.",
       "主キーの組み合わせが重複しないようにしてください。",
       "Make each primary-key combination unique."),
    # --- machine-readability rules (Digital Agency, L1 / L2 / L3) -----------------------------
    _m("number-with-unit", "error",
       "{file} {row} 行目「{column}」の数値「{value}」に単位や記号が含まれています。",
       "{file} row {row}, column \"{column}\": the number \"{value}\" contains a unit or symbol.",
       "数値だけを書き、単位は列名か data dictionary に書いてください(例: 人数(人) → 123)。",
       "Write the number alone; put the unit in the column name or schema (e.g. 123).",
       rule="L3-01"),
    _m("number-thousands-separator", "error",
       "{file} {row} 行目「{column}」の数値「{value}」に桁区切りのコンマがあります。",
       "{file} row {row}, column \"{column}\": the number \"{value}\" has thousands separators.",
       "コンマを外してください(例: 1,234 → 1234)。Excel では表示形式を「標準」にしてください。",
       "Remove the separators (1,234 → 1234); in Excel use the General number format.",
       rule="L3-02"),
    _m("fullwidth-digits", "error",
       "{file} {row} 行目「{column}」の数値「{value}」に全角数字があります。",
       "{file} row {row}, column \"{column}\": \"{value}\" uses full-width digits.",
       "半角数字で書いてください(例: １２３ → 123)。",
       "Use half-width digits (１２３ → 123).",
       rule="L3-03"),
    _m("wareki-date", "error",
       "{file} {row} 行目「{column}」の日付「{value}」が和暦です。",
       "{file} row {row}, column \"{column}\": the date \"{value}\" is in the Japanese era calendar.",
       "西暦の YYYY-MM-DD で書いてください(例: 令和5年4月1日 → 2023-04-01)。和暦は別の列に書けます。",
       "Write it as YYYY-MM-DD (令和5年4月1日 → 2023-04-01); an era label may go in its own column.",
       rule="L3-04"),
    _m("date-not-iso", "error",
       "{file} {row} 行目「{column}」の日付「{value}」が YYYY-MM-DD 形式ではありません。",
       "{file} row {row}, column \"{column}\": the date \"{value}\" is not YYYY-MM-DD.",
       "YYYY-MM-DD で書いてください(例: 2024/4/1 → 2024-04-01)。",
       "Write it as YYYY-MM-DD (2024/4/1 → 2024-04-01).",
       rule="L3-04"),
    _m("date-in-future", "error",
       "{file} {row} 行目「{column}」の日付「{value}」が未来の日付です(今日は {today})。この列は起きたことの日付を記録する列です。",
       "{file} row {row}, column \"{column}\": the date \"{value}\" is in the future (today is "
       "{today}); the column records when something happened.",
       "日付を確認してください。予定日など未来の日付を許す列はスキーマに \"x-allowFuture\": true を書きます。",
       "Check the date. For columns of planned dates, set \"x-allowFuture\": true in the schema."),
    _m("date-later-than-today", "warning",
       "{file} {row} 行目「{column}」の日付「{value}」は今日({today})より後です。",
       "{file} row {row}, column \"{column}\": the date \"{value}\" is after today ({today}).",
       "期限・予定の日付なら問題ありません(スキーマに \"x-allowFuture\": true と書くと報告されません)。"
       "未来であってはならない列は \"x-allowFuture\": false と書くとエラーになります。",
       "Fine for an expiry or planned date (\"x-allowFuture\": true in the schema silences it); "
       "\"x-allowFuture\": false makes it an error for a column that must not be in the future."),
    _m("cell-line-break", "warning",
       "{file} {row} 行目「{column}」のセルに改行があります。",
       "{file} row {row}, column \"{column}\": the cell contains a line break.",
       "引用符で囲まれた CSV の改行はそのまま読めます。コード・名称・数値の列では --fix が改行を空白に置き換えます。"
       "説明や備考の改行はそのまま公開されます。",
       "Quoted CSV carries a line break and readers read it. In code, name and number columns "
       "--fix replaces it with a space; in free text (descriptions, notes) it is published as is.",
       rule="L3-05"),
    _m("cell-whitespace-only", "warning",
       "{file} {row} 行目「{column}」のセルは空白文字だけ(「{value}」)です。空欄として扱います。",
       "{file} row {row}, column \"{column}\": the cell holds only spaces (\"{value}\"); it is "
       "treated as blank.",
       "--fix で空欄にします。値があるはずなら入れてください。",
       "--fix blanks it; fill in the value if there should be one."),
    _m("blank-means-same", "error",
       "{file} {row} 行目「{column}」が空欄です。上の行と同じ値の省略と思われます。",
       "{file} row {row}, column \"{column}\" is blank, apparently meaning \"same as above\".",
       "省略せずに値を入れてください(セル結合も解除してください)。",
       "Fill in the value instead of leaving it blank (and unmerge merged cells).",
       rule="L2-06"),
    _m("multi-row-header", "error",
       "{file} の見出しが複数行になっています(2行目が見出しの続きや単位の行です)。",
       "{file} has a header of several rows (row 2 continues the header or gives units).",
       "見出しを1行にまとめ、単位は列名に含めてください(例: 人口(人))。",
       "Merge the header into one row; put units into the column names (e.g. 人口(人)).",
       rule="L2-01"),
    _m("title-row-above-header", "error",
       "{file} の {rows} 行目は見出しより上のタイトルや説明の行のようです(例: 「{value}」)。",
       "{file}: rows {rows} above the header look like a title or notes (e.g. \"{value}\").",
       "表のタイトルは削除し、1行目を列名の行にしてください。",
       "Remove the title; make row 1 the row of column names.",
       rule="L2-03"),
    _m("note-below-table", "error",
       "{file} {row} 行目は表の下の注記や合計の行のようです(「{value}」)。",
       "{file} row {row} looks like a note or total below the table (\"{value}\").",
       "注記はデータセットの説明(catalog.yaml の description)へ移し、合計行は削除してください。",
       "Move notes to the dataset description in catalog.yaml; remove total rows.",
       rule="L2-04"),
    _m("trailing-empty-row", "error",
       "{file} {row} 行目は空の行です。",
       "{file} row {row} is empty.",
       "空の行を削除してください。",
       "Delete the empty row.",
       rule="L2-05"),
    _m("trailing-empty-column", "error",
       "{file} の {column_number} 列目は見出しも値もない空の列です。",
       "{file}: column {column_number} is empty (no header, no values).",
       "空の列を削除してください(Excel で右側の列を選んで「削除」)。",
       "Delete the empty column (in Excel, select the columns on the right and Delete).",
       rule="L2-05"),
    _m("header-lookalike", "error",
       "{file}: {column_number} 列目の見出し「{value}」は「{column}」と紛らわしい文字({chars})が違います。",
       "{file}: header \"{value}\" of column {column_number} differs from \"{column}\" only in "
       "look-alike characters ({chars}).",
       "スキーマの列名をコピーして見出しに貼り付けてください。",
       "Copy the field name from the schema into the header."),
    _m("coordinate-zero", "warning",
       "{file} {row} 行目: 緯度「{column}」と経度「{other}」がどちらも 0 です。位置不明として扱い、地図には表示しません。",
       "{file} row {row}: latitude \"{column}\" and longitude \"{other}\" are both 0; the row is "
       "taken as having no known position and left off the map.",
       "位置が不明なら両方を空欄にしてください(--fix で空欄にします)。分かれば十進度で書いてください。",
       "Leave both blank when the position is unknown (--fix blanks them); otherwise write "
       "decimal degrees."),
    _m("coordinate-outside-japan", "error",
       "{file} {row} 行目「{column}」の値 {value} は日本の範囲({low}〜{high})の外です。",
       "{file} row {row}, column \"{column}\": {value} lies outside Japan ({low} to {high}).",
       "緯度と経度の取り違えや符号、十進度(例: 36.5671)で書かれているかを確認してください。",
       "Check for swapped latitude/longitude, the sign, and decimal degrees (e.g. 36.5671)."),
    # --- standard datasets (自治体標準オープンデータセット) -------------------------------------
    _m("standard-license-not-harvested", "warning",
       "データセット {entry} は標準データセットですが、ライセンス {license} では全国の横断検索サイト(BODIK ODM など)に標準データセットとして取り込まれません(取り込まれるのは {accepted})。",
       "Dataset {entry} is a standard dataset, but under {license} the national aggregators "
       "(BODIK ODM and others) do not take it in as one (they accept {accepted}).",
       "可能なら license を CC-BY-4.0 にしてください。",
       "Use CC-BY-4.0 as the licence if you can."),
    _m("standard-unknown", "error",
       "データセット {entry} の standard「{standard}」は対応していない標準データセットです(対応: {known})。",
       "Dataset {entry}: standard \"{standard}\" is not a supported standard dataset (supported: {known}).",
       "standard の値を確認してください。",
       "Check the value of standard."),
    _m("standard-columns", "warning",
       "{file}: 列の順序が標準データセット {standard}({layout})と違います。{column_number} 列目の「{value}」より前に「{column}」が来ます。",
       "{file}: the columns are not in the order of standard dataset {standard} ({layout}): "
       "\"{column}\" comes before \"{value}\" (column {column_number}).",
       "標準データセットの列順に並べ替えてください(読み込みには差し支えありません)。",
       "Reorder the columns as the standard lists them (programs reading by name are not "
       "affected)."),
    _m("standard-file-name", "warning",
       "{file}: 標準データセットのファイル名は {expected} にしてください。",
       "{file}: a standard dataset file should be named {expected}.",
       "ファイル名を {expected} に変更してください(--fix で取り込むとこの名前になります)。",
       "Rename the file to {expected} (an import with --fix names it so)."),
    _m("local-government-code", "error",
       "{file} {row} 行目「{column}」の全国地方公共団体コード「{value}」が正しくありません({reason})。",
       "{file} row {row}, column \"{column}\": local government code \"{value}\" is wrong ({reason}).",
       "6桁の文字列で、先頭の0を残して書いてください(鹿沼市は 092053)。",
       "Write the 6-digit code as text, keeping leading zeros (Kanuma is 092053)."),
    # --- portal new ---------------------------------------------------------------------------
    _m("new-id-exists", "error",
       "データセット {entry} はすでにあります。データを差し替えるときは --update を付けてください。",
       "Dataset {entry} already exists. Add --update to replace its data.",
       "別の ID にするか、--update を付けて再実行してください。",
       "Choose another id, or run again with --update."),
    _m("new-id-unknown", "error",
       "データセット {entry} はカタログにないため更新できません。",
       "Dataset {entry} is not in the catalog, so it cannot be updated.",
       "--update を外して新規に追加してください。", "Drop --update to add it as new."),
    _m("new-bad-id", "error",
       "ID「{entry}」は使えません。英小文字・数字・ハイフンで書いてください(例: public-facilities)。",
       "The id \"{entry}\" is not allowed: use lowercase letters, digits and hyphens "
       "(e.g. public-facilities).",
       "ID を直して再実行してください。", "Fix the id and run again."),
    _m("new-unreadable", "error",
       "ファイル {file} を読めません。",
       "File {file} cannot be read.",
       "上のエラーを確認してください。", "See the errors above."),
    _m("new-written", "warning",
       "{file} を書き込みました。",
       "Wrote {file}.",
       "内容を確認してください。", "Review its content."),
    _m("new-todo", "warning",
       "catalog.yaml の {entry} に記入してください: {field}",
       "Fill in for {entry} in catalog.yaml: {field}",
       "docs/catalog.ja.md の説明を見て記入し、portal validate {entry} で確認してください。",
       "See docs/catalog.md, fill it in, and check with portal validate {entry}."),
    # --- build ---------------------------------------------------------------------------------
    _m("build-failed", "error",
       "データセット {entry} の生成中に内部エラーが起きました。前回の公開版を残しています。",
       "Building dataset {entry} failed with an internal error; its last published version stays.",
       "ログを添えてデジタル政策課に連絡してください。",
       "Report it to the Digital Policy Division with the log."),
    _m("build-out-not-a-link", "error",
       "出力先 {path} は portal build が作ったものではないディレクトリです。上書きしません。",
       "The output {path} is a directory that portal build did not create; it is not overwritten.",
       "別の --out を指定するか、そのディレクトリを移動してください。",
       "Pass another --out, or move that directory away."),
    _m("build-summary", "warning",
       "ビルド {build_id}: 生成 {built} 件、再利用 {reused} 件、前回版を継続 {stale} 件、除外 {excluded} 件。",
       "Build {build_id}: {built} built, {reused} reused, {stale} kept at their last good version, "
       "{excluded} left out.",
       "前回版を継続・除外したデータセットは portal validate で原因を確認してください。",
       "Run portal validate to see why datasets were kept back or left out."),
    _m("build-progress", "warning",
       "[{n}/{total}] {entry}: {state}",
       "[{n}/{total}] {entry}: {state}",
       "ビルドの途中経過です。完了までお待ちください。",
       "Progress of the build; wait for it to finish."),
    # --- HTTP API ------------------------------------------------------------------------------
    _m("file-damaged", "error",
       "データセット {id} のファイル {name} が破損しているため配信を止めています。",
       "File {name} of dataset {id} is damaged on the server and is not served.",
       "時間をおいて再度お試しください。続く場合はデジタル政策課に連絡してください。",
       "Try again later; if it persists, contact the Digital Policy Division."),
    _m("unknown-column", "error",
       "列「{column}」はデータセット {id} にありません(使える列: {columns})。",
       "Column \"{column}\" is not in dataset {id} (columns: {columns}).",
       "列名を確認してください。", "Check the column name."),
    _m("unknown-operator", "error",
       "演算子「{operator}」は使えません(使える演算子: {operators})。",
       "Operator \"{operator}\" is not supported (supported: {operators}).",
       "列名__演算子=値 の形で指定してください(例: 人口__gte=1000)。",
       "Use column__operator=value (e.g. population__gte=1000)."),
    _m("bad-value", "error",
       "パラメータ {parameter} の値「{value}」は列「{column}」の型 {type} として読めません。",
       "Parameter {parameter}: \"{value}\" is not a valid {type} for column \"{column}\".",
       "列の型に合った値を指定してください。", "Give a value of the column's type."),
    _m("bad-size", "error",
       "_size は 1 から {limit} までの整数で指定してください(指定値: {value})。",
       "_size must be a whole number from 1 to {limit} (got {value}).",
       "_size を小さくし、_next で続きを取得してください。",
       "Use a smaller _size and follow _next for more rows."),
    _m("bad-cursor", "error",
       "_next の値が正しくないか、別の問い合わせ(絞り込み・並べ替え・_size・データ)のものです。",
       "The _next cursor is not valid or was made for another query (filters, sort, _size, "
       "data).",
       "直前の応答の next_url をそのまま使ってください。",
       "Follow the previous response's next_url unchanged."),
    _m("bad-parameter", "error",
       "パラメータ {parameter} の値「{value}」が正しくありません({reason})。",
       "Parameter {parameter}: \"{value}\" is not valid ({reason}).",
       "API ドキュメント /api/docs を確認してください。", "See the API documentation at /api/docs."),
    _m("dataset-not-found", "error",
       "データセット {id} は見つかりません。",
       "There is no dataset {id}.",
       "データセット一覧 /datasets で ID を確認してください。",
       "Check the id in the dataset list at /datasets."),
    _m("file-not-found", "error",
       "データセット {id} にファイル {name} はありません。",
       "Dataset {id} has no file {name}.",
       "データセットのページでダウンロードできるファイルを確認してください。",
       "See the dataset page for the files you can download."),
    _m("sjis-unavailable", "error",
       "データセット {id} には Shift_JIS(CP932)で表せない文字があるため、Shift_JIS 版はありません({reason})。",
       "Dataset {id} has a character that Shift_JIS (CP932) cannot represent, so there is no "
       "Shift_JIS file ({reason}).",
       "UTF-8 版(.csv)か Excel 用の UTF-8 BOM 付き版(.excel.csv)を使ってください。",
       "Use the UTF-8 file (.csv) or the Excel-ready UTF-8 file with BOM (.excel.csv)."),
    _m("no-build", "error",
       "公開用のビルドがありません。`portal build` を実行してください。",
       "Nothing is built yet. Run `portal build`.",
       "`portal build` を実行してください。", "Run `portal build`."),
    _m("query-too-long", "error",
       "クエリ文字列が長すぎます({length} バイト、上限 {limit} バイト)。",
       "The query string is too long ({length} bytes; the limit is {limit}).",
       "条件を減らしてください。", "Use fewer parameters."),
    _m("internal-error", "error",
       "サーバー内部でエラーが起きました。時間をおいて再度お試しください。",
       "The server had an internal error. Please try again later.",
       "続く場合はデジタル政策課に連絡してください。",
       "If it persists, contact the Digital Policy Division."),
    _m("route-not-found", "error",
       "{path} というアドレスはありません。",
       "There is nothing at {path}.",
       "API ドキュメント /api/docs でアドレスを確認してください。",
       "See the API documentation at /api/docs for the addresses."),
    _m("request-refused", "error",
       "この要求は受け付けられません(HTTP {number}: {reason})。",
       "This request cannot be served (HTTP {number}: {reason}).",
       "API ドキュメント /api/docs で要求の形を確認してください。",
       "See the API documentation at /api/docs for the form of the request."),
    _m("too-many-facets", "error",
       "_facet は {limit} 列までです(指定: {count} 列)。",
       "_facet counts at most {limit} columns (got {count}).",
       "数える列を減らし、必要なら問い合わせを分けてください。",
       "Ask for fewer columns, in several requests if needed."),
    # --- command line ---------------------------------------------------------------------------
    _m("git-ref-unknown", "error",
       "git の参照 {ref} が見つかりません: {reason}",
       "git reference {ref} cannot be found: {reason}",
       "ブランチ名(例: origin/main)を確認し、`git fetch` してから再実行してください。",
       "Check the branch name (e.g. origin/main); run `git fetch` and try again."),
    _m("validate-summary", "warning",
       "{datasets} 件のデータセットを検査しました: エラー {errors} 件、警告 {warnings} 件。",
       "Checked {datasets} dataset(s): {errors} error(s), {warnings} warning(s).",
       "エラーを直して再実行してください。", "Fix the errors and run it again."),
    _m("validate-ok", "warning",
       "{datasets} 件のデータセットを検査しました。エラーはありません(警告 {warnings} 件)。",
       "Checked {datasets} datasets: no errors ({warnings} warnings).",
       "そのまま公開できます。", "Ready to publish."),
    # --- ingest: reading real files, --fix, standard layouts (portal/ingest/) ------------------
    _m("ingest-header-not-found", "error",
       "{file}: 見出し行が見つかりません({reason})。",
       "{file}: no header row found ({reason}).",
       "表の1行目を列名の行にして保存し直すか、表の範囲だけを新しいシートにコピーしてから再実行してください。",
       "Save the file with the column names in row 1, or copy just the table into a new sheet, "
       "and run again."),
    _m("ingest-several-tables", "error",
       "{file} の {rows} 行目から別の表があります。",
       "{file}: another table starts at row {rows}.",
       "1ファイル1表にしてください。--fix は最初の表だけを取り込み、残りを報告します。",
       "Publish one table per file; --fix imports the first table only and lists the rest.",
       rule="L1-01"),
    _m("ingest-fix-unsafe", "warning",
       "{file} 列「{column}」: {count} 個のセルは安全に直せないため、そのまま残しました({rows} 行目、例: 「{value}」)。",
       "{file}, column \"{column}\": {count} cells could not be fixed safely and were left as "
       "written (rows {rows}, e.g. \"{value}\").",
       "元のファイルで値を確認して直してください。この列は文字列として公開されます。",
       "Check and correct the values in the original; the column is published as text."),
    _m("ingest-schema-replaced", "warning",
       "{file} は列がデータと合わなくなったため書き直しました(旧: {old} / 新: {new})。",
       "{file} no longer fitted the data's columns and was written anew (was: {old}; now: "
       "{new}).",
       "列の型や説明を手で直していた場合は、新しいスキーマに書き直してください。",
       "If you had edited its types or descriptions by hand, redo them in the new schema."),
    _m("import-would-write", "warning",
       "{file} を書き込みます(--dry-run のため書き込んでいません)。",
       "Would write {file} (not written: --dry-run).",
       "--dry-run を外すと書き込みます。", "Run without --dry-run to write."),
    _m("ingest-standard-recognised", "warning",
       "{file} の列は標準データセット {standard}「{name}」の {matched}/{total} 列と一致するため、standard: \"{standard}\" として扱います。",
       "{file}: the columns match {matched} of {total} columns of standard dataset {standard} "
       "({name}), so it is treated as standard: \"{standard}\".",
       "標準データセットでない場合は catalog.yaml の standard を削除してください。",
       "If it is not a standard dataset, delete `standard` from catalog.yaml."),
    _m("standard-column-missing", "error",
       "{file}: 標準データセット {standard}({layout})の必須の列「{column}」がありません。",
       "{file}: the required column \"{column}\" of standard dataset {standard} ({layout}) is "
       "missing.",
       "列を追加してください(値が無くても見出しは必要です)。標準データセットでない場合は catalog.yaml の standard を削除してください。",
       "Add the column (an empty column still needs its header). If the file is not this "
       "standard dataset, delete `standard` from catalog.yaml."),
    _m("standard-columns-optional-missing", "warning",
       "{file}: 標準データセット {standard}({layout})の任意の列 {count} 個がありません: {columns}",
       "{file}: {count} optional columns of standard dataset {standard} ({layout}) are "
       "missing: {columns}",
       "値があれば列を追加してください。無ければそのままで公開できます。",
       "Add the columns where you have the values; the file publishes without them."),
    _m("fix-linkdata-removed", "warning",
       "LinkData のメタデータ行を削除",
       "LinkData metadata rows removed",
       "元のファイルは original として残ります。", "The input is kept as the original."),
    _m("fix-header-from-property", "warning",
       "#property 行を見出しに使用(日本語の見出し行がないため)",
       "#property row used as the header (the file has no Japanese header row)",
       "日本語の列名にするときは見出しを書き換えてください。",
       "Rename the columns if you want Japanese names."),
    _m("fix-rows-above-removed", "warning",
       "見出しより上のタイトル・説明の行を削除",
       "title and note rows above the header removed",
       "タイトルはカタログの title に書いてください。", "Put the title in the catalog's title."),
    _m("fix-header-merged", "warning",
       "複数行の見出しを1行にまとめた",
       "header rows merged into one",
       "列名を確認してください。", "Check the column names."),
    _m("fix-notes-removed", "warning",
       "表の下の注記・合計の行を削除",
       "notes and totals below the table removed",
       "注記はカタログの description に書いてください。",
       "Put the notes in the catalog's description."),
    _m("fix-blank-rows-dropped", "warning",
       "空の行を削除", "empty rows deleted",
       "確認してください。", "Review it."),
    _m("fix-blank-columns-dropped", "warning",
       "空の列を削除", "empty columns deleted",
       "確認してください。", "Review it."),
    _m("fix-header-named", "warning",
       "見出しが空の列に仮の名前を付けた", "provisional names given to columns without a header",
       "正しい列名に書き換えてください。", "Replace them with the real column names."),
    _m("fix-table-dropped", "warning",
       "2つ目以降の表を取り込まなかった", "second and later tables not imported",
       "別のファイル(リソース)として追加してください。",
       "Add them as separate files (resources)."),
    _m("fix-sheets-dropped", "warning",
       "入力例・見本のシートを取り込まなかった", "input-example and template sheets not imported",
       "データのシートであればシート名を変えて再実行してください。",
       "If a sheet holds data, rename it and run again."),
    _m("fix-sheet-split", "warning",
       "シートを別のリソースとして取り込んだ", "sheet imported as a resource of its own",
       "リソースの名前(シート名から作成)を確認してください。",
       "Check the resource's name (made from the sheet name)."),
    _m("fix-line-break-replaced", "warning",
       "コード・名称・数値の列のセル内改行を空白に", "line breaks in code, name and number "
       "cells replaced by a space",
       "確認してください。", "Review it."),
    _m("fix-whitespace-blanked", "warning",
       "空白文字だけのセルを空欄に", "cells of spaces only blanked",
       "確認してください。", "Review it."),
    _m("fix-coordinate-zero-blanked", "warning",
       "緯度・経度がどちらも 0 の組を空欄に(位置不明)", "latitude/longitude pairs of 0, 0 "
       "blanked (position unknown)",
       "位置が分かれば十進度で書いてください。", "Write the position in decimal degrees if known."),
    _m("fix-same-filled", "warning",
       "「上と同じ」の空欄に上の値を入れた", "\"same as above\" blanks filled from above",
       "確認してください。", "Review it."),
    _m("fix-fullwidth", "warning",
       "全角の数字・空白を半角に", "full-width digits and spaces made half-width",
       "確認してください。", "Review it."),
    _m("fix-thousands", "warning",
       "桁区切りのコンマを削除", "thousands separators removed",
       "確認してください。", "Review it."),
    _m("fix-unit", "warning",
       "数値から単位を外し、列名に移した", "units taken out of the numbers into the column name",
       "確認してください。", "Review it."),
    _m("fix-date-iso", "warning",
       "日付を西暦の YYYY-MM-DD に", "dates written as western-calendar YYYY-MM-DD",
       "確認してください。", "Review it."),
    _m("fix-reencoded", "warning",
       "Shift_JIS(CP932)から UTF-8 に変換", "converted from Shift_JIS (CP932) to UTF-8",
       "確認してください。", "Review it."),
    _m("fix-report-title", "warning",
       "{file} の機械判読対応の修正(--fix)",
       "Machine-readability fixes of {file} (--fix)",
       "変更をプルリクエストで確認してください。", "Review the changes in the pull request."),
    _m("fix-report-none", "warning",
       "修正はありません。", "Nothing to fix.",
       "そのまま公開できます。", "Ready to publish."),
    _m("fix-report-would", "warning",
       "--fix を付けると次のように直します:", "With --fix these changes would be made:",
       "--fix を付けて再実行してください。", "Run again with --fix."),
    _m("fix-standard-name", "warning",
       "紛らわしい文字の見出しを標準データセットの列名に", "look-alike header replaced by the "
       "standard column name",
       "確認してください。", "Review it."),
    _m("new-original-kept", "warning",
       "元のファイルを {file} として残しました。",
       "Kept the input as {file}.",
       "公開時に original として配信されます。", "It is published as the original."),
    # --- pull-request check: catalog keys, repeated findings ----------------------------------
    _m("catalog-unknown-key", "error",
       "catalog.yaml に未知の項目 {field} があります(綴りを確認してください)。",
       "catalog.yaml has an unknown key {field} (check the spelling).",
       "項目名を docs/catalog.ja.md の一覧と照らし合わせてください。コンマやコロンを含む値は "
       "\"…\" で囲んでください。",
       "Compare the key with the list in docs/catalog.md; put a value that holds a comma or a "
       "colon in quotes (\"…\")."),
    _m("finding-repeated", "warning",
       "同じ問題が {count} 行にあります({rows} 行目)。",
       "The same problem is in {count} rows (rows {rows}).",
       "下の修正方法で全部の行を直してください。すべての行は --format json で確認できます。",
       "Fix every row as below; --format json lists every row."),
    # --- geographic resources (portal/geo, _bbox and _shape of the rows API) -------------------
    _m("geo-unreadable", "error",
       "{file} を地理データとして読めません: {reason}",
       "{file} cannot be read as geographic data: {reason}",
       "GIS ソフト(QGIS など)で開けるか確認し、Shapefile か GeoJSON で書き出し直してください。",
       "Check that GIS software (e.g. QGIS) opens it, and export it again as Shapefile or "
       "GeoJSON."),
    _m("geo-wrong-suffix", "error",
       "{file} は format: {format} ですが、拡張子が .shp でも .zip でもありません。",
       "{file} is declared format: {format} but is neither a .shp nor a .zip.",
       "path に .shp(同じ名前の .shx .dbf .prj .cpg を同じフォルダに)か、それらをまとめた .zip を指定してください。",
       "Point path at the .shp (with its .shx .dbf .prj .cpg beside it) or at a .zip of them."),
    _m("geo-zip-layers", "error",
       "{file} の中に .shp が {count} 個あります({names})。1つだけにしてください。",
       "{file} holds {count} .shp files ({names}); it must hold exactly one.",
       "1つの .zip には1つの Shapefile(.shp .shx .dbf .prj .cpg)だけを入れてください。",
       "Put one Shapefile (.shp .shx .dbf .prj .cpg) in each .zip."),
    _m("geo-zip-member-path", "error",
       "{file} の中のファイル名 {member} は展開するとフォルダの外に書き出されるため、この zip は受け付けません。",
       "{file} holds a member named {member}, which an unzip tool would write outside its "
       "folder; the archive is refused.",
       "Shapefile の各ファイルだけを(.. や / で始まる名前、\\ を含む名前なしで)まとめた zip を作り直してください。",
       "Zip the Shapefile's parts again, without names that start with / or hold .. or \\."),
    _m("geo-zip-too-large", "error",
       "{file} の中の {member} が上限を超えています: {reason}。zip 爆弾の疑いがあるため読みません。",
       "{file}: {member} is over a limit ({reason}); it is not read, as it may be a zip bomb.",
       "Shapefile の .shp .shx .dbf .prj .cpg だけを入れた zip にしてください(docs/validate.md の上限)。",
       "Zip only the Shapefile's .shp .shx .dbf .prj .cpg (limits in docs/validate.md)."),
    _m("geo-sidecar-missing", "error",
       "Shapefile {file} に必要なファイル {missing} がありません。",
       "Shapefile {file} lacks its {missing} part.",
       "GIS ソフトから書き出した .shp .shx .dbf .prj .cpg をすべて同じ名前で置いてください。",
       "Keep every part the GIS software wrote (.shp .shx .dbf .prj .cpg) under the same name."),
    _m("geo-truncated", "error",
       "{file} の {part} が途中で切れています(ヘッダーに書かれた長さより短い)。",
       "{part} in {file} is cut off (shorter than the length its header states).",
       "元のファイルをもう一度コピーするか、GIS ソフトから書き出し直してください。",
       "Copy the original file again, or export it again from the GIS software."),
    _m("geo-cpg-missing", "warning",
       "{file} に文字コードを示す .cpg がないため、属性表を {encoding} と判定しました。",
       "{file} has no .cpg naming its attribute encoding; the table was read as {encoding}.",
       "Shapefile と同じ名前の .cpg ファイルに文字コード(例: UTF-8 や SHIFT_JIS)を1行で書いてください。",
       "Add a .cpg file of the same name holding the encoding on one line (e.g. UTF-8 or "
       "SHIFT_JIS)."),
    _m("geo-encoding", "error",
       "{file} の属性表を UTF-8 でも Shift_JIS(CP932)でも読めません: {reason}",
       "The attribute table of {file} is neither UTF-8 nor Shift_JIS (CP932): {reason}",
       "GIS ソフトで文字コードを UTF-8 にして書き出し直し、.cpg を付けてください。",
       "Export it again with the UTF-8 encoding and keep the .cpg file."),
    _m("geo-crs-missing", "error",
       "{file} の座標参照系がわかりません(.prj がありません)。",
       "{file} does not say its coordinate reference system (there is no .prj).",
       "GIS ソフトで座標参照系を設定して書き出し、.prj を一緒に置いてください"
       "(例: 栃木県は平面直角座標系第IX系 JGD2011 = EPSG:6677、緯度経度なら JGD2011 = EPSG:6668)。",
       "Set the CRS in the GIS software, export again and keep the .prj beside the .shp "
       "(e.g. Tochigi: plane rectangular zone IX, JGD2011 = EPSG:6677; longitude/latitude: "
       "JGD2011 = EPSG:6668)."),
    _m("geo-crs-unknown", "error",
       "{file} の .prj に書かれた座標参照系を解釈できません。",
       "The coordinate reference system in the .prj of {file} cannot be understood.",
       "GIS ソフトで EPSG コードのある座標参照系(例: EPSG:6677、EPSG:6668、EPSG:4326)を設定して書き出し直してください。",
       "Set a CRS that has an EPSG code (e.g. EPSG:6677, EPSG:6668, EPSG:4326) in the GIS "
       "software and export again."),
    _m("geo-geometry-empty", "warning",
       "{file} 地物 {feature}(行 {row}): ジオメトリが空です。",
       "{file} feature {feature} (row {row}): the geometry is empty.",
       "その地物の位置や形を入力するか、地物ごと削除してください。",
       "Draw the feature's location or shape, or delete the feature."),
    _m("geo-self-intersection", "error",
       "{file} 地物 {feature}(行 {row}): 図形が自己交差しています(経度 {lon}, 緯度 {lat} 付近)。",
       "{file} feature {feature} (row {row}): the shape intersects itself near longitude "
       "{lon}, latitude {lat}.",
       "GIS ソフトでその地点の頂点を直してください(QGIS の「ジオメトリを修復」は形を変えるので、結果を確認してください)。",
       "Fix the vertices at that place in the GIS software (QGIS \"Fix geometries\" changes the "
       "shape: check its result)."),
    _m("geo-geometry-invalid", "error",
       "{file} 地物 {feature}(行 {row}): ジオメトリが不正です({reason}、経度 {lon}, 緯度 {lat} 付近)。",
       "{file} feature {feature} (row {row}): the geometry is not valid ({reason}, near "
       "longitude {lon}, latitude {lat}).",
       "GIS ソフトのジオメトリ検証で問題の箇所を確認して直してください。",
       "Find the place with the GIS software's geometry checker and fix it."),
    _m("geo-axis-swapped", "error",
       "{file} 地物 {feature}(行 {row}): 座標 ({x}, {y}) は緯度と経度が入れ替わっています。",
       "{file} feature {feature} (row {row}): coordinates ({x}, {y}) have latitude and "
       "longitude swapped.",
       "経度を先(x)、緯度を後(y)にしてください。GeoJSON の座標は [経度, 緯度] の順です。",
       "Put longitude first (x) and latitude second (y); GeoJSON coordinates are [longitude, "
       "latitude]."),
    _m("geo-plane-as-degrees", "error",
       "{file} 地物 {feature}(行 {row}): 座標 ({x}, {y}) は平面直角座標(メートル)のようですが、座標参照系は緯度経度({crs})です。",
       "{file} feature {feature} (row {row}): coordinates ({x}, {y}) look like plane "
       "rectangular coordinates (metres), but the CRS is longitude/latitude ({crs}).",
       ".prj を平面直角座標系の正しい系にしてください(栃木県は第IX系: JGD2011 = EPSG:6677、JGD2000 = EPSG:2451)。",
       "Declare the right plane rectangular zone in the .prj (Tochigi is zone IX: JGD2011 = "
       "EPSG:6677, JGD2000 = EPSG:2451)."),
    _m("geo-degrees-as-plane", "error",
       "{file} 地物 {feature}(行 {row}): 座標 ({x}, {y}) は緯度経度のようですが、座標参照系は平面直角座標系({crs})です。",
       "{file} feature {feature} (row {row}): coordinates ({x}, {y}) look like "
       "longitude/latitude, but the CRS is projected ({crs}).",
       ".prj を緯度経度の座標参照系(JGD2011 = EPSG:6668 など)にしてください。",
       "Declare a longitude/latitude CRS in the .prj (e.g. JGD2011 = EPSG:6668)."),
    _m("geo-outside-japan", "error",
       "{file} 地物 {feature}(行 {row}): 座標 ({x}, {y}) を {crs} として変換すると日本の範囲の外になります。",
       "{file} feature {feature} (row {row}): coordinates ({x}, {y}) taken as {crs} lie "
       "outside Japan.",
       "座標参照系(.prj)が座標の書き方と合っているか確認してください。",
       "Check that the declared CRS (.prj) matches how the coordinates are written."),
    _m("bbox-count", "error",
       "パラメータ _bbox は 最小経度,最小緯度,最大経度,最大緯度 の4つの数をカンマ区切りで書きます(「{value}」は {count} 個)。",
       "Parameter _bbox takes four comma-separated numbers min_lon,min_lat,max_lon,max_lat "
       "(\"{value}\" has {count}).",
       "例: _bbox=139.5,36.5,139.8,36.7", "Example: _bbox=139.5,36.5,139.8,36.7"),
    _m("bbox-not-number", "error",
       "パラメータ _bbox の「{part}」は数ではありません。",
       "Parameter _bbox: \"{part}\" is not a number.",
       "十進数の度で書いてください。例: _bbox=139.5,36.5,139.8,36.7",
       "Write decimal degrees, e.g. _bbox=139.5,36.5,139.8,36.7"),
    _m("bbox-order", "error",
       "パラメータ _bbox の {axis} の最小値 {low} が最大値 {high} より大きくなっています。",
       "Parameter _bbox: the minimum {axis} {low} is greater than the maximum {high}.",
       "順番は 最小経度,最小緯度,最大経度,最大緯度 です。",
       "The order is min_lon,min_lat,max_lon,max_lat."),
    _m("bbox-range", "error",
       "パラメータ _bbox の {axis} {value} が範囲({low}〜{high})の外です。",
       "Parameter _bbox: {axis} {value} is outside {low} to {high}.",
       "経度は -180〜180、緯度は -90〜90 の十進度で書き、経度を先にしてください。",
       "Longitude is -180 to 180 and latitude -90 to 90, in decimal degrees, longitude first."),
    _m("geo-number-field-text", "error",
       "{file} の列「{column}」は .dbf では数値の列ですが、数値でない値「{value}」があり、{result} と読まれてしまいます。",
       "{file}, column \"{column}\": the .dbf declares it numeric but it holds \"{value}\", "
       "which reads as {result}.",
       "GIS ソフトでその列を文字列型にするか、値を数値に直してください。",
       "Make the column a text field in the GIS software, or correct the value."),
    _m("geo-gdal-warning", "warning",
       "{file} を読むときに GDAL が警告しました: {reason}",
       "GDAL warned while reading {file}: {reason}",
       "GIS ソフトでファイルを開き、警告の内容を確認してください。",
       "Open the file in GIS software and check what the warning names."),
    _m("geo-marker-invalid", "error",
       "{file} のスキーマの x-geo {marker} が number 型の緯度・経度のフィールドを指していません。",
       "The x-geo marker {marker} in the schema of {file} does not name a latitude and a "
       "longitude field of type number.",
       "\"x-geo\": {{\"latitude\": \"緯度の列名\", \"longitude\": \"経度の列名\"}} と書き、その2列を type: number にしてください。",
       "Write \"x-geo\": {{\"latitude\": \"<field>\", \"longitude\": \"<field>\"}} and give both "
       "fields type number."),
    _m("not-spatial", "error",
       "データセット {id} のリソース {resource} には位置情報がないため {parameter} は使えません。",
       "Dataset {id}, resource {resource} has no locations, so {parameter} cannot be used.",
       "位置情報のあるリソースを _resource で選ぶか、{parameter} を外してください。",
       "Choose a resource with locations with _resource, or leave out {parameter}."),
    # --- usage statistics (portal usage) ---------------------------------------------------------
    _m("usage-log-unreadable", "error",
       "ログファイル {path} を読めません: {reason}",
       "Cannot read the log file {path}: {reason}",
       "パスを確かめてください。圧縮ファイルは gzip(.gz)だけ読めます。",
       "Check the path; of compressed files only gzip (.gz) is read."),
    _m("usage-table-header", "error",
       "{path} は利用統計の表ではありません(見出し {header}、期待 {expected})。",
       "{path} is not a usage table (header {header}, expected {expected}).",
       "--out には portal-usage データセットの CSV を指定してください。",
       "Give --out the CSV of the portal-usage dataset."),
    _m("usage-table-row", "error",
       "{path} の {row} 行目の件数が整数ではありません。",
       "Row {row} of {path} has a count that is not a whole number.",
       "その行を直すか削除して、もう一度実行してください。",
       "Fix or delete the row and run it again."),
    _m("usage-summary", "warning",
       "{files} 個のログファイルの {lines} 行を集計しました(対象月: {months})。",
       "Counted {lines} lines of {files} log file(s) (months: {months}).",
       "集計した月の行は、--out の表で置き換わります。月ごとに、その月のログをすべて渡してください。",
       "Those months replace their rows in the --out table: pass all of a month's logs."),
    _m("usage-skipped", "warning",
       "形式が合わない {count} 行を数えませんでした(最初の行: {where})。",
       "Skipped {count} malformed line(s) (first: {where}).",
       "アクセスログが combined 形式か確かめてください。途中で切れた行は問題ありません。",
       "Check that the access log is in the combined format; a cut-off line is harmless."),
    _m("usage-line-too-long", "warning",
       "そのうち {count} 行は {limit} 文字を超えていたため、読まずに飛ばしました(最初の行: {where})。",
       "Of those, {count} line(s) were over {limit} characters and were skipped unread "
       "(first: {where}).",
       "combined 形式の1行は数百文字です。ログに別の内容が混ざっていないか確かめてください。",
       "A combined-format line is a few hundred characters; check that nothing else was "
       "written into the log."),
    # --- catalog writing and portal import (ingest/listing.py, ingest/importer.py) --------------
    _m("catalog-file-missing", "error",
       "カタログ {path} がありません(または portal: の項目がありません)。catalog.yaml のあるフォルダで実行するか、--catalog で指定してください。",
       "The catalog {path} does not exist (or has no portal: section). Run the command in "
       "the folder that holds catalog.yaml, or give its location with --catalog.",
       "catalog.yaml のあるフォルダ(リポジトリの最上位)で実行するか、--catalog でその場所を指定してください。",
       "Run the command in the folder that holds catalog.yaml (the top of the repository), "
       "or give its location with --catalog."),
    _m("catalog-english-missing", "warning",
       "データセット {entry} の {field} に英語 (en) がありません。英語のページでは日本語で表示します。",
       "Dataset {entry} has no English (en) text for {field}; English pages show the Japanese.",
       "catalog.yaml の {entry} の {field} に en: を書いてください。",
       "Write the en: text of {field} for {entry} in catalog.yaml."),
    _m("file-not-machine-readable", "error",
       "{file} は {kind} のファイルで、機械判読できる表ではないため取り込みません。",
       "{file} is a {kind} file, not a machine-readable table; it is not imported.",
       "元の表(Excel など)を担当課から受け取り、CSV か Excel で一覧の URL に指定してください。",
       "Get the original table (e.g. the Excel file) from the department and list that CSV "
       "or Excel file instead.",
       rule="L1-02"),
    # --- a file's kind, from its first bytes and its suffix (portal/filekind.py) -----------------
    _m("file-kind-mismatch", "error",
       "{file} は拡張子では {suffix} ですが、中身は {content} です。別の形式として読むことはしません。",
       "{file} is named as {suffix} but its content is {content}; it is not read as "
       "something else.",
       "担当課に正しいファイルを確かめ、中身に合った拡張子(.csv .xlsx .geojson .shp .zip)で置いてください。",
       "Check with the department which file was meant, and give it the suffix of its "
       "content (.csv .xlsx .geojson .shp .zip)."),
    _m("file-kind-unknown", "error",
       "{file} の中身は {content} で、表(CSV・Excel)でも地図(GeoJSON・Shapefile)でもないため読みません。",
       "{file} holds {content}, neither a table (CSV, Excel) nor a map layer (GeoJSON, "
       "Shapefile); it is not read.",
       "同じデータを CSV・Excel・GeoJSON・Shapefile のいずれかで用意してください。",
       "Provide the same data as CSV, Excel, GeoJSON or a Shapefile."),
    _m("resource-format-mismatch", "error",
       "{file} は catalog.yaml で format: {format} ですが、中身は {content} です。",
       "{file} is declared format: {format} in catalog.yaml but its content is {content}.",
       "format を中身に合わせるか、その形式のファイルに置き換えてください。",
       "Make format match the content, or replace the file with one of that format."),
    _m("import-list-unreadable", "error",
       "一覧 {file} を読めません: {reason}",
       "The list {file} cannot be read: {reason}",
       "06 オープンデータ一覧の列を持つ CSV(UTF-8 / Shift_JIS)か Excel を指定してください。",
       "Pass a CSV (UTF-8 or Shift_JIS) or Excel file with the columns of the 06 open data list."),
    _m("import-list-columns", "error",
       "一覧 {file} に必要な列がありません: {columns}",
       "The list {file} lacks the columns: {columns}",
       "見出し行に docs/import.md の列を書いてください(/catalog.csv と同じ列です)。",
       "Give the header row the columns in docs/import.md (those of /catalog.csv)."),
    _m("import-label-unknown", "error",
       "一覧 {file} の {row} 行目「{column}」の値「{value}」は使えません。次のいずれかにしてください: {allowed}",
       "List {file} row {row}, column \"{column}\": \"{value}\" is not allowed; use one of: "
       "{allowed}",
       "一覧の {row} 行目を直して再実行してください。", "Fix row {row} of the list and run again."),
    _m("import-value-invalid", "error",
       "一覧 {file} の {row} 行目「{column}」の値「{value}」が正しくありません({reason})。",
       "List {file} row {row}, column \"{column}\": \"{value}\" is not valid ({reason}).",
       "一覧の {row} 行目を直して再実行してください。", "Fix row {row} of the list and run again."),
    _m("import-file-missing", "error",
       "一覧 {file} の {row} 行目の URL「{value}」のファイルが {files} の下に見つかりません。",
       "List {file} row {row}: no file for the URL \"{value}\" under {files}.",
       "ファイルを {files} に置くか、--files でファイルのあるフォルダを指定してください。",
       "Put the file under {files}, or pass the folder that holds it with --files."),
    _m("import-file-ambiguous", "error",
       "一覧 {file} の {row} 行目の URL「{value}」に合うファイルが複数あります: {candidates}",
       "List {file} row {row}: several files match the URL \"{value}\": {candidates}",
       "URL を --files からの相対パスで書いてください。",
       "Write the URL as a path relative to --files."),
    _m("import-id-derived", "warning",
       "一覧の {row} 行目の ID「{value}」はデータセット ID に使えないため、{entry} にしました。",
       "Row {row}: the list's ID \"{value}\" is not a valid dataset id; using {entry}.",
       "この ID は公開後に変えられません。別の ID にするときは一覧の ID を英小文字・数字・ハイフンにしてください。",
       "The id is permanent once published; to choose another, write it in the list in "
       "lowercase letters, digits and hyphens."),
    _m("import-id-exists", "warning",
       "データセット {entry} はカタログにすでにあり、一覧と内容が違いますが、変更していません。",
       "Dataset {entry} is already in the catalog and differs from the list; it was left alone.",
       "一覧の内容で置き換えるときは --update を付けて再実行してください。",
       "Run again with --update to replace it with the list's content."),
    _m("import-file-changed", "warning",
       "一覧 {file} の {row} 行目のファイル {value} は、データセット {entry} にあるファイルと"
       "内容が違いますが、{entry} は検査に通っているため差し替えていません。",
       "List {file} row {row}: the file {value} differs from the files of dataset {entry}; "
       "{entry} passes validation, so it was not replaced.",
       "新しいファイルで差し替えるときは --update を付けて再実行してください。",
       "Run again with --update to replace the dataset with the new file."),
    _m("import-retried", "warning",
       "データセット {entry} は前回の取り込みで検査に通らなかったため、変更された一覧のファイルから"
       "取り込み直しました(--update は不要です)。",
       "Dataset {entry} failed validation after its last import, so it was imported again from "
       "the list's changed file (no --update needed).",
       "結果の検査で残った問題を直してください。問題がなければ対応は不要です。",
       "Put right what validation still reports below; if nothing, there is nothing to do."),
    _m("import-id-generated", "warning",
       "データセット {entry} はポータルがカタログから生成するため、取り込みません。",
       "Dataset {entry} is generated by the portal from the catalog; it is not imported.",
       "一覧のこの行は不要です(削除してかまいません)。",
       "This row of the list is not needed (you may delete it)."),
    _m("import-row", "warning",
       "{row} 行目 {list_id} → {entry}: {action}",
       "Row {row} {list_id} → {entry}: {action}",
       "「要対応」の行は下の内容を直して再実行してください。",
       "Rows marked as needing attention: fix what is listed below them and run again."),
    _m("import-todo", "warning",
       "  {entry} に記入してください: {field}",
       "  Fill in for {entry}: {field}",
       "catalog.yaml か一覧に記入し、portal validate {entry} で確認してください。",
       "Fill it in (catalog.yaml or the list) and check with portal validate {entry}."),
    _m("import-summary", "warning",
       "{rows} 行・{datasets} データセット: 作成 {created}、更新 {updated}、変更なし {unchanged}、"
       "要対応 {attention}。",
       "{rows} rows, {datasets} datasets: {created} created, {updated} updated, "
       "{unchanged} unchanged, {attention} need attention.",
       "要対応のデータセットを直して再実行してください(再実行しても結果は同じです)。",
       "Fix the datasets that need attention and run again (rerunning is safe)."),
    _m("import-progress", "warning",
       "[{n}/{total}] {entry}",
       "[{n}/{total}] {entry}",
       "取り込みの途中経過です。", "Progress of the import."),
    _m("import-dry-run", "warning",
       "--dry-run: 何も書き込んでいません。",
       "--dry-run: nothing was written.",
       "--dry-run を外すと書き込みます。", "Run without --dry-run to write."),
)

# Codes reports showed before, and the code of the same rule now (docs/validate.md lists
# them): ``--fix`` used to report its own twin of a validation rule's code (issue #19).
ALIASES: dict[str, str] = {
    "ingest-linkdata-preamble": "title-row-above-header",
    "ingest-rows-above-header": "title-row-above-header",
    "ingest-multi-row-header": "multi-row-header",
    "ingest-notes-below": "note-below-table",
    "ingest-blank-rows": "trailing-empty-row",
    "ingest-blank-columns": "trailing-empty-column",
    "ingest-header-blank": "header-blank",
    "ingest-blank-means-same": "blank-means-same",
    "ingest-fullwidth-digits": "fullwidth-digits",
    "ingest-thousands-separator": "number-thousands-separator",
    "ingest-number-with-unit": "number-with-unit",
    "ingest-wareki-date": "wareki-date",
    "ingest-standard-lookalike": "header-lookalike",
}


def canonical(code: str) -> str:
    """The code of the rule ``code`` names: itself, or what an old alias is now."""
    return ALIASES.get(code, code)


class _Messages(dict[str, Message]):
    """The message catalogue; an alias looks up the message of the code it stands for."""

    def __missing__(self, code: str) -> Message:
        if code in ALIASES:
            return self[ALIASES[code]]
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return super().__contains__(ALIASES.get(code, code) if isinstance(code, str) else code)

    def get(self, code: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(ALIASES.get(code, code), default)


MESSAGES: dict[str, Message] = _Messages()
for _message in _CATALOGUE:
    if _message.code in MESSAGES:
        raise RuntimeError(f"message code {_message.code} defined twice")
    MESSAGES[_message.code] = _message
assert not set(ALIASES) & set(dict.keys(MESSAGES)), "an alias is also a message code"
assert set(ALIASES.values()) <= set(dict.keys(MESSAGES)), "an alias names no message"


@dataclass(frozen=True)
class Reason:
    """Why, in words of our own: the ``{reason}`` of a message, rendered in the reader's
    language. (A reason quoted from a library, ``str(exc)``, stays a plain string.)"""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        ja, en = REASONS[self.code]
        return (ja if lang == "ja" else en).format(**self.params)

    def __str__(self) -> str:
        return self.text("en")


def reason(code: str, **params: Any) -> Reason:
    if code not in REASONS:
        raise KeyError(f"no reason {code}")
    return Reason(code, params)


# code → (ja, en). The same placeholders in both (tests/test_messages.py checks it).
REASONS: dict[str, tuple[str, str]] = {
    # catalog.yaml entries (catalog/load.py)
    "needs-ja-and-en": ("ja と en の両方が必要です", "needs both ja and en"),
    "expected-ja-en-mapping": ("{{ja: …, en: …}} の形式にしてください",
                               "expected {{ja: …, en: …}}"),
    "english-missing": ("英語 (en) がありません", "the English (en) text is missing"),
    "japanese-empty": ("日本語 (ja) が空です", "the Japanese (ja) text is empty"),
    "no-such-date": ("存在しない日付です: {value}", "no such date: {value}"),
    "expected-iso-date": ("日付は YYYY-MM-DD で書いてください(書かれていたのは {shown})",
                          "expected YYYY-MM-DD, got {shown}"),
    "not-one-of": ("{value} は使えません。次のいずれかです: {options}",
                   "{value} is not one of: {options}"),
    "resource-needed": ("1件以上のファイルが必要です", "at least one resource is needed"),
    "expected-resource-mapping": ("name, path, format, schema を持つ項目にしてください",
                                  "expected a mapping with name, path, format, schema"),
    "resource-name": ("{name}: 英小文字・数字・ハイフンで、データセットの中で一意にしてください",
                      "{name}: lowercase letters, digits and hyphens, unique in the dataset"),
    "expected-file-path": ("ファイルのパスを書いてください", "expected a file path"),
    "outside-dataset-folder": ("{path} は datasets/{dataset}/ の下に置いてください",
                               "{path} must be under datasets/{dataset}/"),
    "expected-source-mapping": ("title と license を持つ項目にしてください",
                                "expected a mapping with title and license"),
    "unknown-department": ("{value}: portal の departments にある id を書いてください({known})",
                           "{value}: write the id of a department under portal: departments "
                           "({known})"),
    "expected-changes-list": ("date と summary を持つ項目のリストにしてください",
                              "expected a list of items with date and summary"),
    "expected-entry-mapping": ("データセットは項目のマッピングで書いてください",
                               "expected a mapping"),
    "dataset-id": ("英小文字・数字・ハイフンのみです(例: public-facilities)",
                   "lowercase ASCII letters, digits and hyphens only (e.g. public-facilities)"),
    "expected-string-list": ("文字列のリストにしてください", "expected a list of strings"),
    "only-when-withdrawn": ("status: withdrawn のときだけ書きます", "only with status: withdrawn"),
    "before-issued": ("issued より前です", "is before issued"),
    "code-in-quotes": ("6桁の数字を \"…\" で囲んで書いてください(例: \"092053\"、書かれていたのは "
                       "{shown})", "six digits in quotes (e.g. \"092053\"), got {shown}"),
    "expected-department-list": ("id, ja, en を持つ項目のリストにしてください",
                                 "expected a list of items with id, ja and en"),
    "department-id": ("英小文字・数字・ハイフンの一意な id が必要です",
                      "needs a unique id of lowercase letters, digits and hyphens"),
    "file-not-found": ("ファイルがありません", "file not found"),
    # Table Schema files
    "schema-fields-missing": ("\"fields\" のリストがありません", "the \"fields\" list is missing"),
    # 全国地方公共団体コード cells
    "code-not-six-digits": ("6桁の半角数字ではありません", "not 6 ASCII digits"),
    "code-check-digit": ("検査数字は {digit} です", "the check digit should be {digit}"),
    # portal import: the list and its files
    "no-such-folder": ("フォルダがありません", "no such folder"),
    "no-such-file": ("ファイルがありません", "no such file"),
    "list-empty": ("行がありません", "it has no rows"),
    "list-date": ("YYYY-MM-DD で書いてください", "write YYYY-MM-DD"),
    "list-before-issued": ("公開日より前です", "is before 公開日 (the publication date)"),
    "list-file-needed": ("ファイルの URL かパスが必要です", "a file URL or path is needed"),
    "no-header-row": ("どの行も2列以上の列名を持ちません",
                      "no row holds two or more column names before the data"),
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(code: str, lang: str = "ja", **params: Any) -> str:
    """The message ``code`` in ``lang``, its placeholders filled from ``params``."""
    message = MESSAGES[code]
    return message.text(lang).format(**_in_lang(params, lang))


def render_fix(code: str, lang: str = "ja", **params: Any) -> str:
    return MESSAGES[code].fix(lang).format(**_in_lang(params, lang))


@runtime_checkable
class Localized(Protocol):
    """A parameter that says itself in either language: a ``Reason``, or a finding quoted
    as the reason of another message."""

    def text(self, lang: str) -> str: ...


def _in_lang(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {k: v.text(lang) if isinstance(v, Localized) else v for k, v in params.items()}
