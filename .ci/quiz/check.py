"""Checks the quiz files of built models with independent readers.

For every model folder given: `quiz.gift` is read by gift-pegjs (a PEG grammar of Moodle's
GIFT format, from npm, run by .ci/web/gift.mjs),
`quiz-qti.zip` by pyslet (an IMS QTI 2.1 and content-packaging implementation from PyPI),
which loads the manifest, the test and every item and runs each item's response processing:
the right choice must score 1, every other choice 0, and the explanation must be shown. The
two files must ask the same questions with the same choices and the same right answer.
Exits non-zero on the first problem, naming the model and the question.

Usage: python check.py OUTPUT_DIR/MODEL [...]
"""

import html
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import pyslet.imscpv1p2 as cp
import pyslet.qtiv2.interactions as interactions
import pyslet.qtiv2.tests as qtitests
import pyslet.qtiv2.variables as variables
import pyslet.qtiv2.xml as qtixml


def fail(where, message):
    print(f"quiz check: {where}: {message}", file=sys.stderr)
    sys.exit(1)


def read_gift(path):
    here = os.path.dirname(os.path.abspath(__file__))
    script = os.path.join(here, "..", "web", "gift.mjs")
    run = subprocess.run(["node", script, path], capture_output=True, text=True)
    if run.returncode != 0:
        fail(path, run.stderr.strip())
    out = []
    for q in json.loads(run.stdout)[path]:
        where = f"{path}: {q.get('title')!r}"
        if q["type"] != "MC":
            fail(where, f"a {q['type']} question, not multiple choice")
        if q["stem"]["format"] != "html":
            fail(where, f"marked up as {q['stem']['format']}, not html")
        right = [i for i, c in enumerate(q["choices"]) if c["isCorrect"]]
        if len(right) != 1:
            fail(where, f"{len(right)} right answers")
        out.append(
            {
                "stem": html.unescape(q["stem"]["text"]),
                "options": [html.unescape(c["text"]["text"]) for c in q["choices"]],
                "answer": right[0],
                "feedback": (q.get("globalFeedback") or {}).get("text"),
            }
        )
    return out


def run(item, choice):
    """The outcomes of one attempt at `item` answered with `choice`."""
    state = variables.ItemSessionState(item)
    state.begin_session()
    state.begin_attempt()
    state["RESPONSE"] = variables.IdentifierValue(choice)
    state.end_attempt()
    return state["SCORE"].value, state["FEEDBACK"].value


def read_qti(path):
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if "imsmanifest.xml" not in names:
                fail(path, "no imsmanifest.xml at the root")
            z.extractall(tmp)
        package = cp.ContentPackage(tmp)
        resources = package.manifest.root.Resources.Resource
        tests = [r for r in resources if r.type == "imsqti_test_xmlv2p1"]
        items = {r.id: r for r in resources if r.type == "imsqti_item_xmlv2p1"}
        if len(tests) != 1:
            fail(path, f"{len(tests)} tests in the manifest")
        test_doc = qtixml.QTIDocument(baseURI=os.path.join(tmp, "test.xml"))
        test_doc.read()
        refs = list(test_doc.root.find_children_depth_first(qtitests.AssessmentItemRef))
        deps = [d.identifierref for d in tests[0].Dependency]
        if [r.identifier for r in refs] != deps or sorted(deps) != sorted(items):
            fail(path, "the test, its dependencies and the items disagree")
        out = []
        for ref in refs:
            where = f"{path}: {ref.identifier}"
            doc = qtixml.QTIDocument(baseURI=os.path.join(tmp, str(ref.href)))
            doc.read()
            item = doc.root
            if not isinstance(item, qtixml.items.AssessmentItem):
                fail(where, "not an assessmentItem")
            (ci,) = list(item.find_children_depth_first(interactions.ChoiceInteraction))
            choices = list(ci.find_children_depth_first(interactions.SimpleChoice))
            prompt = "".join(str(x) for x in ci.Prompt.get_children())
            scores = [run(item, c.identifier) for c in choices]
            right = [i for i, (s, _) in enumerate(scores) if s == 1.0]
            if len(right) != 1 or any(s not in (0.0, 1.0) for s, _ in scores):
                fail(where, f"scores {scores}")
            if any(f != "EXPLANATION" for _, f in scores) and item.ModalFeedback:
                fail(where, "the explanation is not shown")
            out.append(
                {
                    "stem": prompt,
                    "options": ["".join(str(x) for x in c.get_children()) for c in choices],
                    "answer": right[0],
                }
            )
        return out


def main(folders):
    checked = 0
    for folder in folders:
        g, q = os.path.join(folder, "quiz.gift"), os.path.join(folder, "quiz-qti.zip")
        if not os.path.exists(g):
            continue
        a, b = read_gift(g), read_qti(q)
        if len(a) != len(b) or not a:
            fail(folder, f"{len(a)} GIFT questions, {len(b)} QTI items")
        for n, (x, y) in enumerate(zip(a, b), 1):
            for key in ("stem", "options", "answer"):
                if x[key] != y[key]:
                    fail(f"{folder} question {n}", f"{key}: GIFT {x[key]!r}, QTI {y[key]!r}")
        checked += len(a)
    if checked == 0:
        fail(" ".join(folders), "no quiz found")
    print(f"quiz check: {checked} questions in {len(folders)} folders read alike by gift-pegjs and pyslet; every item scores 1 for its right choice only")


if __name__ == "__main__":
    main(sys.argv[1:])
