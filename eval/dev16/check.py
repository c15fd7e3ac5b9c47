#!/usr/bin/env python3
"""Consistency checks for the dev16 evaluation set (see eval/check_split.py)."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from check_split import run  # noqa: E402

run(HERE, earlier=['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'dev12', 'dev13', 'dev14', 'dev15'], first_date="2038-08-01", last_date="2039-06-30", words=(550, 850))
