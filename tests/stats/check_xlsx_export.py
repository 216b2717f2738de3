#!/usr/bin/python3
"""kioskctl stats export --format xlsx, read back by an independent reader.

Usage: check_xlsx_export.py KIOSKCTL MAKE_STATS_FIXTURE WORK_DIR

Makes the fixture kiosk.db (tests/stats/stats_fixture.cpp lists its numbers),
exports it as XLSX in Chinese and in English and as JSON, opens the XLSX with
openpyxl (Debian's python3-openpyxl; run with /usr/bin/python3) and checks:
one sheet per report with the Chinese names, bold headers, numbers stored as
numbers, the fixture's numbers and Chinese titles, and every cell of every
report equal to the JSON export's value. Exits 1 on any mismatch.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def close(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) < 1e-9


def run(arguments):
    result = subprocess.run(arguments, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"{' '.join(arguments)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
        sys.exit(1)


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    kioskctl, make_fixture, work_dir = sys.argv[1:]
    os.makedirs(work_dir, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="stats-xlsx-", dir=work_dir)
    try:
        db = os.path.join(folder, "kiosk.db")
        run([make_fixture, db])
        zh_path, en_path, json_path = (os.path.join(folder, name)
                                       for name in ("r.xlsx", "en.xlsx", "r.json"))
        run([kioskctl, "stats", "export", "--db", db, "--format", "xlsx", "-o", zh_path])
        run([kioskctl, "stats", "export", "--db", db, "--format", "xlsx", "--lang", "en",
             "-o", en_path])
        run([kioskctl, "stats", "export", "--db", db, "--format", "json", "-o", json_path])

        book = openpyxl.load_workbook(zh_path)
        expected_sheets = ["数据来源", "每日访客", "繁忙时段", "展项（按访问次数）",
                           "展项（按停留时间）", "展项中的发现", "发现的字段取值", "测验轮次", "测验正确率（最难在前）",
                           "选项选择次数", "数据质量", "时钟跳变", "每日汇总"]
        check(book.sheetnames == expected_sheets, f"sheet names {book.sheetnames}")

        about = {row[0]: row[1] for row in rows(book["数据来源"])}
        check(about.get("数据纪元（epoch）") == "fixture-epoch-0001", f"about {about}")

        visitors = rows(book["每日访客"])
        check(visitors[0] == ["日期", "访客人次", "平均时长（秒）"], f"visitors header {visitors[0]}")
        check(book["每日访客"]["A1"].font.b, "the header row is not bold")
        # Days are Excel dates (issue 20), shown as yyyy-mm-dd; the last row is the total.
        check(visitors[2] == [datetime.datetime(2025, 6, 1), 3, 120.0], f"visitors row {visitors[2]}")
        check(book["每日访客"]["A3"].number_format == "yyyy-mm-dd",
              f"day format {book['每日访客']['A3'].number_format}")
        check(visitors[-1][0] == "合计" and visitors[-1][1] == sum(row[1] for row in visitors[1:-1]),
              f"visitors total row {visitors[-1]}")
        check(isinstance(about.get("创建时间"), datetime.datetime), f"created {about.get('创建时间')!r}")
        check(isinstance(visitors[2][1], int), "sessions are not stored as a number")
        check(book["每日访客"]["C3"].number_format == "0.0",
              f"decimal format {book['每日访客']['C3'].number_format}")

        exhibits = rows(book["展项（按访问次数）"])
        check(exhibits[1] == ["pendulum-lab", "单摆实验室", 5, 9.0, 108.0, 1],
              f"top exhibit {exhibits[1]}")
        check(exhibits[2][1] == '水的循环, "雨"', f"quoted title {exhibits[2][1]}")
        check(rows(book["展项（按停留时间）"])[1][0] == "light-maze", "dwell order")

        quiz = rows(book["测验正确率（最难在前）"])
        check(quiz[1][:5] == ["physics-basics", "q2", "光在真空中每秒约传播多少公里？", 6, 1],
              f"hardest question {quiz[1]}")
        check(close(quiz[1][5], 16.7), f"accuracy {quiz[1][5]}")

        quality = {row[0]: row[2] for row in rows(book["数据质量"])[1:]}
        check(quality.get("implausible_time") == 2 and quality.get("dropped_log_events") == 7
              and quality.get("dropped_raw_events") == 2, f"data quality {quality}")

        widths = book["展项（按访问次数）"].column_dimensions["B"].width
        check(widths is not None and widths >= 12, f"title column width {widths}")

        # Every report's every cell equals the JSON export (numbers as numbers).
        document = json.load(open(json_path, encoding="utf-8"))
        # Days and times are dates in XLSX and ISO 8601 text in JSON (times
        # with their offset); a table's total row is JSON's "totals" entry.
        totals = document.get("totals", {})
        check(set(totals) == {"visitors_per_day", "busiest_hours"}, f"JSON totals {list(totals)}")

        def same_cell(cell, value):
            if isinstance(cell, datetime.datetime):
                return isinstance(value, str) and (
                    value == cell.strftime("%Y-%m-%d")
                    or (len(value) > 19 and value[19] in ".+-"
                        and value[:16] == cell.strftime("%Y-%m-%dT%H:%M")))
            return cell == value or close(cell, value) or (cell is None and value in (None, ""))

        for sheet_name, (key, table) in zip(expected_sheets[1:], document["reports"].items()):
            sheet_rows = rows(book[sheet_name])
            json_rows = table + ([totals[key]] if key in totals else [])
            check(len(sheet_rows) == len(json_rows) + 1,
                  f"{sheet_name}: {len(sheet_rows) - 1} rows, JSON {key} has {len(json_rows)}")
            for sheet_row, json_row in zip(sheet_rows[1:], json_rows):
                for cell, value in zip(sheet_row, json_row.values()):
                    check(same_cell(cell, value) or (json_row is totals.get(key) and cell == "合计"),
                          f"{sheet_name}: {cell!r} where JSON {key} has {value!r}")

        english = openpyxl.load_workbook(en_path)
        check(english.sheetnames[1] == "Visitors per day", f"English sheets {english.sheetnames}")
        check(rows(english["Exhibits by visits"])[1][1] == "Pendulum lab", "English title")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    for failure in failures:
        print("MISMATCH:", failure)
    print("xlsx export:", "ok" if not failures else f"{len(failures)} mismatch(es)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
