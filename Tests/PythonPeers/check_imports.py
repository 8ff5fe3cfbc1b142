#!/usr/bin/env python3
"""Runs every import statement of the Python peers named, as they are written there, and says which fail.

    check_imports.py SCRIPT...

Used by `.ci/run` (to decide whether a vendor's SDK must be installed, then to check it is) and by the Swift tests'
`Prerequisite.pythonPeer` (to decide whether a peer test can run): both ask for exactly what the peers import, names
included (`from wechatpy.enterprise.crypto import WeChatCrypto`, not just `import wechatpy`). Each statement runs on its
own, in the order written; a failing one is reported and the rest still run. Exit status 0 when all succeed, 1 when one
fails, 2 on bad usage. Nothing else of the scripts runs.
"""
import ast
import sys


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    failed = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read(), path)
        imports = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
        for node in sorted(imports, key=lambda node: (node.lineno, node.col_offset)):
            statement = ast.unparse(node)
            try:
                exec(compile(statement, path, "exec"), {})
            except Exception as error:  # noqa: BLE001 (any failure to import is what is reported)
                failed += 1
                print(f"missing {path}:{node.lineno}: {statement}  ({type(error).__name__}: {error})")
            else:
                print(f"ok      {path}:{node.lineno}: {statement}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
