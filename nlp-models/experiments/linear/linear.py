"""Linear learners on the real data's splits (issue 16 experiment; not part of the build).

Reads samples.tsv (written by Dump.java: source, split, text, normalised text) and the curated corpora, trains the
real-text model's kind of classifier (a logistic regression on word 1-2-grams and character 3-5-grams, binary,
unit length) with one variant per JSON argument, chooses the short (<= 280 chars) and long thresholds on dev under
the dev ceilings (r/teenagers 9%, CLINC 0.9%), and prints the share flagged per source on dev and test.

    python3 linear.py '{}' '{"C":1}' '{"idf":true,"binary":false,"sub":true}' '{"nb":true}' '{"pw":1}'
"""
import glob, hashlib, json, os, re, sys, time
import numpy as np, scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.path.join(HERE, '..', '..', 'corpora')
POS = {'suicidewatch', 'twitter-suicidal', 'sdcnl-suicide', 'sdcnl-suicide-titles', 'es-suicidal'}
NEG = {'teenagers', 'twitter-ordinary', 'es-ordinary', 'clinc', 'goemotions', 'formspring', 'fr-teen-chat'}
REPORT = ['suicidewatch', 'twitter-suicidal', 'sdcnl-suicide', 'sdcnl-suicide-titles', 'es-suicidal', 'teenagers',
          'clinc', 'es-ordinary', 'goemotions', 'twitter-ordinary', 'formspring']
data = [l.rstrip('\n').split('\t') for l in open(os.path.join(HERE, 'samples.tsv'), encoding='utf-8')]


def fragments(text, mx=160):
    """RealData.fragments: sentences packed in order up to mx characters."""
    out, cur = [], ''
    for sentence in re.split(r'(?<=[.!?\n])\s+|\n+', text):
        s = sentence.strip()
        while len(s) > mx:
            c = s.rfind(' ', 0, mx)
            c = c if c > 0 else mx
            if cur:
                out.append(cur)
                cur = ''
            out.append(s[:c].strip())
            s = s[c:].strip()
        if not s:
            continue
        if cur and len(cur) + 1 + len(s) > mx:
            out.append(cur)
            cur = ''
        cur = (cur + ' ' + s) if cur else s
    if cur:
        out.append(cur)
    return [o.lower() for o in out]


def training(cfg):
    X, y, w = [], [], []
    for src, split, raw, norm in data:
        if split != 'TRAIN' or src == 'sdcnl-depression' or src in cfg.get('drop', []):
            continue
        if src == "goemotions" and hashlib.sha256(raw.encode()).digest()[0] & 1:  # halved, as RealRiskTrainer does (another hash)
            continue
        pos = src in POS
        X.append(norm); y.append(int(pos)); w.append(cfg.get('pw', 3.0) if pos else 1.0)
        if len(raw) > 280 and not pos:
            for f in fragments(raw):
                X.append(f); y.append(0); w.append(1.0)
    for f in glob.glob(os.path.join(CORPORA, '*', 'risk-train.tsv')):
        for line in open(f, encoding='utf-8'):
            if line.startswith('#') or '\t' not in line:
                continue
            label, text = line.rstrip('\n').split('\t', 1)
            X.append(text.lower()); y.append(int(label in ('high', 'imminent'))); w.append(cfg.get('cw', 2.0))
    return X, np.array(y), np.array(w)


def vectorisers(cfg):
    kw = dict(binary=cfg.get('binary', True), use_idf=cfg.get('idf', False), sublinear_tf=cfg.get('sub', False),
              norm=None, dtype=np.float32)
    return [TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"[\w']+", **kw),
            TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), min_df=2, **kw)]


def matrix(vs, X, fit):
    return normalize(sp.hstack([(v.fit_transform(X) if fit else v.transform(X)) for v in vs]).tocsr())


def scored(p_of, split):
    out = {}
    for s in sorted(POS | NEG):
        texts = [(raw, norm) for src, sp_, raw, norm in data if src == s and sp_ == split]
        if texts:
            out[s] = (p_of([n for _, n in texts]), np.array([len(r) > 280 for r, _ in texts]))
    return out


def thresholds(dev):
    chosen = {}
    for long_ in (False, True):
        for t in np.linspace(0.01, 0.999, 500):
            if all(not ((L == long_).sum() >= 25 and (p[L == long_] >= t).mean() > ceiling)
                   for (p, L), ceiling in ((dev['teenagers'], 0.09), (dev['clinc'], 0.009))):
                chosen[long_] = t
                break
    return chosen


def line(tag, res, th):
    cells = []
    for s in REPORT:
        p, L = res[s]
        cells.append(f"{s}={100 * np.where(L, p >= th[True], p >= th[False]).mean():.1f}")
    print(tag, ' '.join(cells), flush=True)


def run(cfg):
    start = time.time()
    X, y, w = training(cfg)
    vs = vectorisers(cfg)
    M = matrix(vs, X, True)
    R = None
    if cfg.get('nb'):
        p = np.asarray(M[y == 1].sum(0)).ravel() + 1
        q = np.asarray(M[y == 0].sum(0)).ravel() + 1
        R = sp.diags(np.log((p / p.sum()) / (q / q.sum())).astype(np.float32))
        M = M @ R
    lr = LogisticRegression(C=cfg.get('C', 5), max_iter=3000, solver='liblinear').fit(M, y, sample_weight=w)

    def p_of(texts):
        A = matrix(vs, texts, False)
        return lr.predict_proba(A @ R if R is not None else A)[:, 1]

    dev = scored(p_of, 'DEV')
    th = thresholds(dev)
    print(json.dumps(cfg), f"{time.time() - start:.0f}s thresholds short {th[False]:.3f} long {th[True]:.3f}")
    line(' dev ', dev, th)
    line(' test', scored(p_of, 'TEST'), th)


for arg in sys.argv[1:] or ['{}']:
    run(json.loads(arg))
