"""Consistency checks shared by the dev eval sets written from new articles (eval/dev4, eval/dev5):
the JSON parses, ids are unique, every fact is verbatim in a named article, the new articles'
front matter, length and dates are right, refuted claims say their kind, and the counts match
the set's README. Each set's check.py calls run() with its own corpus and dates."""
import json, re, sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(here, earlier, first_date, last_date, words=(450, 750)):
    """here: the set's folder; earlier: the eval folders whose articles its corpus also holds;
    first_date, last_date: the range (YYYY-MM-DD) the new articles' dates must fall in;
    words: the range of a new article's body length."""
    HERE = Path(here).resolve()
    CORPUS_DIRS = [ROOT / "corpus", *(ROOT / "eval" / name / "corpus" for name in earlier), HERE / "corpus"]
    NEW_IDS = {p.stem for p in (HERE / "corpus").glob("*.md")}
    errors = []


    def err(msg):
        errors.append(msg)

    # --- corpus ---
    articles = {}
    for d in CORPUS_DIRS:
        for p in sorted(d.glob("*.md")):
            text = p.read_text(encoding="utf-8")
            m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
            if not m:
                err(f"{p}: no front matter"); continue
            fm = dict(re.findall(r"^(\w+):\s*(.*)$", m.group(1), re.M))
            aid = fm.get("id")
            if not aid:
                err(f"{p}: no id"); continue
            if aid in articles:
                err(f"duplicate article id {aid}")
            articles[aid] = text.lower()
    for p in (HERE / "corpus").glob("*.md"):
        text = p.read_text(encoding="utf-8")
        body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
        n = len(body.split())
        if not words[0] <= n <= words[1]:
            err(f"{p.name}: body has {n} words (want {words[0]}-{words[1]})")
        fm = dict(re.findall(r"^(\w+):\s*(.*)$", text.split("---")[1], re.M))
        if fm.get("id") != p.stem:
            err(f"{p.name}: id {fm.get('id')} differs from file name")
        if not re.match(r"\d{4}-\d\d-\d\d$", fm.get("published", "")) or not first_date <= fm["published"] <= last_date:
            err(f"{p.name}: published date {fm.get('published')} outside {first_date}..{last_date}")
        for field in ("title", "publisher", "published_note", "url"):
            if not fm.get(field):
                err(f"{p.name}: front matter lacks {field}")

    # --- questions ---
    def check_unique_ids(items, kind):
        for k, v in Counter(x["id"] for x in items).items():
            if v > 1: err(f"duplicate {kind} id {k}")

    q = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    check_unique_ids(q, "question")
    for x in q:
        for a in x.get("articles", []):
            if a not in articles: err(f"{x['id']}: unknown article {a}")
        if x.get("answerable", True):
            if not x.get("articles") or not x.get("facts"):
                err(f"{x['id']}: answerable but missing articles/facts"); continue
            texts = [articles.get(a, "") for a in x["articles"]]
            for f in x["facts"]:
                alts = f if isinstance(f, list) else [f]
                if not any(alt.lower() in t for alt in alts for t in texts):
                    err(f"{x['id']}: fact {f!r} not found verbatim in {x['articles']}")
        else:
            if x.get("facts"): err(f"{x['id']}: unanswerable but has facts")
        if "history" in x:
            h = x["history"]
            if not (isinstance(h, list) and all(set(t) == {"role", "content"} for t in h)):
                err(f"{x['id']}: bad history")

    # --- claims ---
    c = json.loads((HERE / "claims.json").read_text(encoding="utf-8"))
    check_unique_ids(c, "claim")
    for x in c:
        if x["verdict"] not in ("supported", "refuted", "not_enough_info"):
            err(f"{x['id']}: bad verdict {x['verdict']}")
        if x["verdict"] == "refuted":
            if x.get("kind") not in ("update", "date", "number", "entity", "polarity"):
                err(f"{x['id']}: refuted claim with bad kind {x.get('kind')!r}")
            if x.get("kind") == "update" and len(x.get("articles", [])) < 2:
                err(f"{x['id']}: update claim should name the older and the updating article")
        elif "kind" in x:
            err(f"{x['id']}: kind given for a {x['verdict']} claim")
        if not x.get("articles"): err(f"{x['id']}: no articles")
        for a in x.get("articles", []):
            if a not in articles: err(f"{x['id']}: unknown article {a}")
    if {x["id"] for x in q} & {x["id"] for x in c}: err("question and claim ids overlap")

    # --- counts against README ---
    ans = [x for x in q if x.get("answerable", True)]
    una = [x for x in q if not x.get("answerable", True)]
    ans_new = sum(1 for x in ans if set(x["articles"]) & NEW_IDS)
    verd = Counter(x["verdict"] for x in c)
    kinds = Counter(x.get("kind") for x in c if x["verdict"] == "refuted")
    actual = {
        "questions": len(q), "answerable": len(ans), "answerable_new": ans_new,
        "answerable_old": len(ans) - ans_new, "history": sum(1 for x in q if "history" in x),
        "unanswerable": len(una),
        "near_miss": sum(1 for x in una if x.get("articles")),
        "no_article": sum(1 for x in una if not x.get("articles")),
        "claims": len(c), "supported": verd["supported"], "refuted": verd["refuted"],
        "nei": verd["not_enough_info"],
        "update": kinds["update"], "date": kinds["date"], "number": kinds["number"],
        "entity": kinds["entity"], "polarity": kinds["polarity"],
        "claims_new": sum(1 for x in c if set(x["articles"]) & NEW_IDS),
    }
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    patterns = {
        "questions": r"`questions\.json`: (\d+) questions",
        "answerable": r"(\d+) are answerable",
        "answerable_new": r"(\d+) of them involve a new article",
        "answerable_old": r"(\d+) cover only the older articles",
        "history": r"(\d+) have a `history`",
        "unanswerable": r"(\d+) are unanswerable",
        "near_miss": r"(\d+) near-misses",
        "claims": r"`claims\.json`: (\d+) claims",
        "supported": r"(\d+) are `supported`",
        "refuted": r"(\d+) are `refuted`",
        "nei": r"(\d+) are `not_enough_info`",
        "update": r"update (\d+)", "date": r"\bdate (\d+)", "number": r"number (\d+)",
        "entity": r"entity (\d+)", "polarity": r"polarity (\d+)",
        "claims_new": r"(\d+) of the claims involve a new article",
    }
    m = re.search(r"(\d+) off-topic questions and (\d+) garbage inputs", readme)
    if not m: err("README: off-topic/garbage counts not found")
    elif int(m.group(1)) + int(m.group(2)) != actual["no_article"]:
        err(f"README says {m.group(1)} off-topic + {m.group(2)} garbage, actual {actual['no_article']} without articles")
    for k, pat in patterns.items():
        m = re.search(pat, readme)
        if not m: err(f"README: count for {k} not found"); continue
        if int(m.group(1)) != actual[k]:
            err(f"README says {k}={m.group(1)}, actual {actual[k]}")

    print("counts:", actual)
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors: print(" -", e)
        sys.exit(1)
    print("OK")
