#!/usr/bin/env bash
# Prints the Python to build the virtual environment with: Python 3.12 (what CI tests), else
# 3.13, from PATH or from pyenv's installed versions (Django 6 needs 3.12+); else python3, on
# which pip takes the Django 5.2 LTS.
for candidate in python3.12 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3.12 \
  python3.13 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13; do
  if "$candidate" -c 'import sys, venv; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then
    command -v "$candidate"
    exit 0
  fi
done
command -v python3
