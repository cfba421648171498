"""Generate a news-like JSONL corpus of a given size for speed and memory benchmarks.

The text is synthetic (nothing is copied from real articles): sentences are built from
templates, common English words (pyspellchecker's frequency list), invented names and numbers,
with the defects scrapers leave at realistic rates (furniture lines, repeated headlines, cut
paragraphs, stray line breaks, no-break spaces, typos). Deterministic for a given seed.

    python benchmarks/corpus.py OUT.jsonl --megabytes 1024
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SYLLABLES = "ka lo mi ra ve tan dor sel bri gan hu pet nor sa li ko zen mar ta vin".split()
FURNITURE = [
    "Advertisement",
    "Follow",
    "Share this article",
    "Updated {n} min ago",
    "Sign up for our newsletter",
    "Read more",
]
TEMPLATES = [
    "{Name} said on {day} that the {noun} would {verb} the {noun2} by {year}.",
    "The {noun} in {Place} has {verbed} {n} {noun2}s since {month}, officials said.",
    "\u201c{Sentence}\u201d {Name} told reporters in {Place}.",
    "According to the {noun} report, {n} percent of {noun2}s were {adj} last {month}.",
    "{Name}, who {verbed} the {noun} in {year}, {verbed2} the {adj} {noun2} on {day}.",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October".split()


def common_words(limit: int = 6000) -> list[str]:
    from spellchecker import SpellChecker

    frequency = SpellChecker().word_frequency
    ranked = sorted(frequency.dictionary.items(), key=lambda item: (-item[1], item[0]))
    return [w for w, _ in ranked[:limit] if w.isalpha() and len(w) > 2]


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words = common_words()
        known = set(words)
        self.nouns = [w for w in words[100:3000] if w + "s" in known]
        self.verbs = [w for w in words if w.endswith("e") and w + "d" in known][:400]
        self.pasts = [w + "d" for w in self.verbs]
        self.adjs = words[2500:4000]
        self.names = [self.name() for _ in range(400)]
        self.places = [self.proper(3) for _ in range(200)]

    def proper(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def name(self) -> str:
        return f"{self.proper(2)} {self.proper(3)}"

    def sentence(self, depth: int = 0) -> str:
        r = self.rng
        template = r.choice(TEMPLATES if depth == 0 else TEMPLATES[:2])
        inner = self.sentence(depth + 1).rstrip(".") if "{Sentence}" in template else ""
        return template.format(
            Name=r.choice(self.names),
            Place=r.choice(self.places),
            Sentence=inner,
            day=r.choice(DAYS),
            month=r.choice(MONTHS),
            year=r.randint(1990, 2026),
            n=r.randint(2, 900),
            noun=r.choice(self.nouns),
            noun2=r.choice(self.nouns),
            verb=r.choice(self.verbs),
            verbed=r.choice(self.pasts),
            verbed2=r.choice(self.pasts),
            adj=r.choice(self.adjs),
        )

    def typo(self, paragraph: str) -> str:
        words = paragraph.split(" ")
        i = self.rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = self.rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1 :]
        return " ".join(words)

    def article(self) -> str:
        r = self.rng
        headline = " ".join(self.sentence().split()[:9]).rstrip(".,")
        lines = [headline, ""]
        if r.random() < 0.3:
            lines += [r.choice(FURNITURE).format(n=r.randint(1, 59)), ""]
        if r.random() < 0.1:
            lines += [headline, ""]
        for _ in range(r.randint(5, 14)):
            paragraph = " ".join(self.sentence() for _ in range(r.randint(2, 5)))
            roll = r.random()
            if roll < 0.03:
                paragraph = paragraph[: len(paragraph) * 2 // 3].rsplit(" ", 1)[0] + " "
            elif roll < 0.06:
                cut = paragraph.find(" the ", len(paragraph) // 2)
                if cut > 0:
                    paragraph = paragraph[:cut] + "\u00a0\n" + paragraph[cut + 1 :]
            elif roll < 0.10:
                paragraph = self.typo(paragraph)
            lines += [paragraph, ""]
        if r.random() < 0.2:
            lines.append(r.choice(FURNITURE).format(n=r.randint(1, 59)))
        return "\n".join(lines).rstrip("\n")


def generate(out: Path, megabytes: float, seed: int = 7) -> int:
    writer = Writer(seed)
    target = int(megabytes * 1_000_000)
    written = 0
    records = 0
    sites = [f"{writer.proper(2).lower()}.example" for _ in range(20)]
    with out.open("w", encoding="utf-8") as fh:
        while written < target:
            records += 1
            text = writer.article()
            record = {
                "id": f"doc-{records}",
                "url": f"https://{writer.rng.choice(sites)}/{records}",
                "text": text,
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(text.encode("utf-8"))
    return records


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--megabytes", type=float, default=20.0, help="text size (not file size)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    records = generate(args.out, args.megabytes, args.seed)
    print(f"wrote {records:,} records, {args.megabytes:,.0f} MB of text, to {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
