"""The message catalogue: every code the portal reports, with severity, rule, ja/en text and fix.

A code is kebab-case, stable and never reused. Texts are ``str.format`` templates; the ja and en
versions of a message take the same placeholders (``tests/test_messages.py`` checks it).
Severity: ``error`` blocks publication, ``warning`` is reported but publishes.
``rule`` is the Digital Agency machine-readability rule id where the check implements one.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Literal

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
       "{field} の書式を docs/catalog.md で確認してください。",
       "See docs/catalog.md for the format of {field}."),
    _m("catalog-unknown-field", "warning",
       "データセット {entry} に未知の項目 {field} があります(綴りを確認してください)。",
       "Dataset {entry} has an unknown field {field} (check the spelling).",
       "項目名を docs/catalog.md の一覧と照らし合わせてください。",
       "Compare the field name with the list in docs/catalog.md."),
    _m("catalog-duplicate-id", "error",
       "データセット ID {entry} が重複しています。",
       "Dataset id {entry} is used more than once.",
       "ID は一意にしてください。一度公開した ID は変更しないでください。",
       "Give each dataset a unique id; never change a published id."),
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
    _m("row-length-mismatch", "error",
       "{file} の {row} 行目は列数が {count} で、見出しの {expected} 列と合いません。",
       "Row {row} of {file} has {count} cells; the header has {expected}.",
       "余分な区切り文字や、値の中のコンマを引用符で囲んでいるか確認してください。",
       "Check for extra delimiters, and quote values that contain commas."),
    _m("xlsx-several-sheets", "error",
       "Excel ファイル {file} に表のあるシートが複数あります({sheets})。1ファイル1表にしてください。",
       "Excel file {file} has several sheets with data ({sheets}); publish one table per file.",
       "シートごとに別のファイル(リソース)に分けてください。",
       "Split each sheet into its own file (resource).",
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
       "{file} {row} 行目「{column}」の日付「{value}」が未来の日付です(今日は {today})。",
       "{file} row {row}, column \"{column}\": the date \"{value}\" is in the future (today is {today}).",
       "日付を確認してください。予定日など未来の日付を許す列はスキーマに \"x-allowFuture\": true を書きます。",
       "Check the date. For columns of planned dates, set \"x-allowFuture\": true in the schema."),
    _m("cell-line-break", "error",
       "{file} {row} 行目「{column}」のセルに改行があります。",
       "{file} row {row}, column \"{column}\": the cell contains a line break.",
       "改行を取り除くか、項目を別の列に分けてください。",
       "Remove the line break, or split the value into separate columns.",
       rule="L3-05"),
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
       "{file} の1行目がタイトル行のようです(最初のセルだけに値があります)。",
       "{file}: row 1 looks like a title (only its first cell has a value).",
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
    _m("coordinate-outside-japan", "error",
       "{file} {row} 行目「{column}」の値 {value} は日本の範囲({low}〜{high})の外です。",
       "{file} row {row}, column \"{column}\": {value} lies outside Japan ({low} to {high}).",
       "緯度と経度の取り違えや符号、十進度(例: 36.5671)で書かれているかを確認してください。",
       "Check for swapped latitude/longitude, the sign, and decimal degrees (e.g. 36.5671)."),
    # --- standard datasets (自治体標準オープンデータセット) -------------------------------------
    _m("standard-unknown", "error",
       "データセット {entry} の standard「{standard}」は対応していない標準データセットです(対応: {known})。",
       "Dataset {entry}: standard \"{standard}\" is not a supported standard dataset (supported: {known}).",
       "standard の値を確認してください。",
       "Check the value of standard."),
    _m("standard-columns", "error",
       "{file}: 標準データセット {standard} の {column_number} 列目は「{column}」ですが、「{value}」になっています。",
       "{file}: column {column_number} of standard dataset {standard} must be \"{column}\", "
       "found \"{value}\".",
       "標準データセットの列名と順序に合わせてください。",
       "Use the column names and order of the standard dataset."),
    _m("standard-file-name", "error",
       "{file}: 標準データセットのファイル名は {expected} にしてください。",
       "{file}: a standard dataset file must be named {expected}.",
       "ファイル名を {expected} に変更してください。",
       "Rename the file to {expected}."),
    _m("local-government-code", "error",
       "{file} {row} 行目「{column}」の全国地方公共団体コード「{value}」が正しくありません({reason})。",
       "{file} row {row}, column \"{column}\": local government code \"{value}\" is wrong ({reason}).",
       "6桁の文字列で、先頭の0を残して書いてください(鹿沼市は 092053)。",
       "Write the 6-digit code as text, keeping leading zeros (Kanuma is 092053)."),
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
       "", ""),
    # --- HTTP API ------------------------------------------------------------------------------
    # --- command line ---------------------------------------------------------------------------
    _m("git-ref-unknown", "error",
       "git の参照 {ref} が見つかりません: {reason}",
       "git reference {ref} cannot be found: {reason}",
       "ブランチ名(例: origin/main)を確認し、`git fetch` してから再実行してください。",
       "Check the branch name (e.g. origin/main); run `git fetch` and try again."),
    _m("validate-summary", "warning",
       "{datasets} 件のデータセットを検査しました: エラー {errors} 件、警告 {warnings} 件。",
       "Checked {datasets} datasets: {errors} errors, {warnings} warnings.",
       "エラーを直して再実行してください。", "Fix the errors and run it again."),
    _m("validate-ok", "warning",
       "{datasets} 件のデータセットを検査しました。エラーはありません(警告 {warnings} 件)。",
       "Checked {datasets} datasets: no errors ({warnings} warnings).",
       "そのまま公開できます。", "Ready to publish."),
)

MESSAGES: dict[str, Message] = {}
for _message in _CATALOGUE:
    if _message.code in MESSAGES:
        raise RuntimeError(f"message code {_message.code} defined twice")
    MESSAGES[_message.code] = _message


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(code: str, lang: str = "ja", **params: Any) -> str:
    """The message ``code`` in ``lang``, its placeholders filled from ``params``."""
    message = MESSAGES[code]
    return message.text(lang).format(**params)


def render_fix(code: str, lang: str = "ja", **params: Any) -> str:
    return MESSAGES[code].fix(lang).format(**params)
