#!/usr/bin/env python3
"""What a model learned from the real-name labels themselves reaches, by name alone.

    pip install scikit-learn   # not a dependency of trackinglint: this script only
    python scripts/learned_reference.py

A reference for issue 12's bars, not a component: a logistic regression on word and
character n-grams of each name, trained on the labels of
tests/data/classification/real-names.yaml and scored on names of products it never saw
(5 folds grouped by source repository, so one product's names are never on both sides).
It prints, at several thresholds, the share of events right, completions found and
precision, then friction recall against false alarms per 100 names: the trade-off that
names alone, labelled as they are, allow. Compare with the classifier's unseen scores
(README, "How often it reads real names right").
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

THRESHOLDS = (0.5, 0.35, 0.25, 0.15, 0.1)


def main() -> int:
    try:
        import numpy as np
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
    except ImportError:
        print("needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 2
    from trackinglint.classification import tokenize
    from trackinglint.sources.yaml_loader import load_yaml

    path = ROOT / "tests" / "data" / "classification" / "real-names.yaml"
    items = load_yaml(path.read_text(encoding="utf-8"))[0]["events"]
    docs = [" ".join(tokenize(item["name"])) for item in items]
    groups = [item["source"].split(":")[0] for item in items]

    def unseen_probabilities(wanted: np.ndarray) -> np.ndarray:
        """Each name's probability from a model trained on the other products' names."""
        found = np.zeros(len(docs))
        for train, test in GroupKFold(5).split(docs, wanted, groups):
            words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
            parts = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
            )
            seen = [docs[k] for k in train]
            unseen = [docs[k] for k in test]
            x_train = hstack([words.fit_transform(seen), parts.fit_transform(seen)])
            x_test = hstack([words.transform(unseen), parts.transform(unseen)])
            model = LogisticRegression(C=3.0, max_iter=2000).fit(x_train, wanted[train])
            found[test] = model.predict_proba(x_test)[:, 1]
        return found

    done = np.array([item["label"] == "job_completion" for item in items])
    chance = unseen_probabilities(done)
    print(f"{len(items)} names from {len(set(groups))} sources, 5 folds by source")
    for threshold in THRESHOLDS:
        said = chance >= threshold
        found = int((said & done).sum())
        precision = found / max(1, int(said.sum()))
        print(
            f"completion at p >= {threshold}: events {np.mean(said == done):.1%}, "
            f"completions found {found / done.sum():.1%}, precision {precision:.1%}"
        )
    struggle = np.array([bool(item.get("friction")) for item in items])
    chance = unseen_probabilities(struggle)
    for threshold in THRESHOLDS:
        said = chance >= threshold
        print(
            f"friction at p >= {threshold}: recall {(said & struggle).sum() / struggle.sum():.1%}, "
            f"false alarms per 100 {100 * (said & ~struggle).sum() / len(items):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
