from aims_lint.cli import run

run()
