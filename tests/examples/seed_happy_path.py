"""The seed's happy path, as a user writes it: run_and_wait, read the output, the files and the error.

tests/examples/test_examples.py checks this file with `mypy --strict` and runs it against a local server, in a
folder holding a `contract.pdf`, with EIGENPAL_API_KEY and EIGENPAL_BASE_URL set. No isinstance, no sentinel.
"""

import time
from pathlib import Path

from eigenpal_ext import EigenpalClient

with EigenpalClient() as client:
    run = client.run_and_wait("workflows.extract-invoice", input={"contract_document": Path("contract.pdf")})
    if run.output is not None:
        print("total", run.output["totalAmount"])
    for f in run.files or []:
        print("file", f.path)
    print(run.execution.status, run.error)
    print("output", run.output)

    # The seed's manual loop, for a progress UI.
    input = {"contract_document": Path("contract.pdf")}
    triggered = client.run("workflows.extract-invoice", input=input)
    while True:
        run = client.runs.get(triggered.id)
        if run.finished:
            break
        time.sleep(0.2)
    print(run.execution.status, run.output, run.error)
