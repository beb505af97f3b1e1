"""Safe autofixes: edits that cannot change what the product sends.

`model` holds the fix descriptions rules attach to their problems (imported by
rules, so it imports nothing above sources); `apply` turns them into new file
text (shared by `check --fix`, `check --diff` and the language server's code
actions); `files` writes atomically; `run` is the `--fix` loop.
"""
