#!/usr/bin/python3
"""Reference agreement figures for the PolNeAR annotator-training articles, from NLTK.

Reads the token label sequences dump-tokens.ts wrote and computes, with
nltk.metrics.agreement.AnnotationTask (Debian's python3-nltk):
- Cohen's kappa for every pair of annotators (kappa_pairwise), over the tokens of the articles
  both worked on, the four articles together and each article alone;
- Krippendorff's alpha (nominal: binary_distance), token-wise, over all annotators, an annotator
  missing from an article being missing for its tokens; together and per article.
Writes them as JSON with the sha-256 of the sequences it was given (see polnear.ts
sequencesHash), so the test can tell it labels the tokens as this reference saw them.

  /usr/bin/python3 electron/review/reference/nltk_agreement.py /tmp/polnear-tokens.json \
      electron/review/reference/polnear-agreement.json
"""
import hashlib
import itertools
import json
import sys

import nltk
from nltk.metrics.agreement import AnnotationTask


def sequences_hash(articles):
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a["sha256"]):
        for name in sorted(article["sequences"]):
            line = json.dumps([article["sha256"], name, article["sequences"][name]], ensure_ascii=False, separators=(",", ":"))
            digest.update((line + "\n").encode("utf-8"))
    return digest.hexdigest()


def triples(articles, coders):
    """(coder, item, label) for every token of every article, items named article:token."""
    for article in articles:
        for coder in coders:
            labels = article["sequences"].get(coder)
            if labels is None:
                continue
            for t, label in enumerate(labels):
                yield (coder, "%s:%d" % (article["sha256"], t), label)


def kappas(articles, coders):
    result = []
    for a, b in itertools.combinations(coders, 2):
        both = [x for x in articles if a in x["sequences"] and b in x["sequences"]]
        task = AnnotationTask(data=list(triples(both, [a, b])))
        result.append({"a": a, "b": b, "kappa": task.kappa_pairwise(a, b)})
    return result


def main(source, target):
    with open(source, encoding="utf-8") as f:
        articles = json.load(f)["articles"]
    coders = sorted({name for article in articles for name in article["sequences"]})
    fixture = {
        "reference": "NLTK %s nltk.metrics.agreement.AnnotationTask: kappa_pairwise, alpha (binary_distance)" % nltk.__version__,
        "sequencesSha256": sequences_hash(articles),
        "annotators": coders,
        "alpha": AnnotationTask(data=list(triples(articles, coders))).alpha(),
        "pairs": kappas(articles, coders),
        "articles": [
            {
                "sha256": article["sha256"],
                "title": article["title"],
                "alpha": AnnotationTask(data=list(triples([article], coders))).alpha(),
                "pairs": kappas([article], coders),
            }
            for article in sorted(articles, key=lambda a: a["sha256"])
        ],
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: nltk_agreement.py TOKENS.json FIXTURE.json")
    main(sys.argv[1], sys.argv[2])
