#!/usr/bin/env python3
"""Samples CLINC150 (clinc/oos-eval, CC BY 3.0) requests as out-of-scope negatives for the English corpora.

Deterministic (fixed seed). Usage: sample_clinc.py /path/to/clinc150/train.json
Prints three blocks on stdout, to paste into en/intent-train.tsv ("other"), en/risk-train.tsv ("none") and
en/out-of-scope.tsv. Only the 'train' and 'oos_train' splits are used; the two training samples and the
out-of-scope test file never share a message.
"""
import json
import random
import sys

data = json.load(open(sys.argv[1], encoding="utf-8"))
rng = random.Random(20261122)
train = sorted({text for text, _ in data["train"]})
rng.shuffle(train)
oos = sorted({text for text, _ in data["oos_train"]})
intent_other, risk_none, held_out = train[:60], train[60:210], train[210:260]
intent_other_more = train[260:460]  # the second "other" block of en/intent-train.tsv
print("# --- intent-train other")
for t in intent_other:
    print("other\t" + t)
print("# --- intent-train other, second block")
for t in intent_other_more:
    print("other\t" + t)
print("# --- risk-train none")
for t in risk_none:
    print("none\t" + t)
print("# --- out-of-scope")
for t in oos + held_out:
    print("none\t" + t)
