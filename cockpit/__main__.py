"""Command line: import source files, make sample data, write blank templates, run benchmarks."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


# The suffixes cockpit.ingest.read.ACCEPTED_SUFFIXES takes (written out: `--help` should not load polars; a test
# keeps the two the same).
IMPORT_HELP = "校验并导入源数据文件（.xlsx / .xlsm / .xls / .et 工作簿，.csv / .txt / .tsv 文本）到某月快照"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cockpit", description="嘉兴市“双进双产”驾驶舱 命令行")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="启动驾驶舱（其后的参数原样交给 streamlit run）")

    imp = sub.add_parser("import", help=IMPORT_HELP)
    imp.add_argument("--month", required=True, help="快照月份 YYYY-MM")
    imp.add_argument("--data-dir", type=Path, default=None)
    imp.add_argument("--check-only", action="store_true", help="只校验，不写入")
    imp.add_argument("files", nargs="+", type=Path)

    sample = sub.add_parser("sample", help="生成示例数据（经由真实导入流程）")
    sample.add_argument("--data-dir", type=Path, default=None)
    sample.add_argument("--seed", type=int, default=2020)
    sample.add_argument("--projects", type=int, default=1500)

    templates = sub.add_parser("templates", help="写出五张空白导入模板")
    templates.add_argument("--out", type=Path, default=Path("templates"))

    briefing = sub.add_parser("briefing", help="生成月度通报（幻灯片PNG、通报Word、清单Excel、zip）")
    briefing.add_argument("--month", required=True, help="快照月份 YYYY-MM")
    briefing.add_argument("--unit", default="city", help="县级主体 id（默认全市 city）")
    briefing.add_argument("--data-dir", type=Path, default=None)
    briefing.add_argument("--out", type=Path, required=True, help="输出目录")

    derive = sub.add_parser("derive", help="按当前配置重新派生各月数据（配置或口径变更后）")
    derive.add_argument("--data-dir", type=Path, default=None)
    derive.add_argument("--all", action="store_true", help="全部重新派生（默认只处理过期的）")

    bench = sub.add_parser("bench", help="查询性能基准")
    bench.add_argument("--projects", default="15000,150000,1500000", help="每月项目数规模，逗号分隔")
    bench.add_argument("--repeat", type=int, default=7)
    bench.add_argument("--json", type=Path, default=None, help="每页每规模一条记录写入此 JSON 文件")
    bench.add_argument("--work", type=Path, default=None,
                       help="数据保留在此目录；已建好的规模直接复测，不重建（默认用临时目录，测完删除）")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # everything after `serve` goes to streamlit unchanged
        from cockpit import serve

        return serve.main(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "import":
        from cockpit.ingest import importer

        return importer.cli(args.files, args.month, args.data_dir, check_only=args.check_only)
    if args.command == "sample":
        from cockpit import sample

        return sample.cli(args.data_dir, seed=args.seed, projects=args.projects)
    if args.command == "templates":
        from cockpit.ingest import templates

        for path in templates.write_all(args.out):
            print(path)
        return 0
    if args.command == "briefing":
        from cockpit import briefing

        return briefing.cli(args.month, args.unit, args.data_dir, args.out)
    if args.command == "derive":
        from cockpit import derive

        return derive.cli(args.data_dir, force=args.all)
    if args.command == "bench":
        from cockpit import bench

        return bench.cli([int(s) for s in args.projects.split(",")], args.repeat, args.json, args.work)
    return 2


if __name__ == "__main__":
    sys.exit(main())
